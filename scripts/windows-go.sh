#!/usr/bin/env bash
# Builds real Windows Go toolchains (windows/amd64) from the Debian Go
# toolchains' own sources, for the tests that run goenv-hook.exe and go.exe
# under wine (tests/win_e2e.rs). Each goes into
# tools/wingo/go<version> (git-ignored; $GOENV_HOOK_WINGO_DIR overrides the
# folder), laid out like the tree of Go's Windows zip:
#   bin/go.exe, bin/gofmt.exe, pkg/tool/windows_amd64/*.exe (the tools a
#   build, vet and test use), VERSION, go.env, src, pkg/include, and
#   lib/time/zoneinfo.zip (Debian strips it; made anew from
#   /usr/share/zoneinfo).
# The executables are built by the Linux go of the same version with
# GOOS=windows GOARCH=amd64 CGO_ENABLED=0 GOTOOLCHAIN=local (1-2 minutes
# each; `GOOS=windows ./make.bash` gives the same and takes about 13).
#
# Idempotent: a complete tree is left alone. A tree is built in
# .go<version>.partial and renamed into place only when complete (and an
# incomplete one is renamed away before it is removed), so a run that was
# interrupted leaves nothing that is ever used: its leftovers are removed
# and the tree built again.
#
# Usage: scripts/windows-go.sh [MINOR...]   (default: 1.21 1.22 1.23)
#   MINOR is a Debian toolchain, /usr/lib/go-MINOR (golang-MINOR-go).
# Prints each tree's directory.
set -euo pipefail
cd "$(dirname "$0")/.."

out=${GOENV_HOOK_WINGO_DIR:-$PWD/tools/wingo}
minors=("$@")
[ ${#minors[@]} -gt 0 ] || minors=(1.21 1.22 1.23)
command -v zip >/dev/null || { echo "windows-go.sh: zip is missing; run scripts/install-test-deps.sh" >&2; exit 1; }
[ -d /usr/share/zoneinfo ] || { echo "windows-go.sh: /usr/share/zoneinfo is missing (tzdata); run scripts/install-test-deps.sh" >&2; exit 1; }
mkdir -p "$out"
# A build cache of the run's own, removed at the end (about 350 MB a tree).
cache=$(mktemp -d "$out/.gocache.XXXXXX")
trap 'rm -rf "$cache"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
tools=(compile link asm cgo buildid pack vet cover covdata test2json)

# The files every tree must have (checked before a tree is used or renamed
# into place).
complete() {
  local t=$1 f
  for f in VERSION go.env bin/go.exe bin/gofmt.exe lib/time/zoneinfo.zip \
    src/runtime/runtime.go pkg/include/textflag.h; do
    [ -s "$t/$f" ] || return 1
  done
  for f in "${tools[@]}"; do
    [ -s "$t/pkg/tool/windows_amd64/$f.exe" ] || return 1
  done
}

for minor in "${minors[@]}"; do
  src=/usr/lib/go-$minor
  [ -x "$src/bin/go" ] || { echo "windows-go.sh: $src/bin/go is missing (golang-$minor-go); run scripts/install-test-deps.sh" >&2; exit 1; }
  version=$(head -n 1 "$src/VERSION")
  case "$version" in
    go1.*) ;;
    *) echo "windows-go.sh: $src/VERSION starts with '$version', not a Go version" >&2; exit 1 ;;
  esac
  tree=$out/$version
  if [ -d "$tree" ]; then
    if complete "$tree"; then
      echo "$tree"
      continue
    fi
    echo "windows-go.sh: $tree is incomplete; building it again" >&2
    # Out of the way first, so that an interrupted removal leaves no
    # half-tree under the tree's name.
    mv "$tree" "$out/.$version.stale.$$"
  fi
  rm -rf "$out/.$version".stale.*
  start=$SECONDS
  part=$out/.$version.partial
  rm -rf "$part"
  mkdir -p "$part/bin" "$part/pkg/tool/windows_amd64" "$part/pkg" "$part/lib/time"
  cp "$src/VERSION" "$src/go.env" "$part/"
  # -L: Debian's src and pkg/include are links into /usr/share/go-MINOR.
  cp -RL "$src/src" "$part/src"
  cp -RL "$src/pkg/include" "$part/pkg/include"
  (cd /usr/share/zoneinfo && zip -0 -r -X -q "$part/lib/time/zoneinfo.zip" . \
    -x 'right/*' 'posix/*' '*.tab' '*.zi' 'leap*' posixrules SECURITY)
  # Only what the build needs: nothing from the caller's Go settings, no
  # network, the run's own build cache.
  gobuild() {
    (cd / && env -i PATH=/usr/bin:/bin HOME="${HOME:-/tmp}" GOROOT="$src" GOOS=windows GOARCH=amd64 \
      CGO_ENABLED=0 GOTOOLCHAIN=local GOENV=off GOFLAGS= GOPROXY=off GOWORK=off \
      GOCACHE="$cache" GOPATH="$cache/gopath" "$src/bin/go" build -trimpath "$@")
  }
  gobuild -o "$part/bin/go.exe" cmd/go
  gobuild -o "$part/bin/gofmt.exe" cmd/gofmt
  gobuild -o "$part/pkg/tool/windows_amd64/" "${tools[@]/#/cmd/}"
  complete "$part" || { echo "windows-go.sh: $part is incomplete after the build" >&2; exit 1; }
  mv "$part" "$tree"
  echo "windows-go.sh: built $tree in $((SECONDS - start)) s" >&2
  echo "$tree"
done

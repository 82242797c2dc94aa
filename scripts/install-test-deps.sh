#!/usr/bin/env bash
# Installs everything the test suite needs on a fresh Debian bookworm machine:
# real shells, linters, the four Debian Go toolchains, Nushell 0.115.1 and
# mise 2026.9.15 (from npm; Debian's nodejs and npm are installed first when
# npm is missing), wine
# (for cmd), hyperfine and direnv (benchmark peers), groff (man pages), lua5.4
# (the Clink snippet) and systemd (its environment.d generator).
# For the Windows build and the tests under wine (scripts/build-windows.sh,
# scripts/windows-go.sh): Debian's rustc-web, cargo-web and rust-web-src
# (1.96, from bookworm-security, added if missing: rustup's toolchain has no
# Windows std) and its clippy (rust-web-clippy), mingw-w64's gcc (linker, and the stand-in DLL), zip and
# tzdata (the Windows Go trees' zoneinfo.zip).
# Idempotent: a second run only checks. Needs root (or sudo).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
SUDO=""
[ "$(id -u)" = 0 ] || SUDO="sudo"

# From npm, into tools/ (git-ignored): Nushell 0.115.1 (tests use its static
# binary) and mise (a neighbour in tests/e2e_neighbours.rs and a peer in
# bench/run.sh; @jdxcode/mise-linux-x64 ships the binary itself).
nu_bin="$here/tools/node_modules/@nushell/linux-x64/bin/nu"
mise_version=2026.9.15
mise_bin="$here/tools/node_modules/@jdxcode/mise-linux-x64/bin/mise"
need_nu=0
if [ ! -x "$nu_bin" ] || ! "$nu_bin" --version 2>/dev/null | grep -qx '0.115.1'; then
  need_nu=1
fi
if [ ! -x "$mise_bin" ] || ! "$mise_bin" --version 2>/dev/null | grep -q "^$mise_version "; then
  need_nu=1
fi

need_apt=0
# npm (and nodejs) only when Nushell or mise must be installed and npm is missing; a
# node that comes with its own npm (e.g. NodeSource's) is left alone.
node_pkgs=()
if [ "$need_nu" = 1 ] && ! command -v npm >/dev/null 2>&1; then
  need_apt=1
  node_pkgs=(nodejs npm)
fi
generator=/usr/lib/systemd/user-environment-generators/30-systemd-environment-d-generator
for bin in bash zsh fish dash elvish shellcheck shfmt tmux expect script strace hyperfine direnv wine groff lua5.4 man git; do
  command -v "$bin" >/dev/null 2>&1 || need_apt=1
done
[ -x "$generator" ] || need_apt=1
for v in 1.19 1.21 1.22 1.23; do
  [ -x "/usr/lib/go-$v/bin/go" ] || need_apt=1
done
# The Windows build: Debian's cargo and rustc (not rustup's, in ~/.cargo/bin),
# their std sources, the mingw-w64 linker; zip and the zone files for the
# Windows Go trees.
win_bins=(/usr/bin/cargo /usr/bin/rustc /usr/bin/cargo-clippy /usr/bin/x86_64-w64-mingw32-gcc /usr/bin/zip)
win_std=/usr/lib/rustlib/src/rust/library/std/src/lib.rs
for f in "${win_bins[@]}"; do
  [ -x "$f" ] || need_apt=1
done
[ -f "$win_std" ] || need_apt=1
[ -f /usr/share/zoneinfo/Europe/Berlin ] || need_apt=1

if [ "$need_apt" = 1 ]; then
  # rustc-web 1.96 comes from bookworm-security (bookworm's own is 1.85).
  if ! grep -rqs 'bookworm-security' /etc/apt/sources.list /etc/apt/sources.list.d/; then
    echo "deb http://deb.debian.org/debian-security bookworm-security main" | $SUDO tee /etc/apt/sources.list.d/security.list >/dev/null
  fi
  if ! grep -rqs bookworm-backports /etc/apt/sources.list /etc/apt/sources.list.d/; then
    echo "deb http://deb.debian.org/debian bookworm-backports main" | $SUDO tee /etc/apt/sources.list.d/backports.list >/dev/null
  fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
    zsh fish dash elvish shellcheck shfmt tmux expect bsdutils strace hyperfine direnv \
    wine wine64 groff-base man-db git lua5.4 systemd golang-1.19-go "${node_pkgs[@]}" \
    rustc-web cargo-web rust-web-src rust-web-clippy gcc-mingw-w64-x86-64 zip tzdata >/dev/null
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
    -t bookworm-backports golang-1.21-go golang-1.22-go golang-1.23-go >/dev/null
fi

if [ "$need_nu" = 1 ]; then
  command -v npm >/dev/null || { echo "missing after install: npm" >&2; exit 1; }
  mkdir -p "$here/tools"
  (cd "$here/tools" && npm install --no-audit --no-fund --silent --save-exact \
    nushell@0.115.1 "@jdxcode/mise-linux-x64@$mise_version" >/dev/null)
fi

for bin in bash zsh fish dash elvish shellcheck shfmt tmux expect script strace hyperfine direnv wine groff lua5.4 man git; do
  command -v "$bin" >/dev/null || { echo "missing after install: $bin" >&2; exit 1; }
done
[ -x "$generator" ] || { echo "missing after install: $generator" >&2; exit 1; }
"$nu_bin" --version 2>/dev/null | grep -qx '0.115.1' || { echo "missing after install: nu 0.115.1 at $nu_bin" >&2; exit 1; }
"$mise_bin" --version 2>/dev/null | grep -q "^$mise_version " || { echo "missing after install: mise $mise_version at $mise_bin" >&2; exit 1; }
for v in 1.19 1.21 1.22 1.23; do
  "/usr/lib/go-$v/bin/go" version >/dev/null
done
for f in "${win_bins[@]}"; do
  [ -x "$f" ] || { echo "missing after install: $f" >&2; exit 1; }
done
[ -f "$win_std" ] || { echo "missing after install: $win_std (rust-web-src)" >&2; exit 1; }
[ -f /usr/share/zoneinfo/Europe/Berlin ] || { echo "missing after install: /usr/share/zoneinfo (tzdata)" >&2; exit 1; }
# build-std needs std's sources of the very version of rustc, and the
# workspace needs 1.95 or later.
rustc_ver=$(/usr/bin/rustc --version | cut -d' ' -f2)
src_ver=$(dpkg-query -W -f '${Version}' rust-web-src 2>/dev/null || true)
case "$src_ver" in
  "$rustc_ver"+*) ;;
  *) echo "Debian's rustc is $rustc_ver but rust-web-src is '$src_ver': install matching rustc-web and rust-web-src from bookworm-security" >&2; exit 1 ;;
esac
case "$rustc_ver" in
  1.9[5-9].* | 1.[1-9][0-9][0-9].*) ;;
  *) echo "Debian's rustc is $rustc_ver; the Windows build needs 1.95 or later (rustc-web from bookworm-security)" >&2; exit 1 ;;
esac
echo "test dependencies ready"

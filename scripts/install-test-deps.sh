#!/usr/bin/env bash
# Installs everything the test suite needs on a fresh Debian bookworm machine:
# real shells, linters, the four Debian Go toolchains, Nushell 0.115.1 (from
# npm; Debian's nodejs and npm are installed first when npm is missing), wine
# (for cmd), hyperfine and direnv (benchmark peers), groff (man pages), lua5.4
# (the Clink snippet) and systemd (its environment.d generator).
# Idempotent: a second run only checks. Needs root (or sudo).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
SUDO=""
[ "$(id -u)" = 0 ] || SUDO="sudo"

# Nushell 0.115.1 from npm, into tools/ (git-ignored); tests use the static binary.
nu_bin="$here/tools/node_modules/@nushell/linux-x64/bin/nu"
need_nu=0
if [ ! -x "$nu_bin" ] || ! "$nu_bin" --version 2>/dev/null | grep -qx '0.115.1'; then
  need_nu=1
fi

need_apt=0
# npm (and nodejs) only when Nushell must be installed and npm is missing; a
# node that comes with its own npm (e.g. NodeSource's) is left alone.
node_pkgs=()
if [ "$need_nu" = 1 ] && ! command -v npm >/dev/null 2>&1; then
  need_apt=1
  node_pkgs=(nodejs npm)
fi
generator=/usr/lib/systemd/user-environment-generators/30-systemd-environment-d-generator
for bin in bash zsh fish dash shellcheck shfmt tmux expect script strace hyperfine direnv wine groff lua5.4; do
  command -v "$bin" >/dev/null 2>&1 || need_apt=1
done
[ -x "$generator" ] || need_apt=1
for v in 1.19 1.21 1.22 1.23; do
  [ -x "/usr/lib/go-$v/bin/go" ] || need_apt=1
done

if [ "$need_apt" = 1 ]; then
  if ! grep -rqs bookworm-backports /etc/apt/sources.list /etc/apt/sources.list.d/; then
    echo "deb http://deb.debian.org/debian bookworm-backports main" | $SUDO tee /etc/apt/sources.list.d/backports.list >/dev/null
  fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
    zsh fish dash shellcheck shfmt tmux expect bsdutils strace hyperfine direnv \
    wine wine64 groff-base lua5.4 systemd golang-1.19-go "${node_pkgs[@]}" >/dev/null
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
    -t bookworm-backports golang-1.21-go golang-1.22-go golang-1.23-go >/dev/null
fi

if [ "$need_nu" = 1 ]; then
  command -v npm >/dev/null || { echo "missing after install: npm" >&2; exit 1; }
  mkdir -p "$here/tools"
  (cd "$here/tools" && npm install --no-audit --no-fund --silent nushell@0.115.1 >/dev/null)
fi

for bin in bash zsh fish dash shellcheck shfmt tmux expect script strace hyperfine direnv wine groff lua5.4; do
  command -v "$bin" >/dev/null || { echo "missing after install: $bin" >&2; exit 1; }
done
[ -x "$generator" ] || { echo "missing after install: $generator" >&2; exit 1; }
"$nu_bin" --version 2>/dev/null | grep -qx '0.115.1' || { echo "missing after install: nu 0.115.1 at $nu_bin" >&2; exit 1; }
for v in 1.19 1.21 1.22 1.23; do
  "/usr/lib/go-$v/bin/go" version >/dev/null
done
echo "test dependencies ready"

#!/usr/bin/env bash
# Builds goenv-hook in release mode and installs it (like `cargo install
# --path .`, into $CARGO_HOME/bin, or --root DIR/bin).
#
# On Linux with glibc the binary is linked statically, without
# position-independent code: the prompt hook is a process started at every
# prompt that needs it, and most of its cost is the start itself. With no
# dynamic loader and no relocations to apply, it starts about 0.3 ms sooner
# than the same code linked dynamically (bench/run.sh shows both floors).
# Elsewhere, or with --dynamic, it is the ordinary cargo build.
#
# Usage: scripts/install.sh [--root DIR] [--dynamic]
set -euo pipefail
cd "$(dirname "$0")/.."

root="${CARGO_HOME:-$HOME/.cargo}"
dynamic=0
while [ $# -gt 0 ]; do
  case "$1" in
    --root) root=$2; shift 2 ;;
    --root=*) root=${1#--root=}; shift ;;
    --dynamic) dynamic=1; shift ;;
    -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "install.sh: unknown argument '$1' (expected --root DIR or --dynamic)" >&2; exit 64 ;;
  esac
done

host=$(rustc -vV | sed -n 's/^host: //p')
case "$host" in
  *-linux-gnu*) static=$((1 - dynamic)) ;;
  *) static=0 ;;
esac

if [ "$static" = 1 ]; then
  # `cargo rustc` passes the flags to the final binary only: build scripts
  # and proc macros stay dynamic, as they must.
  cargo rustc --release --locked -p goenv-hook --bin goenv-hook -- \
    -C target-feature=+crt-static -C relocation-model=static
else
  cargo build --release --locked -p goenv-hook --bin goenv-hook
fi

mkdir -p "$root/bin"
install -m 755 target/release/goenv-hook "$root/bin/goenv-hook"
echo "installed $root/bin/goenv-hook ($([ "$static" = 1 ] && echo "statically linked" || echo "dynamically linked"))"
case ":$PATH:" in
  *":$root/bin:"*) ;;
  *) echo "note: $root/bin is not on PATH; add it, or use the full path in the init line" ;;
esac
# shellcheck disable=SC2016 # the line is printed for the user to copy, not expanded
echo 'next: add the init line for your shell (README, "Setup, per shell"), e.g. eval "$(goenv-hook init bash)" in ~/.bashrc'

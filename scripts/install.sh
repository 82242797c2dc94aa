#!/usr/bin/env bash
# Builds goenv-hook in release mode and installs it (like `cargo install
# --path .`: into $CARGO_INSTALL_ROOT/bin, else $CARGO_HOME/bin, else
# ~/.cargo/bin; or --root DIR/bin), with its shell completions and man pages,
# then prints the line to add for your shell ($SHELL).
#
# On Linux with glibc the binary is linked statically, without
# position-independent code: the prompt hook is a process started at every
# prompt that needs it, and most of its cost is the start itself. With no
# dynamic loader and no relocations to apply, it starts about 0.3 ms sooner
# than the same code linked dynamically (bench/run.sh shows both floors).
# Elsewhere, or with --dynamic, it is the ordinary cargo build.
#
# The binary is the one cargo reports building (wherever CARGO_TARGET_DIR or
# .cargo/config put it). Completions and man pages go where each tool finds
# them with no setup:
#   man pages  ROOT/share/man/man1 (man5, man7 for the config file, the
#              environment variables, the checks): man-db searches ../share/man of every
#              PATH directory ending in /bin, so ROOT/bin on PATH suffices;
#   bash       bash-completion's user directory (with --root:
#              ROOT/share/bash-completion/completions, found through
#              XDG_DATA_DIRS for ROOT=/usr/local or /usr);
#   fish       ~/.config/fish/completions (with --root:
#              ROOT/share/fish/vendor_completions.d);
#   zsh        ~/.local/share/zsh/site-functions, which zsh does not search
#              by default (the script says what to add to ~/.zshrc); with
#              --root: ROOT/share/zsh/site-functions (on zsh's default fpath
#              for ROOT=/usr/local).
#
# Usage: scripts/install.sh [--root DIR] [--dynamic]
set -euo pipefail
cd "$(dirname "$0")/.."

root="${CARGO_INSTALL_ROOT:-${CARGO_HOME:-$HOME/.cargo}}"
user_dirs=1
dynamic=0
while [ $# -gt 0 ]; do
  case "$1" in
    --root) root=$2; user_dirs=0; shift 2 ;;
    --root=*) root=${1#--root=}; user_dirs=0; shift ;;
    --dynamic) dynamic=1; shift ;;
    -h|--help) sed -n '2,30p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "install.sh: unknown argument '$1' (expected --root DIR or --dynamic)" >&2; exit 64 ;;
  esac
done

host=$(rustc -vV | sed -n 's/^host: //p')
case "$host" in
  *-linux-gnu*) static=$((1 - dynamic)) ;;
  *) static=0 ;;
esac

# cargo prints one JSON line per artifact on stdout (diagnostics and progress
# still go to the terminal); the executable of the goenv-hook binary is the
# file to install.
json=$(mktemp)
trap 'rm -f "$json"' EXIT
if [ "$static" = 1 ]; then
  # `cargo rustc` passes the flags to the final binary only: build scripts
  # and proc macros stay dynamic, as they must.
  cargo rustc --release --locked -p goenv-hook --bin goenv-hook --message-format=json-render-diagnostics -- \
    -C target-feature=+crt-static -C relocation-model=static > "$json"
else
  cargo build --release --locked -p goenv-hook --bin goenv-hook --message-format=json-render-diagnostics > "$json"
fi
# The path as JSON writes it: `\\` and `\"` are the escapes a path can need.
built=$(grep '"reason":"compiler-artifact"' "$json" | grep '"name":"goenv-hook","src_path"' | grep '"kind":\["bin"\]' \
  | sed -n 's/.*"executable":"\(\([^"\\]\|\\.\)*\)".*/\1/p' | tail -n 1 | sed 's/\\"/"/g; s/\\\\/\\/g')
if [ -z "$built" ] || [ ! -x "$built" ]; then
  echo "install.sh: cargo did not report the goenv-hook executable (see $json)" >&2
  trap - EXIT
  exit 1
fi

mkdir -p "$root/bin"
install -m 755 "$built" "$root/bin/goenv-hook"
exe="$root/bin/goenv-hook"
echo "installed $exe ($([ "$static" = 1 ] && echo "statically linked" || echo "dynamically linked"), built as $built)"

data_home="${XDG_DATA_HOME:-$HOME/.local/share}"
config_home="${XDG_CONFIG_HOME:-$HOME/.config}"
if [ "$user_dirs" = 1 ]; then
  bash_dir="${BASH_COMPLETION_USER_DIR:-$data_home/bash-completion}/completions"
  zsh_dir="$data_home/zsh/site-functions"
  fish_dir="$config_home/fish/completions"
else
  bash_dir="$root/share/bash-completion/completions"
  zsh_dir="$root/share/zsh/site-functions"
  fish_dir="$root/share/fish/vendor_completions.d"
fi
man_dir="$root/share/man/man1"
mkdir -p "$bash_dir" "$zsh_dir" "$fish_dir" "$man_dir" "$root/share/man/man5" "$root/share/man/man7"
"$exe" completions bash > "$bash_dir/goenv-hook"
"$exe" completions zsh > "$zsh_dir/_goenv-hook"
"$exe" completions fish > "$fish_dir/goenv-hook.fish"
install -m 644 man/*.1 "$man_dir/"
install -m 644 man/*.5 "$root/share/man/man5/"
install -m 644 man/*.7 "$root/share/man/man7/"
echo "completions: $bash_dir/goenv-hook, $zsh_dir/_goenv-hook, $fish_dir/goenv-hook.fish"
echo "man pages: $root/share/man (man goenv-hook, man goenv-hook.toml, man goenv-hook-checks, man goenv-hook-environment)"

# The init line for the user's shell, with the bare name when ROOT/bin is on
# PATH, else with the full path.
cmd=goenv-hook
on_path=1
case ":$PATH:" in
  *":$root/bin:"*) ;;
  *) on_path=0; cmd=$(printf '%q' "$exe") ;;
esac
shell=$(basename "${SHELL:-sh}")
echo
case "$shell" in
  bash) echo "next: add this line at the end of ~/.bashrc (and have ~/.bash_profile source ~/.bashrc):"
    echo "  eval \"\$($cmd init bash)\"" ;;
  zsh) echo "next: add these lines at the end of ~/.zshrc (the fpath line before compinit, for completions):"
    if [ "$user_dirs" = 1 ]; then
      echo "  fpath+=($(printf '%q' "$zsh_dir"))"
    fi
    echo "  eval \"\$($cmd init zsh)\"" ;;
  fish) echo "next: add this line at the end of ~/.config/fish/config.fish:"
    echo "  $cmd init fish | source" ;;
  nu) echo "next: save the init file once, and source it at the end of config.nu:"
    echo "  $cmd init nu | save -f (\$nu.default-config-dir | path join goenv.nu)"
    echo "  source (\$nu.default-config-dir | path join goenv.nu)" ;;
  *) echo "next: add this line at the end of ~/.profile (for $shell; README, \"Setup, per shell\", for others):"
    echo "  eval \"\$($cmd init posix)\"" ;;
esac
if [ "$on_path" = 0 ]; then
  echo "($root/bin is not on PATH: the line uses the full path; with $root/bin on PATH, man finds the man pages too)"
fi
echo "then open a new shell (or run the line in this one). Check the setup with: $cmd doctor"

#!/usr/bin/env bash
# Cross-compiles goenv-hook for Windows (x86_64-pc-windows-gnu) on Debian
# bookworm, with warnings denied, and prints where the .exe is.
#
# rustup's toolchain has no Windows std (and rustup's servers may be out of
# reach), so this uses Debian's rustc-web/cargo-web 1.96 with their own std
# sources (rust-web-src) and build-std, linking with mingw-w64
# (scripts/install-test-deps.sh installs all of it). rustup's proxies in
# ~/.cargo/bin would shadow Debian's cargo and rustc, hence the PATH of
# /usr/bin:/bin for this one command; its own target directory
# (target/windows) keeps it from fighting the Linux build over a lock or a
# fingerprint.
#
# Usage: scripts/build-windows.sh [--debug] [--clippy] [--plugin] [--lib-tests] [--allow-warnings]
#   --debug           a debug build (target/windows/x86_64-pc-windows-gnu/debug)
#   --clippy          also run Debian's clippy for the Windows target, -D warnings
#   --plugin          also build the Nushell plugin (nu_plugin_goenv.exe)
#   --lib-tests       also build the unit tests for Windows and run them under
#                     wine (scripts/wine-run.sh is cargo's target runner);
#                     with --clippy, clippy over the tests' code as well
#   --allow-warnings  warnings don't fail the build (local use only, while a
#                     Windows-only warning is being fixed; rebuilds std once)
set -euo pipefail
cd "$(dirname "$0")/.."

profile=release
clippy=0
plugin=0
lib_tests=0
rustflags=-Dwarnings
while [ $# -gt 0 ]; do
  case "$1" in
    --debug) profile=debug; shift ;;
    --clippy) clippy=1; shift ;;
    --plugin) plugin=1; shift ;;
    --lib-tests) lib_tests=1; shift ;;
    --allow-warnings) rustflags=; shift ;;
    -h|--help) sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "build-windows.sh: unknown argument '$1' (expected --debug, --clippy, --plugin, --lib-tests or --allow-warnings)" >&2; exit 64 ;;
  esac
done

target=x86_64-pc-windows-gnu
target_dir="$PWD/target/windows"
for tool in /usr/bin/cargo /usr/bin/rustc /usr/bin/x86_64-w64-mingw32-gcc; do
  [ -x "$tool" ] || { echo "build-windows.sh: $tool is missing; run scripts/install-test-deps.sh" >&2; exit 1; }
done
[ -d /usr/lib/rustlib/src/rust/library/std ] || {
  echo "build-windows.sh: Debian's std sources (rust-web-src) are missing; run scripts/install-test-deps.sh" >&2
  exit 1
}

# Debian's toolchain only: no rustup proxy, no RUSTC/RUSTFLAGS from the
# caller. -Dwarnings reaches this workspace's crates only (cargo caps lints
# of std and of registry crates).
debian() {
  env PATH=/usr/bin:/bin HOME="$HOME" CARGO_HOME="${CARGO_HOME:-$HOME/.cargo}" \
    RUSTC=/usr/bin/rustc RUSTC_BOOTSTRAP=1 RUSTFLAGS="$rustflags" \
    CARGO_TARGET_DIR="$target_dir" "$@"
}
debian_cargo() { debian /usr/bin/cargo "$@"; }

flags=(--locked --target "$target" "-Zbuild-std=std,panic_abort")
[ "$profile" = release ] && flags+=(--release)

start=$SECONDS
debian_cargo build "${flags[@]}" -p goenv-hook --bin goenv-hook
exe="$target_dir/$target/$profile/goenv-hook.exe"
[ -f "$exe" ] || { echo "build-windows.sh: cargo succeeded but $exe is missing" >&2; exit 1; }
echo "built $exe ($((SECONDS - start)) s)"

if [ "$clippy" = 1 ]; then
  start=$SECONDS
  # Debian's cargo-clippy by its path: `cargo clippy` would find rustup's
  # proxy in $CARGO_HOME/bin first.
  [ -x /usr/bin/cargo-clippy ] || { echo "build-windows.sh: Debian's clippy (rust-web-clippy) is missing" >&2; exit 1; }
  debian /usr/bin/cargo-clippy clippy "${flags[@]}" -p goenv-hook --lib --bins -- -D warnings
  echo "clippy for $target: clean ($((SECONDS - start)) s)"
fi

if [ "$plugin" = 1 ]; then
  start=$SECONDS
  debian_cargo build "${flags[@]}" -p nu_plugin_goenv
  echo "built $target_dir/$target/$profile/nu_plugin_goenv.exe ($((SECONDS - start)) s)"
fi
if [ "$lib_tests" = 1 ]; then
  test_flags=(--locked --target "$target" -Zbuild-std=std,panic_abort,panic_unwind,test -p goenv-hook)
  if [ "$clippy" = 1 ]; then
    # The unit tests' code too (clippy above saw the library without
    # cfg(test)); the integration tests in tests/ drive the binaries from
    # Linux and are not built for Windows.
    start=$SECONDS
    debian /usr/bin/cargo-clippy clippy "${test_flags[@]}" --lib --bins --profile test -- -D warnings
    echo "clippy for $target unit tests: clean ($((SECONDS - start)) s)"
  fi
  start=$SECONDS
  debian env CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUNNER="$PWD/scripts/wine-run.sh" \
    /usr/bin/cargo test "${test_flags[@]}" --lib --bins
  echo "unit tests for $target under wine: passed ($((SECONDS - start)) s)"
fi
echo "$exe"

#!/usr/bin/env bash
# Runs a Windows executable under wine in a private prefix, for cargo's
# target runner (CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUNNER), so the unit
# tests built for x86_64-pc-windows-gnu run here:
#   scripts/build-windows.sh --lib-tests
# The prefix ($GOENV_HOOK_WINE_PREFIX, default target/windows/wine-prefix)
# is booted once, its services left to finish, and given the stand-in
# bcryptprimitives.dll wine 8.0 lacks (tests/windows/bcryptprimitives.c;
# Rust's std imports ProcessPrng from it); a half-made prefix is never used
# (it is made under another name and renamed into place). The program runs
# with a small environment (HOME, PATH=/usr/bin:/bin, the prefix) and stdin
# from /dev/null; its exit status is the script's (a status other than 0
# or libtest's 101 gets one more run: wine's occasional failed start).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
prefix=${GOENV_HOOK_WINE_PREFIX:-$here/target/windows/wine-prefix}
home=$here/target/windows/wine-home
for tool in wine wineboot wineserver x86_64-w64-mingw32-gcc; do
  command -v "$tool" >/dev/null || { echo "wine-run.sh: $tool is missing; run scripts/install-test-deps.sh" >&2; exit 1; }
done
mkdir -p "$home"
wine_env() {
  env -i HOME="$home" PATH=/usr/bin:/bin WINEPREFIX="$1" WINEDEBUG=-all "${@:2}"
}
if [ ! -f "$prefix/system32-dll-ok" ]; then
  partial="$prefix.partial.$$"
  rm -rf "$partial"
  mkdir -p "$(dirname "$prefix")"
  wine_env "$partial" wineboot --init </dev/null >/dev/null 2>&1
  wine_env "$partial" wineserver -w </dev/null >/dev/null 2>&1 || true
  x86_64-w64-mingw32-gcc -shared -O2 -s \
    -o "$partial/drive_c/windows/system32/bcryptprimitives.dll" \
    "$here/tests/windows/bcryptprimitives.c" -ladvapi32
  touch "$partial/system32-dll-ok"
  # Another run may have made it meanwhile: then use that one.
  mv -T "$partial" "$prefix" 2>/dev/null || rm -rf "$partial"
fi
status=0
wine_env "$prefix" wine "$@" </dev/null || status=$?
# wine occasionally fails to start a program once in a young prefix; a
# test binary's own failure is 101 (libtest), which is never retried.
if [ "$status" != 0 ] && [ "$status" != 101 ]; then
  echo "wine-run.sh: $1 exited with $status; running it once more (wine's occasional failed start)" >&2
  status=0
  wine_env "$prefix" wine "$@" </dev/null || status=$?
fi
exit "$status"

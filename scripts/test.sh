#!/usr/bin/env bash
# The whole test suite, from a fresh Debian bookworm machine: installs what
# the tests need (shells, linters, Go toolchains, Nushell 0.115.1, wine,
# Debian's Rust for Windows and mingw-w64), then checks formatting and
# lints, builds goenv-hook.exe (warnings denied) and runs its unit tests
# under wine, builds the Windows Go toolchains the wine tests run, then
# runs every test (win_e2e among them: goenv-hook.exe under wine's cmd),
# then the end-to-end tests again against the installed (statically
# linked) binary.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-test-deps.sh
cargo fmt --all --check
cargo clippy --workspace --all-targets -- -D warnings
# Windows: goenv-hook.exe for x86_64-pc-windows-gnu (target/windows),
# clippy for that target (the unit tests' code included), warnings denied,
# and the unit tests built for Windows and run under wine; real Windows Go
# toolchains (tools/wingo, kept between runs) for win_e2e, which `cargo
# test --workspace` runs: both must be there first.
scripts/build-windows.sh --clippy --lib-tests
scripts/windows-go.sh 1.21 1.22 1.23
cargo test --workspace --no-fail-fast
# The end-to-end tests once more, against the binary users install
# (scripts/install.sh: statically linked on Linux/glibc).
inst=$(mktemp -d)
trap 'rm -rf "$inst"' EXIT
scripts/install.sh --root "$inst" >/dev/null
GOENV_HOOK_TEST_EXE="$inst/bin/goenv-hook" cargo test -p goenv-hook --no-fail-fast \
  --test 'e2e_*' --test render_hooks --test toolchains --test doctor_ground_truth

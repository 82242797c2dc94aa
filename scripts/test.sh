#!/usr/bin/env bash
# The whole test suite, from a fresh Debian bookworm machine: installs what
# the tests need (shells, linters, Go toolchains, Nushell 0.115.1, wine),
# then checks formatting and lints, then runs every test, then the
# end-to-end tests again against the installed (statically linked) binary.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-test-deps.sh
cargo fmt --all --check
cargo clippy --workspace --all-targets -- -D warnings
cargo test --workspace --no-fail-fast
# The end-to-end tests once more, against the binary users install
# (scripts/install.sh: statically linked on Linux/glibc).
inst=$(mktemp -d)
trap 'rm -rf "$inst"' EXIT
scripts/install.sh --root "$inst" >/dev/null
GOENV_HOOK_TEST_EXE="$inst/bin/goenv-hook" cargo test -p goenv-hook --no-fail-fast \
  --test 'e2e_*' --test render_hooks --test toolchains --test doctor_ground_truth

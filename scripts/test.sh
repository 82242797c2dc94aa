#!/usr/bin/env bash
# The whole test suite, from a fresh Debian bookworm machine: installs what
# the tests need (shells, linters, Go toolchains, Nushell 0.115.1, wine),
# then checks formatting and lints, then runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-test-deps.sh
cargo fmt --all --check
cargo clippy --workspace --all-targets -- -D warnings
cargo test --workspace --no-fail-fast

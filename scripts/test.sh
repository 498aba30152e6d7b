#!/usr/bin/env bash
# The README's test command: installs what is missing, builds, and runs every test.
#   IMMAGIN_FUZZ_SECONDS  how long the fuzz target runs (default 60)
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup-debian.sh

step() { printf '\n== %s\n' "$*"; }

step "npm packages of the tests (tests/package-lock.json: s3rver, sharp and thumbhash as oracles, wasm-vips, playwright-core; edge/worker: workerd)"
npm ci --prefix tests --no-audit --no-fund
npm ci --prefix edge/worker --no-audit --no-fund  # workerd, which runs luna.wasm; wrangler, which bundles it

step "SDK (sdk/typescript): npm ci, build, type-check, unit tests"
npm ci --prefix sdk/typescript --no-audit --no-fund
npm --prefix sdk/typescript test

step "format check (clang-format-19)"
scripts/check-format.sh

step "wasm32-wasi: libraries from Debian sources (toolchain/, cached), luna.wasm"
cmake --preset wasm >/dev/null
cmake --build --preset wasm
scripts/wasm-size.sh build/wasm/edge/wasm/luna.wasm

step "unit, integration, CLI, oracle, conformance (luna-server and workerd), parity and end-to-end tests (debug build, ASan + UBSan)"
cmake --preset debug >/dev/null
cmake --build --preset debug
ctest --preset debug -j "$(nproc)"
tests/parity/shared_parity.sh build/debug/tests/parity/shared_parity \
  build/wasm/tests/parity/shared_parity.wasm tests/parity/payloads.jsonl

step "fuzzing for ${IMMAGIN_FUZZ_SECONDS:-60}s each: payload decoding + edit parsing, originals through the engine, the host protocol"
cmake --preset fuzz -DIMMAGIN_FUZZ_SECONDS="${IMMAGIN_FUZZ_SECONDS:-60}" >/dev/null
cmake --build --preset fuzz
ctest --preset fuzz

step "all tests passed"

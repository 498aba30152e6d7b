#!/usr/bin/env bash
# Cold start of the Worker: workerd's first 200 and the module's compile / instantiate /
# init, medians of N runs (bench/cold_start.mjs). Needs the wasm build and
# `npm ci --prefix edge/worker --prefix tests`.
#   bench/cold-start.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
exec node bench/cold_start.mjs build/wasm/edge/wasm/luna.wasm "${1:-9}"

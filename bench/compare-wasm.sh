#!/usr/bin/env bash
# luna.wasm against native Luna and against wasm-vips on the five canonical operations,
# same photo, same run, one libvips thread everywhere. Prints median latencies and ratios:
#   in-process: native engine (engine_bench) vs luna.wasm under Node vs wasm-vips under Node
#   over HTTP:  luna-server (native) vs the workerd worker (luna.wasm), one request at a time
# plus the module's size and its peak linear memory for a 24-megapixel input.
#   bench/compare-wasm.sh [ITERATIONS]      (needs ../shared/testdata beside the checkout)
# LUNA_WASM=FILE measures another build of the module (an older one, for a before/after)
# against this checkout's native build.
set -euo pipefail
cd "$(dirname "$0")/.."
iterations="${1:-15}"
photo="$(cd .. && pwd)/shared/testdata/photo-4032x3024-olympus-ep3.jpg"
[ -f "$photo" ] || { echo "compare-wasm: $photo not found" >&2; exit 1; }
effort="${LUNA_AVIF_EFFORT:-2}"

scripts/setup-debian.sh >/dev/null
npm ci --prefix tests --no-audit --no-fund --loglevel=error >/dev/null
npm ci --prefix edge/worker --no-audit --no-fund --loglevel=error >/dev/null
cmake --preset release >/dev/null
cmake --build --preset release --target engine_bench luna-server >/dev/null
cmake --preset wasm >/dev/null
cmake --build --preset wasm >/dev/null
module="${LUNA_WASM:-build/wasm/edge/wasm/luna.wasm}"

export VIPS_CONCURRENCY=1 LUNA_AVIF_EFFORT="$effort"
out=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  rm -rf "$out"
}
trap cleanup EXIT
free_port() { node -e "const s=require('node:net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }

build/release/bench/engine_bench --benchmark_format=json --benchmark_repetitions="$iterations" \
  --benchmark_min_time=0.01 --benchmark_report_aggregates_only=true \
  --benchmark_filter='threads:1$' > "$out/native.json" 2>/dev/null
node bench/wasm_operations.mjs "$photo" "$iterations" "$module" "$effort" > "$out/wasm.json"

# Over HTTP: the same tenant, secret and original for both hosts.
# shellcheck source=bench_hosts.sh
source bench/bench_hosts.sh
secret=$(bench_tenant "$out" "$photo")
native_port=$(free_port)
build/release/edge/server/luna-server --listen "127.0.0.1:$native_port" --tenants-file "$out/tenants.json" \
  --originals-dir "$out/originals" --data-dir "$out/data" --max-concurrent 1 > "$out/native.log" 2>&1 &
pids+=($!)
worker_port=$(free_port)
bench_worker "$out" "$worker_port"
node tests/conformance/wait_healthy.mjs "http://127.0.0.1:$native_port/healthz"
node tests/conformance/wait_healthy.mjs "http://127.0.0.1:$worker_port/healthz"
node bench/http_operations.mjs "http://127.0.0.1:$native_port" bench "$secret" photo.jpg "$iterations" > "$out/http-native.json"
node bench/http_operations.mjs "http://127.0.0.1:$worker_port" bench "$secret" photo.jpg "$iterations" > "$out/http-workerd.json"

scripts/wasm-size.sh "$module"
node - "$out" <<'JS'
const fs = require('node:fs')
const dir = process.argv[2]
const read = (f) => JSON.parse(fs.readFileSync(`${dir}/${f}`, 'utf8'))
const native = {}
for (const b of read('native.json').benchmarks) {
  const [, op] = b.run_name.match(/Run\/(\w+)\//) || []
  if (op && b.aggregate_name === 'median') native[op] = b.real_time
}
const wasm = read('wasm.json'), httpNative = read('http-native.json'), httpWorkerd = read('http-workerd.json')
const f = (x) => x.toFixed(1).padStart(9)
const r = (x) => x.toFixed(2).padStart(8)
console.log(`AVIF effort ${process.env.LUNA_AVIF_EFFORT}; one libvips thread everywhere; medians in ms`)
console.log('operation             native  luna.wasm  wasm-vips  wasm/native  wasm/wasm-vips | http native  http workerd  ratio')
for (const op of Object.keys(wasm.luna)) {
  console.log(`${op.padEnd(20)}${f(native[op])}${f(wasm.luna[op])}  ${f(wasm.wasm_vips[op])}  ${r(wasm.luna[op] / native[op])}` +
    `     ${r(wasm.luna[op] / wasm.wasm_vips[op])}      | ${f(httpNative[op])}    ${f(httpWorkerd[op])} ${r(httpWorkerd[op] / httpNative[op])}`)
}
const m = wasm.memory
console.log(`luna.wasm linear memory for a ${m.input}: ${m.start_mib.toFixed(1)} MiB at start, ${m.peak_mib.toFixed(1)} MiB peak (Workers allow 128 MB)`)
JS

#!/usr/bin/env bash
# luna.wasm against native Luna and against the wasm peers on the five canonical operations,
# same photo, same run, one libvips thread everywhere. Prints Markdown tables of median
# latencies and output bytes, each with its ratio:
#   in-process: native engine (engine_bench), luna.wasm under Node, and under Node the peers
#               wasm-vips (cannot run on Workers: threads), a jSquash pipeline and Photon
#               (both run on Workers), with Luna's encoder settings where their APIs have them
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
node --input-type=module - "$out" <<'JS'
import { readFileSync } from 'node:fs'
import { bytes, bytesFlag, ms, ratio, table } from './bench/report.mjs'
const dir = process.argv[2]
const read = (f) => JSON.parse(readFileSync(`${dir}/${f}`, 'utf8'))
const native = {}
for (const b of read('native.json').benchmarks) {
  const [, op] = b.run_name.match(/Run\/(\w+)\//) || []
  if (op && b.aggregate_name === 'median') native[op] = { ms: b.real_time, bytes: b.output_bytes }
}
const wasm = read('wasm.json'), httpNative = read('http-native.json'), httpWorkerd = read('http-workerd.json')
const sides = [['native Luna', native], ['luna.wasm', wasm.luna], ['wasm-vips', wasm.wasm_vips],
  ['jSquash', wasm.jsquash], ['Photon', wasm.photon]]
console.log(`AVIF effort ${process.env.LUNA_AVIF_EFFORT}; one libvips thread everywhere; medians in ms; ratios are this row ÷ luna.wasm\n`)
const rows = []
for (const op of Object.keys(wasm.luna)) {
  const ref = wasm.luna[op]
  for (const [name, results] of sides) {
    const r = results[op]
    rows.push(r.cannot ? [op, name, '–', '–', '–', '–', `cannot: ${r.cannot}`]
      : [op, name, ms(r.ms), ratio(r.ms, ref.ms), bytes(r.bytes), ratio(r.bytes, ref.bytes), bytesFlag(r.bytes, ref.bytes)])
  }
}
console.log(table(['operation', 'implementation', 'ms', '÷ luna.wasm', 'bytes', 'bytes ÷ luna.wasm', 'note'], rows))
console.log('\nOver HTTP, one request at a time; ratios are workerd ÷ luna-server\n')
console.log(table(['operation', 'luna-server ms', 'bytes', 'workerd ms', 'bytes', '÷ luna-server', 'bytes ÷ luna-server', 'note'],
  Object.keys(httpNative).map((op) => {
    const n = httpNative[op], w = httpWorkerd[op]
    return [op, ms(n.ms), bytes(n.bytes), ms(w.ms), bytes(w.bytes), ratio(w.ms, n.ms), ratio(w.bytes, n.bytes), bytesFlag(w.bytes, n.bytes)]
  })))
const m = wasm.memory
console.log(`\nluna.wasm linear memory for a ${m.input}: ${m.start_mib.toFixed(1)} MiB at start, ${m.peak_mib.toFixed(1)} MiB peak (Workers allow 128 MB)`)
JS

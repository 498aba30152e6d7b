#!/usr/bin/env bash
# Luna vs sharp on the five canonical operations, same machine, same run, same encoder
# settings (sharp_operations.mjs spells out Luna's). Prints a Markdown table, per operation
# and for 1 and 2 concurrent workers: both median latencies and output sizes, each with the
# ratio sharp ÷ Luna (≥ 1.00: Luna at least as fast / as small), rows whose sizes differ by
# more than ±5 % flagged; plus peak RSS.
#   bench/compare-sharp.sh [ITERATIONS]     (needs ../shared/testdata beside the checkout)
set -euo pipefail
cd "$(dirname "$0")/.."
iterations="${1:-15}"
photo="$(cd .. && pwd)/shared/testdata/photo-4032x3024-olympus-ep3.jpg"
[ -f "$photo" ] || { echo "compare-sharp: $photo not found" >&2; exit 1; }
effort="${LUNA_AVIF_EFFORT:-2}"

scripts/setup-debian.sh >/dev/null
cmake --preset release >/dev/null
cmake --build --preset release --target engine_bench >/dev/null
npm ci --prefix tests --no-audit --no-fund --loglevel=error >/dev/null

export VIPS_CONCURRENCY=1 LUNA_AVIF_EFFORT="$effort"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# Operation by operation, Luna then sharp: a change in the machine's load (it is shared)
# then falls on both sides of one comparison rather than on all of one side.
read -ra ops < <(node --input-type=module -e \
  "import { operations } from './bench/operations.mjs'; console.log(Object.keys(operations).join(' '))")
for op in "${ops[@]}"; do
  build/release/bench/engine_bench --benchmark_format=json --benchmark_repetitions="$iterations" \
    --benchmark_min_time=0.01 --benchmark_report_aggregates_only=true \
    --benchmark_filter="Run/$op/" > "$out/luna-$op.json" 2>/dev/null
  for workers in 1 2; do
    node bench/sharp_operations.mjs "$photo" "$iterations" "$workers" "$effort" "$op" > "$out/sharp-$workers-$op.json"
  done
done

node --input-type=module - "$out" "${ops[@]}" <<'JS'
import { readFileSync } from 'node:fs'
import { bytes, bytesFlag, ms, ratio, table } from './bench/report.mjs'
const [dir, ...ops] = process.argv.slice(2)
const read = (f) => JSON.parse(readFileSync(`${dir}/${f}`, 'utf8'))
const luna = {}
let lunaRss = 0
for (const op of ops) {
  for (const b of read(`luna-${op}.json`).benchmarks) {
    if (b.aggregate_name !== 'median') continue
    const [, threads] = b.run_name.match(/threads:(\d+)/)
    // Google Benchmark divides wall time by the iterations of all threads together: with
    // N threads, one operation's latency is N times the figure it reports.
    luna[`${op}/${threads}`] = { ms: b.real_time * Number(threads), bytes: b.output_bytes }
    lunaRss = Math.max(lunaRss, b.peak_rss_mb || 0)
  }
}
console.log(`AVIF effort ${process.env.LUNA_AVIF_EFFORT} for both; VIPS_CONCURRENCY=1 / sharp.concurrency(1); medians in ms\n`)
const rows = []
let sharpRss = 0
for (const workers of [1, 2]) {
  for (const op of ops) {
    const sharp = read(`sharp-${workers}-${op}.json`)
    sharpRss = Math.max(sharpRss, sharp.peak_rss_mb)
    const l = luna[`${op}/${workers}`], s = sharp[op]
    rows.push([op, workers, ms(l.ms), ms(s.median_ms), ratio(s.median_ms, l.ms),
      bytes(l.bytes), bytes(s.bytes), ratio(s.bytes, l.bytes), bytesFlag(s.bytes, l.bytes)])
  }
}
console.log(table(['operation', 'workers', 'Luna ms', 'sharp ms', 'sharp ÷ Luna', 'Luna bytes', 'sharp bytes', 'bytes ÷ Luna', 'note'], rows))
console.log(`\npeak RSS of one operation's process: Luna ${lunaRss.toFixed(0)} MB, sharp ${sharpRss.toFixed(0)} MB`)
JS

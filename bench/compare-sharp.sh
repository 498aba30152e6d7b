#!/usr/bin/env bash
# Luna vs sharp on the five canonical operations, same machine, same run, same settings.
# Prints, per operation and for 1 and 2 concurrent workers: Luna's median latency,
# sharp's, and the ratio Luna/sharp (≤ 1.0: Luna at least as fast); plus peak RSS.
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
build/release/bench/engine_bench --benchmark_format=json --benchmark_repetitions="$iterations" \
  --benchmark_min_time=0.01 --benchmark_report_aggregates_only=true > "$out/luna.json" 2>/dev/null
for workers in 1 2; do
  node bench/sharp_operations.mjs "$photo" "$iterations" "$workers" "$effort" > "$out/sharp-$workers.json"
done

node - "$out" <<'JS'
const fs = require('node:fs');
const dir = process.argv[2];
const luna = JSON.parse(fs.readFileSync(`${dir}/luna.json`, 'utf8'));
const lunaMedian = {};
let lunaRss = 0;
for (const b of luna.benchmarks) {
  if (b.aggregate_name !== 'median') continue;
  const [, op, threads] = b.run_name.match(/Run\/(\w+)\/.*threads:(\d+)/) || [];
  if (!op) continue;
  // Google Benchmark divides wall time by the iterations of all threads together: with
  // N threads, one operation's latency is N times the figure it reports.
  lunaMedian[`${op}/${threads}`] = b.real_time * Number(threads);
  lunaRss = Math.max(lunaRss, b.peak_rss_mb || 0);
}
console.log(`AVIF effort ${process.env.LUNA_AVIF_EFFORT} for both; VIPS_CONCURRENCY=1 / sharp.concurrency(1)`);
console.log('operation             workers   luna ms   sharp ms   ratio');
let sharpRss = 0;
for (const workers of [1, 2]) {
  const sharp = JSON.parse(fs.readFileSync(`${dir}/sharp-${workers}.json`, 'utf8'));
  sharpRss = Math.max(sharpRss, sharp.peak_rss_mb);
  for (const op of Object.keys(sharp).filter((k) => k !== 'peak_rss_mb')) {
    const l = lunaMedian[`${op}/${workers}`];
    const s = sharp[op].median_ms;
    console.log(`${op.padEnd(22)}${String(workers).padStart(7)}${l.toFixed(1).padStart(10)}` +
                `${s.toFixed(1).padStart(11)}${(l / s).toFixed(2).padStart(8)}`);
  }
}
console.log(`peak RSS: luna ${lunaRss.toFixed(0)} MB, sharp ${sharpRss.toFixed(0)} MB`);
JS

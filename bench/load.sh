#!/usr/bin/env bash
# Load table: wrk against luna-server and against the Worker (luna.wasm in workerd), each
# direct and behind Varnish (edge/cdn), and against a sharp HTTP server doing the same work
# (bench/sharp_server.mjs), at 2, 16 and 64 connections, the five canonical operations in
# rotation on the 12 MP photo. Every server runs with its defaults (luna-server: 2
# transforms at once, 32 waiting, then 503 + Retry-After). Prints, per row: requests/s
# (all answers and accepted ones), p50/p99 of accepted requests (wrk's own percentiles
# would mix in the quick 503s), the 503 share, other failures, and the server's peak RSS
# during the run (workerd's includes the module's linear memory). Behind Varnish the five
# URLs are cache hits after their first request: those rows measure the CDN, as deployed.
#   bench/load.sh [SECONDS] [CONNECTION COUNTS...]      (needs ../shared/testdata)
#   LOAD_TARGETS="luna-server worker"  only those rows
#   LOAD_RETRY_AFTER=1   clients wait out a 503's Retry-After (default: wrk retries at once)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-15}"
shift || true
counts=("${@:-2 16 64}")
read -r -a counts <<< "${counts[*]}"
photo="$(cd .. && pwd)/shared/testdata/photo-4032x3024-olympus-ep3.jpg"
[ -f "$photo" ] || { echo "load: $photo not found" >&2; exit 1; }
export LUNA_AVIF_EFFORT="${LUNA_AVIF_EFFORT:-2}"

scripts/setup-debian.sh >/dev/null
npm ci --prefix tests --no-audit --no-fund --loglevel=error >/dev/null
npm ci --prefix edge/worker --no-audit --no-fund --loglevel=error >/dev/null
cmake --preset release >/dev/null
cmake --build --preset release --target luna-server >/dev/null
cmake --preset wasm >/dev/null
cmake --build --preset wasm > /tmp/load-wasm-build.log 2>&1 || { cat /tmp/load-wasm-build.log >&2; exit 1; }

work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { node -e "const s=require('node:net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }
wait_healthy() { node tests/conformance/wait_healthy.mjs "$1" || { tail -20 "$work"/*.log >&2; exit 1; }; }

# shellcheck source=bench_hosts.sh
source bench/bench_hosts.sh
secret=$(bench_tenant "$work" "$photo")

luna_port=$(free_port)
build/release/edge/server/luna-server --listen "127.0.0.1:$luna_port" --tenants-file "$work/tenants.json" \
  --originals-dir "$work/originals" --data-dir "$work/data" > "$work/luna.log" 2>&1 &
pids+=($!)
luna_pid=$!

worker_port=$(free_port)
bench_worker "$work" "$worker_port"

sharp_port=$(free_port)
node bench/sharp_server.mjs "$photo" "$sharp_port" "$LUNA_AVIF_EFFORT" > "$work/sharp.log" 2>&1 &
pids+=($!)
sharp_pid=$!

luna_cache_port=$(free_port)
edge/cdn/start-varnish.sh "$luna_cache_port" 127.0.0.1 "$luna_port" "$work/varnish-luna" > "$work/varnish-luna.log" 2>&1 &
pids+=($!)
worker_cache_port=$(free_port)
edge/cdn/start-varnish.sh "$worker_cache_port" 127.0.0.1 "$worker_port" "$work/varnish-worker" > "$work/varnish-worker.log" 2>&1 &
pids+=($!)

for port in "$luna_port" "$worker_port" "$sharp_port" "$luna_cache_port" "$worker_cache_port"; do
  wait_healthy "http://127.0.0.1:$port/healthz"
done

luna_paths=$(node bench/signed_paths.mjs bench "$secret" canonical photo.jpg | tr '\n' ' ')

peak_rss() {  # PID SECONDS: the highest VmRSS (MB) seen while the run lasts
  local pid=$1 until=$(($(date +%s) + $2)) peak=0 rss
  while [ "$(date +%s)" -lt "$until" ]; do
    rss=$(awk '/^VmRSS/ {print int($2/1024)}' "/proc/$pid/status" 2>/dev/null || echo 0)
    [ "$rss" -gt "$peak" ] && peak=$rss
    sleep 0.25
  done
  echo "$peak"
}

row() {  # NAME PORT PID PATHS CONNECTIONS
  local name=$1 port=$2 pid=$3 paths=$4 c=$5 result peak
  PATHS="$paths" wrk -t"$c" -c"$c" -d3s --timeout 60s -s bench/load.lua "http://127.0.0.1:$port" > /dev/null
  peak_rss "$pid" "$seconds" > "$work/peak" &
  result=$(PATHS="$paths" wrk -t"$c" -c"$c" -d"${seconds}s" --timeout 60s -s bench/load.lua \
    "http://127.0.0.1:$port" | grep '^RESULT')
  wait $!
  peak=$(cat "$work/peak")
  # shellcheck disable=SC2086
  node -e '
    const [name, c, peak, ...kv] = process.argv.slice(1)
    const r = Object.fromEntries(kv.map((x) => x.split("=")).map(([k, v]) => [k, Number(v)]))
    const f = (x, w) => String(x).padStart(w)
    console.log(`${name.padEnd(16)}${f(c, 4)}${f(r.rps.toFixed(1), 9)}${f(r.ok_rps.toFixed(1), 9)}` +
      `${f(r.p50.toFixed(0), 8)}${f(r.p99.toFixed(0), 8)}${f((r.share503 * 100).toFixed(1) + "%", 8)}` +
      `${f(r.other + r.socket_errors, 7)}${f(peak, 9)}`)
    require("node:fs").appendFileSync(process.env.LOAD_TSV, [name, c, r.ok_rps, r.p99].join("\t") + "\n")
  ' "$name" "$c" "$peak" ${result#RESULT }
}

export LOAD_TSV="$work/rows.tsv"
echo "five canonical operations in rotation, 12 MP photo, ${seconds}s per row after 3s of warm-up, AVIF effort $LUNA_AVIF_EFFORT," \
  "clients $([ "${LOAD_RETRY_AFTER:-}" = 1 ] && echo "honour Retry-After" || echo "retry a 503 at once")"
echo "target          conn    req/s   ok/s  p50 ms  p99 ms    503  other  RSS MB"
targets="${LOAD_TARGETS:-luna-server worker sharp luna+varnish worker+varnish}"
for c in "${counts[@]}"; do
  for target in $targets; do
    case $target in
      luna-server) row luna-server "$luna_port" "$luna_pid" "$luna_paths" "$c" ;;
      worker) row worker "$worker_port" "$worker_pid" "$luna_paths" "$c" ;;
      sharp) row sharp "$sharp_port" "$sharp_pid" "/a /b /c /d /e" "$c" ;;
      luna+varnish) row luna+varnish "$luna_cache_port" "$luna_pid" "$luna_paths" "$c" ;;
      worker+varnish) row worker+varnish "$worker_cache_port" "$worker_pid" "$luna_paths" "$c" ;;
      *) echo "load: unknown target $target" >&2; exit 2 ;;
    esac
  done
done
node -e '
  const rows = require("node:fs").readFileSync(process.env.LOAD_TSV, "utf8").trim().split("\n").map((l) => l.split("\t"))
  const get = (n, c) => rows.find((r) => r[0] === n && r[1] === c)
  for (const c of [...new Set(rows.map((r) => r[1]))]) {
    const [l, w, s] = ["luna-server", "worker", "sharp"].map((n) => get(n, c))
    if (!l || !w || !s) continue
    console.log(`${c} connections: accepted req/s luna-server/sharp ${(l[2] / s[2]).toFixed(2)}, worker/sharp ${(w[2] / s[2]).toFixed(2)}, worker/luna-server ${(w[2] / l[2]).toFixed(2)}; p99 luna-server/sharp ${(l[3] / s[3]).toFixed(2)}`)
  }'

#!/usr/bin/env bash
# Load check: wrk against luna-server on loopback with the five canonical operations in
# rotation, then against a minimal sharp HTTP server doing the same five, in the same run.
# Prints requests/s, p50/p99 latency, peak RSS, RSS early vs at the end (flat = no leak)
# and the ratios. Needs ../shared/testdata beside the checkout.
#   bench/load-luna-server.sh [SECONDS] [CONNECTIONS]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-30}"
connections="${2:-2}"
photo="$(cd .. && pwd)/shared/testdata/photo-4032x3024-olympus-ep3.jpg"
[ -f "$photo" ] || { echo "load: $photo not found" >&2; exit 1; }
effort=2

scripts/setup-debian.sh >/dev/null
cmake --preset release >/dev/null
cmake --build --preset release --target luna-server immagin-url >/dev/null
npm ci --prefix tests --no-audit --no-fund --loglevel=error >/dev/null

work=$(mktemp -d)
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; rm -rf "$work"' EXIT
mkdir -p "$work/originals/bench"
cp "$photo" "$work/originals/bench/photo.jpg"
secret=$(build/release/tools/immagin-url new-secret)
echo "{\"tenants\":[{\"tenant\":\"bench\",\"secrets\":[{\"id\":\"s1\",\"secret\":\"$secret\"}]}]}" > "$work/tenants.json"
free_port() { node -e "const s=require('node:net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }
luna_port=$(free_port)
sharp_port=$(free_port)

export VIPS_CONCURRENCY=1 LUNA_AVIF_EFFORT=$effort
build/release/edge/server/luna-server --listen "127.0.0.1:$luna_port" --tenants-file "$work/tenants.json" \
  --originals-dir "$work/originals" --data-dir "$work/data" --max-concurrent "$connections" \
  --max-queue 64 > "$work/luna.log" 2>&1 &
pids+=($!)
luna_pid=$!
node bench/sharp_server.mjs "$photo" "$sharp_port" "$effort" &
pids+=($!)
sharp_pid=$!
node tests/conformance/wait_healthy.mjs "http://127.0.0.1:$luna_port/healthz"
node tests/conformance/wait_healthy.mjs "http://127.0.0.1:$sharp_port/healthz"

sign() {
  build/release/tools/immagin-url sign --tenant bench --secret "$secret" --key photo.jpg \
    --edits "$1" ${2:+--output "$2"}
}
luna_paths="$(sign '{"resize":{"width":800}}') $(sign '{"resize":{"width":400,"height":400}}') \
$(sign '[{"resize":{"width":20}},{"blur":10}]') $(sign '{"resize":{"width":1200,"height":630}}' '{"format":"jpeg","quality":85}') \
$(sign '{"resize":{"width":800}}' '{"format":"avif"}')"

rss() { awk '/^VmRSS/ {print int($2/1024)}' "/proc/$1/status"; }
hwm() { awk '/^VmHWM/ {print int($2/1024)}' "/proc/$1/status"; }

run() {  # name pid paths
  local name=$1 pid=$2 paths=$3 early
  PATHS="$paths" wrk -t1 -c"$connections" -d5s -s bench/mix.lua "http://127.0.0.1:${4}" >/dev/null  # warm-up
  early=$(rss "$pid")
  PATHS="$paths" wrk -t1 -c"$connections" -d"${seconds}s" --latency -s bench/mix.lua \
    "http://127.0.0.1:${4}" > "$work/$name.txt"
  local rps p50 p99 requests errors
  rps=$(awk '/Requests\/sec/ {print $2}' "$work/$name.txt")
  requests=$(awk '/requests in/ {print $1}' "$work/$name.txt")
  p50=$(awk '$1=="50%" {print $2}' "$work/$name.txt")
  p99=$(awk '$1=="99%" {print $2}' "$work/$name.txt")
  errors=$(awk '/Non-2xx/ {print $4}' "$work/$name.txt")
  printf '%-6s %8s req/s  %7s requests  p50 %8s  p99 %8s  non-2xx %s  RSS %s MB after warm-up, %s MB at end, peak %s MB\n' \
    "$name" "$rps" "$requests" "$p50" "$p99" "${errors:-0}" "$early" "$(rss "$pid")" "$(hwm "$pid")"
  echo "$rps" > "$work/$name.rps"
}

echo "five canonical operations in rotation on the 12 MP photo, $connections connections, ${seconds}s, AVIF effort $effort, VIPS_CONCURRENCY=1"
run luna "$luna_pid" "$luna_paths" "$luna_port"
run sharp "$sharp_pid" "/a /b /c /d /e" "$sharp_port"
awk -v l="$(cat "$work/luna.rps")" -v s="$(cat "$work/sharp.rps")" \
  'BEGIN { printf "throughput ratio luna/sharp: %.2f (≥ 1.0: Luna at least as fast)\n", l / s }'

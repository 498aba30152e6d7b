#!/usr/bin/env bash
# Loopback benchmarks of the control plane (release build): presign and list requests/s
# with wrk, usage ingestion events/s with Node's fetch. Bounded: 10 s per wrk run.
#   control-plane/bench/wrk_bench.sh [build/release]
set -euo pipefail
cd "$(dirname "$0")/../.."
bin="${1:-build/release}/control-plane"
dir=$(mktemp -d)
token=bench-edge-token-0123456789
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; rm -rf "$dir"' EXIT

"$bin/immagin-admin" create-project --tenant bench --plan paid --data-dir "$dir" >/dev/null
key=$("$bin/immagin-admin" create-key --tenant bench --data-dir "$dir" |
  sed -n 's/.*"key":"\(imk_[A-Za-z0-9]*\)".*/\1/p')
# 1,000 originals of 100 bytes under photos/ (written straight into the backend's layout).
mkdir -p "$dir/objects/1/photos"
for i in $(seq -w 0 999); do head -c 100 /dev/zero > "$dir/objects/1/photos/img-$i.jpg"; done

"$bin/immagin-control-plane" --listen 127.0.0.1:0 --data-dir "$dir" --edge-token "$token" \
  > "$dir/out" 2>/dev/null &
server=$!
for _ in $(seq 50); do grep -q listening "$dir/out" 2>/dev/null && break; sleep 0.1; done
port=$(sed -n 's/.*:\([0-9]*\)$/\1/p' "$dir/out")
base="http://127.0.0.1:$port"

cat > "$dir/presign.lua" <<LUA
wrk.method = "POST"
wrk.body = '{"key":"photos/hero.jpg"}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $key"
LUA
cat > "$dir/auth.lua" <<LUA
wrk.headers["Authorization"] = "Bearer $key"
LUA
echo "== presign: POST /v1/images/presign (wrk -t2 -c16 -d10s)"
wrk -t2 -c16 -d10s -s "$dir/presign.lua" "$base/v1/images/presign" | grep -E "Latency|Requests/sec|Non-2xx"
echo "== list: GET /v1/images?limit=100&prefix=photos/ over 1,000 keys (wrk -t2 -c16 -d10s)"
wrk -t2 -c16 -d10s -s "$dir/auth.lua" "$base/v1/images?limit=100&prefix=photos/" |
  grep -E "Latency|Requests/sec|Non-2xx"
echo "== usage ingestion: 20 batches x 5,000 new events, then the same events again"
node - "$base" "$token" <<'JS'
const [base, token] = process.argv.slice(2);
const now = Math.floor(Date.now() / 1000);
const batches = Array.from({ length: 20 }, (_, b) => ({
  events: Array.from({ length: 5000 }, (_, i) => ({
    tenant: 'bench', transformId: (b * 5000 + i).toString(16).padStart(32, '0'),
    bytes: 1000, ms: 5, time: now })) }));
async function run(label) {
  const t = performance.now();
  for (const batch of batches) {
    const r = await fetch(`${base}/internal/v1/usage`, { method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(batch) });
    if (r.status !== 200) throw new Error(`HTTP ${r.status}`);
  }
  const s = (performance.now() - t) / 1000;
  console.log(`${label}: 100000 events in ${s.toFixed(2)} s = ${Math.round(100000 / s)} events/s`);
}
await run('new transforms');
await run('retried (all duplicates)');
JS

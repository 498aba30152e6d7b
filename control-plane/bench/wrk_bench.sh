#!/usr/bin/env bash
# Loopback benchmarks of the control plane (release build), one run over three
# configurations: SQLite with one replica, PostgreSQL with one replica, and PostgreSQL with
# two replicas on one database and one data directory (local storage). Each configuration
# gets a fresh data directory (and a fresh database of a private PostgreSQL cluster, started
# here with scripts/postgres-cluster.sh) and is measured on the same three workloads:
#   presign  POST /v1/images/presign, wrk -t2 -c16
#   list     GET /v1/images?limit=100&prefix=photos/ over 1,000 originals, wrk -t2 -c16
#   usage    20 sequential batches x 5,000 new events, then the same events again (Node fetch)
# Two replicas: wrk goes through round_robin.mjs (beside this script: connections alternate
# between the replicas); the usage batches alternate between the replicas directly.
# Every replica runs with --threads 2. Ends with a Markdown table, with each figure's ratio
# to the SQLite single-replica row of the same run.
#   control-plane/bench/wrk_bench.sh [build/release]
#   WRK_DURATION=3s control-plane/bench/wrk_bench.sh    (wrk's duration per run; 10s)
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
bin="$(cd "${1:-build/release}/control-plane" && pwd)"
duration=${WRK_DURATION:-10s}
token=bench-edge-token-0123456789
unset IMMAGIN_DATABASE_URL IMMAGIN_DATA_DIR  # every configuration says which it uses
for tool in wrk node psql; do
  command -v "$tool" >/dev/null || { echo "wrk_bench: $tool is required" >&2; exit 1; }
done
if [ ! -x "$bin/immagin-control-plane" ] || [ ! -x "$bin/immagin-admin" ]; then
  echo "wrk_bench: no immagin-control-plane/immagin-admin in $bin" >&2
  exit 1
fi

work=$(mktemp -d)
pids=()  # the processes of the configuration being measured (replicas, load balancer)
pg_started=""

stop_pids() {  # stops what this script started for one configuration, by PID
  local pid i
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do
    for i in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  pids=()
}
cleanup() {
  stop_pids
  if [ -n "$pg_started" ]; then
    bash scripts/postgres-cluster.sh stop "$work/pg" >/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "== private PostgreSQL cluster (scripts/postgres-cluster.sh)"
pg_started=1
bash scripts/postgres-cluster.sh start "$work/pg"
pg_url=$(cat "$work/pg/url")
export PGCONNECT_TIMEOUT=10

wait_listening() {  # file pid: prints the port once the process wrote "listening on HOST:PORT"
  local file=$1 pid=$2 port=""
  for _ in $(seq 300); do
    port=$(sed -n 's/^listening on .*:\([0-9]*\)$/\1/p' "$file" 2>/dev/null | head -n 1)
    [ -n "$port" ] && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if [ -z "$port" ]; then
    echo "wrk_bench: $file: not listening" >&2
    tail -n 20 "${file%.out}.log" >&2 2>/dev/null || true
    return 1
  fi
  echo "$port"
}

cat > "$work/check.mjs" <<'JS'
// node check.mjs KEY BASE...: one presign and one list answer per base, as wrk will ask
const [key, ...bases] = process.argv.slice(2);
const auth = { authorization: `Bearer ${key}` };
for (const base of bases) {
  const presign = await fetch(`${base}/v1/images/presign`, { method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify({ key: 'photos/hero.jpg' }) });
  if (presign.status !== 200) throw new Error(`${base}: presign: HTTP ${presign.status}`);
  const list = await fetch(`${base}/v1/images?limit=100&prefix=photos/`, { headers: auth });
  if (list.status !== 200) throw new Error(`${base}: list: HTTP ${list.status}`);
  const images = (await list.json()).images;
  if (images.length !== 100) throw new Error(`${base}: list: ${images.length} images, not 100`);
  console.log(`${base}: presign 200, list 200 with ${images.length} images`);
}
JS
cat > "$work/ingest.mjs" <<'JS'
// node ingest.mjs TOKEN BASE...: 20 batches x 5,000 events, batch b to BASE[b % n], in turn
const [token, ...bases] = process.argv.slice(2);
const now = Math.floor(Date.now() / 1000);
const batches = Array.from({ length: 20 }, (_, b) => ({
  events: Array.from({ length: 5000 }, (_, i) => ({
    tenant: 'bench', transformId: (b * 5000 + i).toString(16).padStart(32, '0'),
    bytes: 1000, ms: 5, time: now })) }));
async function run(label, expected) {
  let counted = 0;
  const t = performance.now();
  for (const [b, batch] of batches.entries()) {
    const r = await fetch(`${bases[b % bases.length]}/internal/v1/usage`, { method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(batch) });
    if (r.status !== 200) throw new Error(`HTTP ${r.status}: ${await r.text()}`);
    counted += (await r.json()).counted;
  }
  const s = (performance.now() - t) / 1000;
  if (counted !== expected) throw new Error(`${label}: ${counted} events counted, not ${expected}`);
  console.log(`${label}: 100000 events (${counted} counted) in ${s.toFixed(2)} s = ` +
    `${Math.round(100000 / s)} events/s`);
}
await run('new transforms', 100000);
await run('retried (all duplicates)', 0);
JS

wrk_run() {  # name url [lua]: prints wrk's summary lines, records its requests/s in $rate
  local name=$1 url=$2 script=$3 out
  out=$(wrk -t2 -c16 -d"$duration" -s "$script" "$url")
  grep -E "Latency|Requests/sec|Non-2xx|Socket errors" <<<"$out"
  rate=$(sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p' <<<"$out")
  [ -n "$rate" ] || { echo "wrk_bench: $name: no Requests/sec in wrk's output" >&2; exit 1; }
  if grep -qE "Non-2xx|Socket errors" <<<"$out"; then
    rate="$rate*"  # flagged in the table
    flagged=1
  fi
}

labels=()
results=()  # per configuration: "presign list new repeat"
flagged=""

run_config() {  # label sqlite|postgres replicas
  local label=$1 backend=$2 replicas=$3 n data out ns key i pid port base presign list rates
  local db_args=() ports=() bases=()
  n=$((${#labels[@]} + 1))
  data="$work/data-$n"
  mkdir -p "$data"
  echo
  echo "#### $label"
  if [ "$backend" = postgres ]; then
    psql -X -q "$pg_url" -c "CREATE DATABASE bench_$n"
    db_args=(--database-url "${pg_url/\/postgres\?//bench_$n?}")
  fi
  out=$("$bin/immagin-admin" create-project --tenant bench --plan paid --data-dir "$data" \
    "${db_args[@]}")
  ns=$(sed -n 's/.*"storageNamespace":"\([^"]*\)".*/\1/p' <<<"$out")
  [[ "$ns" =~ ^p_[0-9a-f]{32}$ ]] || { echo "wrk_bench: no storage namespace in $out" >&2; exit 1; }
  key=$("$bin/immagin-admin" create-key --tenant bench --data-dir "$data" "${db_args[@]}" |
    sed -n 's/.*"key":"\(imk_[A-Za-z0-9]*\)".*/\1/p')
  [ -n "$key" ] || { echo "wrk_bench: create-key printed no key" >&2; exit 1; }
  # 1,000 originals of 100 bytes under photos/, written straight into the local storage's
  # layout: objects/<the project's storage namespace>/<key>.
  mkdir -p "$data/objects/$ns/photos"
  for i in $(seq -w 0 999); do printf '%100s' '' > "$data/objects/$ns/photos/img-$i.jpg"; done

  for i in $(seq "$replicas"); do
    "$bin/immagin-control-plane" --listen 127.0.0.1:0 --threads 2 --data-dir "$data" \
      "${db_args[@]}" --edge-token "$token" > "$data/replica-$i.out" 2> "$data/replica-$i.log" &
    pid=$!
    pids+=("$pid")
    port=$(wait_listening "$data/replica-$i.out" "$pid")
    ports+=("$port")
    bases+=("http://127.0.0.1:$port")
  done
  base=${bases[0]}
  if [ "$replicas" -gt 1 ]; then
    node "$root/control-plane/bench/round_robin.mjs" "${ports[@]}" > "$data/lb.out" \
      2> "$data/lb.log" &
    pid=$!
    pids+=("$pid")
    port=$(wait_listening "$data/lb.out" "$pid")
    base="http://127.0.0.1:$port"
    echo "replicas ${bases[*]}, wrk through the round-robin balancer $base"
  fi
  node "$work/check.mjs" "$key" "${bases[@]}"

  cat > "$data/presign.lua" <<LUA
wrk.method = "POST"
wrk.body = '{"key":"photos/hero.jpg"}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $key"
LUA
  cat > "$data/auth.lua" <<LUA
wrk.headers["Authorization"] = "Bearer $key"
LUA
  echo "== presign: POST /v1/images/presign (wrk -t2 -c16 -d$duration)"
  wrk_run presign "$base/v1/images/presign" "$data/presign.lua"
  presign=$rate
  echo "== list: GET /v1/images?limit=100&prefix=photos/ over 1,000 keys (wrk -t2 -c16 -d$duration)"
  wrk_run list "$base/v1/images?limit=100&prefix=photos/" "$data/auth.lua"
  list=$rate
  echo "== usage ingestion: 20 batches x 5,000 new events, then the same events again" \
    "(batches alternating over ${#bases[@]} replica(s))"
  out=$(node "$work/ingest.mjs" "$token" "${bases[@]}")
  echo "$out"
  rates=$(sed -n 's/.*= \([0-9]*\) events\/s$/\1/p' <<<"$out" | tr '\n' ' ')
  stop_pids
  labels+=("$label")
  results+=("$presign $list $rates")
}

run_config "SQLite, 1 replica" sqlite 1
run_config "PostgreSQL, 1 replica" postgres 1
run_config "PostgreSQL, 2 replicas" postgres 2

echo
echo "wrk -t2 -c16 -d$duration; binaries: $bin; $(nproc) CPUs; ratios to the SQLite, 1 replica row"
echo
echo "| configuration | presign req/s | list req/s | ingestion new events/s | ingestion repeat events/s |"
echo "|---|---:|---:|---:|---:|"
for i in "${!labels[@]}"; do
  awk -v label="${labels[$i]}" -v row="${results[$i]}" -v base="${results[0]}" 'BEGIN {
    n = split(row, r, " "); split(base, b, " "); line = "| " label " |"
    for (k = 1; k <= n; k++) {
      flag = (r[k] ~ /\*$/) ? "*" : ""; v = r[k] + 0; w = b[k] + 0
      line = line sprintf(" %.0f%s (%.2fx) |", v, flag, w > 0 ? v / w : 0)
    }
    print line }'
done
if [ -n "$flagged" ]; then
  echo
  echo "\\* wrk saw non-2xx answers or socket errors in that run (see its output above)"
fi

#!/usr/bin/env bash
# Soak: REQUESTS mixed requests (every edit family, every output format, animated GIF and
# WebP outputs, metadata, broken originals) over every original of ../shared/testdata
# against a release luna-server, once per allocator, side by side: jemalloc (what
# luna-server links, edge/server/CMakeLists.txt) and glibc malloc (the same build with
# -DLUNA_JEMALLOC=OFF, in build/release-glibc). Prints RSS after the warm-up (the first
# 1,000 requests) and at the end, the means of the two halves after the warm-up (flat
# within 10% = no growth), the peak, the status counts and the time taken. About an hour
# for 10,000 on 2 busy cores; both servers see the same requests in the same order.
#   bench/soak.sh [REQUESTS] [CONCURRENCY] [ALLOCATORS...]    (defaults: 10000 2 glibc jemalloc)
set -euo pipefail
cd "$(dirname "$0")/.."
requests="${1:-10000}"
concurrency="${2:-2}"
shift 2 || shift $# || true
allocators=("$@")
[ ${#allocators[@]} -gt 0 ] || allocators=(glibc jemalloc)
for a in "${allocators[@]}"; do
  case $a in glibc | jemalloc) ;; *) echo "soak: unknown allocator $a (glibc, jemalloc)" >&2; exit 2 ;; esac
done
testdata="$(cd .. && pwd)/shared/testdata"
[ -f "$testdata/MANIFEST.tsv" ] || { echo "soak: $testdata not found" >&2; exit 1; }

scripts/setup-debian.sh >/dev/null
cmake --preset release >/dev/null
cmake --build --preset release --target luna-server >/dev/null
cmake --preset release -B build/release-glibc -DLUNA_JEMALLOC=OFF >/dev/null
cmake --build build/release-glibc --target luna-server >/dev/null

work=$(mktemp -d)
pids=()
clients=()
cleanup() {
  for p in "${pids[@]}" "${clients[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { node -e "const s=require('node:net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }

mkdir -p "$work/originals/bench"
keys=()
for f in "$testdata"/*; do
  name=$(basename "$f")
  [ "$name" = MANIFEST.tsv ] && continue
  cp "$f" "$work/originals/bench/$name"
  keys+=("$name")
done
secret=$(node -e "console.log(require('node:crypto').randomBytes(32).toString('base64url'))")
echo "{\"tenants\":[{\"tenant\":\"bench\",\"state\":\"active\",\"secrets\":[{\"id\":\"b\",\"secret\":\"$secret\"}]}]}" > "$work/tenants.json"
node bench/signed_paths.mjs bench "$secret" soak "$requests" "${keys[@]}" > "$work/paths"

# Both allocators run at the same time, on the same list, so the machine's noise falls on both.
echo "soak: $requests mixed requests over ${#keys[@]} originals, $concurrency in flight per server, luna-server defaults, allocators side by side"
for allocator in "${allocators[@]}"; do
  binary=build/release/edge/server/luna-server
  [ "$allocator" = glibc ] && binary=build/release-glibc/edge/server/luna-server
  port=$(free_port)
  "$binary" --listen "127.0.0.1:$port" \
    --tenants-file "$work/tenants.json" --originals-dir "$work/originals" --data-dir "$work/data-$allocator" \
    > "$work/luna-$allocator.log" 2>&1 &
  pids+=($!)
  node tests/conformance/wait_healthy.mjs "http://127.0.0.1:$port/healthz"
  node bench/soak_client.mjs "http://127.0.0.1:$port" "$work/paths" "$concurrency" "${pids[-1]}" \
    > "$work/$allocator.json" &
  clients+=($!)
done
for c in "${clients[@]}"; do wait "$c"; done
for allocator in "${allocators[@]}"; do
  node -e '
    const r = JSON.parse(require("node:fs").readFileSync(process.argv[1], "utf8"))
    console.log(`${process.argv[2].padEnd(9)} RSS ${r.rssAfterWarmupMB} MB after warm-up, ${r.rssEndMB} MB at the end ` +
      `(${(r.growth * 100).toFixed(1)}%), mean of each half after it ${r.halvesMB.join(" → ")} MB ` +
      `(${(r.halvesGrowth * 100).toFixed(1)}%), peak ${r.peakMB} MB; ${r.requests} requests in ${r.seconds.toFixed(0)} s; ` +
      `statuses ${JSON.stringify(r.statuses)}`)
    console.log(`          samples (requests:MB) ${r.samples.map(([n, mb]) => `${n}:${mb}`).join(" ")}`)
  ' "$work/$allocator.json" "$allocator"
done

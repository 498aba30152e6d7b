#!/usr/bin/env bash
# Runs the host-independent conformance suite against luna.wasm in workerd (edge/worker,
# its config.capnp unchanged), with the same tenants, originals and limits as run-native.sh;
# tenants and originals come through the control plane's internal API (internal_api.mjs).
#   run-workerd.sh LUNA_WASM [--varnish]
set -euo pipefail
module="$1"
through_varnish="${2:-}"
here="$(cd "$(dirname "$0")" && pwd)"
root="$here/../.."
workerd="$root/edge/worker/node_modules/.bin/workerd"
if [ ! -f "$module" ]; then
  echo "run-workerd: $module is missing; build it first: cmake --preset wasm && cmake --build --preset wasm" >&2
  exit 1
fi
work="$(mktemp -d)"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { node -e "const s=require('node:net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }
secret() { node -e "console.log(require('node:crypto').randomBytes(32).toString('base64url'))"; }
# shellcheck source=tenants.sh
source "$here/tenants.sh"
token=$(secret)

node "$here/fixtures.mjs" "$work/originals" demo-co
conformance_tenants "$work/tenants.json"

node "$here/internal_api.mjs" "$work/tenants.json" "$work/originals" "$work/usage.jsonl" "$token" \
  > "$work/api.port" 2> "$work/api.log" &
pids+=($!)
for _ in $(seq 50); do [ -s "$work/api.port" ] && break; sleep 0.1; done

# The worker folder and the module where config.capnp expects them (../../build/wasm/...).
mkdir -p "$work/edge" "$work/build/wasm/edge/wasm"
mkdir -p "$work/edge/worker" && cp "$root"/edge/worker/*.js "$root/edge/worker/config.capnp" "$work/edge/worker/"
cp "$module" "$work/build/wasm/edge/wasm/luna.wasm"
port=$(free_port)
LUNA_CONTROL_PLANE_URL="http://127.0.0.1:$(cat "$work/api.port")" LUNA_EDGE_TOKEN="$token" \
LUNA_MAX_OUTPUT_DIMENSION=4000 LUNA_MAX_QUEUE=2 LUNA_USAGE_FLUSH_MS=200 \
  "$workerd" serve "$work/edge/worker/config.capnp" --socket-addr "http=127.0.0.1:$port" \
  > "$work/workerd.log" 2>&1 &
pids+=($!)
node "$here/wait_healthy.mjs" "http://127.0.0.1:$port/healthz" || { cat "$work/workerd.log" >&2; exit 1; }

base="http://127.0.0.1:$port"
with_cache=()
if [ "$through_varnish" = "--varnish" ]; then
  cache_port=$(free_port)
  "$root/edge/cdn/start-varnish.sh" "$cache_port" 127.0.0.1 "$port" "$work/varnish" > "$work/varnish.log" 2>&1 &
  pids+=($!)
  base="http://127.0.0.1:$cache_port"
  node "$here/wait_healthy.mjs" "$base/healthz" || { cat "$work/varnish.log" >&2; exit 1; }
  with_cache=("$here/cdn_cache.test.mjs")
fi

status=0
LUNA_BASE_URL="$base" CONFORMANCE_TENANT=demo-co CONFORMANCE_SECRET="$current" \
CONFORMANCE_OLD_SECRET="$old" CONFORMANCE_EXPIRED_SECRET="$expired" \
CONFORMANCE_SUSPENDED_TENANT=suspended-co CONFORMANCE_OVER_QUOTA_TENANT=over-quota-co \
CONFORMANCE_MAX_OUTPUT=4000 CONFORMANCE_NO_HEVC=1 \
LUNA_USAGE_JOURNAL="$work/usage.jsonl" CONFORMANCE_USAGE_SETTLE_MS=700 \
  node --test --test-reporter=spec "$here/delivery.test.mjs" "${with_cache[@]}" || status=$?

# Host-specific: rendered transforms reached the control plane as usage batches.
sleep 1
events=$(node -e "const fs=require('fs');let n=0;try{for(const l of fs.readFileSync('$work/usage.jsonl','utf8').split('\n'))if(l)n+=JSON.parse(l).events.length}catch{};console.log(n)")
if [ "$events" -lt 10 ]; then
  echo "run-workerd: only $events usage events reached the control plane" >&2
  tail -20 "$work/workerd.log" >&2
  status=1
fi
[ "$status" -eq 0 ] && echo "run-workerd: conformance suite passed; $events usage events sent in batches"
exit "$status"

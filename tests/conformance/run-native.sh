#!/usr/bin/env bash
# Runs the host-independent conformance suite against a real luna-server on loopback, with
# a tenants file, originals on disk, and small limits so that the limit cases are cheap.
# With --varnish, the suite goes through Varnish (edge/cdn) in front of it, plus the cache
# checks of cdn_cache.test.mjs.
#   run-native.sh LUNA_SERVER_BINARY [--varnish]
set -euo pipefail
server="$1"
through_varnish="${2:-}"
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
pid=""
varnish_pid=""
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null
  [ -n "$varnish_pid" ] && kill "$varnish_pid" 2>/dev/null && wait "$varnish_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

# shellcheck source=tenants.sh
source "$here/tenants.sh"
port=$(node -e "const s=require('node:net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")

node "$here/fixtures.mjs" "$work/originals" demo-co
conformance_tenants "$work/tenants.json"

LUNA_MAX_OUTPUT_DIMENSION=4000 "$server" --listen "127.0.0.1:$port" --tenants-file "$work/tenants.json" \
  --originals-dir "$work/originals" --data-dir "$work/data" --max-concurrent 2 --max-queue 2 \
  > "$work/server.log" 2>&1 &
pid=$!
node "$here/wait_healthy.mjs" "http://127.0.0.1:$port/healthz" || { cat "$work/server.log" >&2; exit 1; }

base="http://127.0.0.1:$port"
if [ "$through_varnish" = "--varnish" ]; then
  cache_port=$(node -e "const s=require('node:net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
  "$here/../../edge/cdn/start-varnish.sh" "$cache_port" 127.0.0.1 "$port" "$work/varnish" > "$work/varnish.log" 2>&1 &
  varnish_pid=$!
  base="http://127.0.0.1:$cache_port"
  node "$here/wait_healthy.mjs" "$base/healthz" || { cat "$work/varnish.log" >&2; exit 1; }
fi

status=0
LUNA_BASE_URL="$base" CONFORMANCE_TENANT=demo-co CONFORMANCE_SECRET="$current" \
CONFORMANCE_OLD_SECRET="$old" CONFORMANCE_EXPIRED_SECRET="$expired" \
CONFORMANCE_SUSPENDED_TENANT=suspended-co CONFORMANCE_OVER_QUOTA_TENANT=over-quota-co \
CONFORMANCE_MAX_OUTPUT=4000 LUNA_USAGE_JOURNAL="$work/data/pending.jsonl" \
  node --test --test-reporter=spec "$here/delivery.test.mjs" \
  ${varnish_pid:+"$here/cdn_cache.test.mjs"} || status=$?

# Host-specific: every rendered transform left a usage event in the journal.
events=$(wc -l < "$work/data/pending.jsonl")
if [ "$events" -lt 10 ]; then
  echo "run-native: only $events usage events journaled" >&2
  status=1
fi
kill -TERM "$pid"
if ! wait "$pid"; then
  echo "run-native: luna-server did not shut down cleanly" >&2
  cat "$work/server.log" >&2
  status=1
fi
pid=""
[ "$status" -eq 0 ] && echo "run-native: conformance suite passed; $events usage events journaled"
exit "$status"

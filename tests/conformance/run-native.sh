#!/usr/bin/env bash
# Runs the host-independent conformance suite against a real luna-server on loopback, with
# a tenants file, originals on disk, and small limits so that the limit cases are cheap.
#   run-native.sh LUNA_SERVER_BINARY
set -euo pipefail
server="$1"
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

secret() { node -e "console.log(require('node:crypto').randomBytes(32).toString('base64url'))"; }
port=$(node -e "const s=require('node:net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
current=$(secret) old=$(secret) expired=$(secret)
now=$(date +%s)

node "$here/fixtures.mjs" "$work/originals" demo-co
cat > "$work/tenants.json" <<JSON
{"tenants": [
  {"tenant": "demo-co", "state": "active", "secrets": [
    {"id": "s3", "secret": "$current"},
    {"id": "s2", "secret": "$old", "validUntil": $((now + 3600))},
    {"id": "s1", "secret": "$expired", "validUntil": $((now - 10))}]},
  {"tenant": "suspended-co", "state": "suspended", "secrets": [{"id": "s1", "secret": "$current"}]},
  {"tenant": "over-quota-co", "state": "over_quota", "secrets": [{"id": "s1", "secret": "$current"}]}
]}
JSON

LUNA_MAX_OUTPUT_DIMENSION=4000 "$server" --listen "127.0.0.1:$port" --tenants-file "$work/tenants.json" \
  --originals-dir "$work/originals" --data-dir "$work/data" --max-concurrent 2 --max-queue 2 \
  > "$work/server.log" 2>&1 &
pid=$!
node "$here/wait_healthy.mjs" "http://127.0.0.1:$port/healthz" || { cat "$work/server.log" >&2; exit 1; }

status=0
LUNA_BASE_URL="http://127.0.0.1:$port" CONFORMANCE_TENANT=demo-co CONFORMANCE_SECRET="$current" \
CONFORMANCE_OLD_SECRET="$old" CONFORMANCE_EXPIRED_SECRET="$expired" \
CONFORMANCE_SUSPENDED_TENANT=suspended-co CONFORMANCE_OVER_QUOTA_TENANT=over-quota-co \
CONFORMANCE_MAX_OUTPUT=4000 node --test --test-reporter=spec "$here/delivery.test.mjs" || status=$?

# Host-specific: every rendered transform left a usage event in the journal.
events=$(wc -l < "$work/data/pending.jsonl")
if [ "$events" -lt 20 ]; then
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

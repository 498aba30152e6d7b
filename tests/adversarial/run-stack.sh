#!/usr/bin/env bash
# The attacks of stack/*.test.mjs against the whole local stack (scripts/stack.sh: control
# plane, Luna — luna-server, or luna.wasm in workerd with STACK_LUNA=workerd — and Varnish)
# on free loopback ports with a fresh data directory and two tenants: the attacker and the
# victim.
#   run-stack.sh BUILD_DIR
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
export STACK_ROOT="$root" STACK_BIN="$1"
export STACK_DATA="$(mktemp -d)"
export STACK_USAGE_FLUSH_MS=200
# Short tenant-config caching at the edge, and the control plane's repeated tenant-wide purge
# just after it, so that suspension and project deletion are seen within seconds.
export LUNA_TENANT_CACHE_SECONDS=3 IMMAGIN_PURGE_REPEAT_SECONDS=4
free_port() { node -e "const s=require('node:net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }
export STACK_CP_PORT="$(free_port)" STACK_LUNA_PORT="$(free_port)" STACK_EDGE_PORT="$(free_port)"
export STACK_CP_INTERNAL_PORT="$(free_port)"
# shellcheck source=../../scripts/stack.sh
source "$root/scripts/stack.sh"
trap 'stack_stop; rm -rf "$STACK_DATA"' EXIT

export IMMAGIN_DATA_DIR="$STACK_DATA"
admin="$STACK_BIN/control-plane/immagin-admin"
key_of() { "$admin" create-key --tenant "$1" --name adversarial | sed -n 's/.*"key":"\(imk_[A-Za-z0-9]*\)".*/\1/p'; }
"$admin" create-project --tenant attacker-co --name "Attacker" >/dev/null
"$admin" create-project --tenant victim-co --name "Victim" >/dev/null
attacker_key=$(key_of attacker-co)
victim_key=$(key_of victim-co)
stack_start
ADV_API="$STACK_API" ADV_INTERNAL_API="$STACK_INTERNAL_API" ADV_EDGE="$STACK_EDGE" ADV_LUNA="http://127.0.0.1:$STACK_LUNA_PORT" \
ADV_DATA="$STACK_DATA" ADV_ADMIN="$admin" ADV_HOST="${STACK_LUNA:-luna-server}" \
ADV_ATTACKER_KEY="$attacker_key" ADV_VICTIM_KEY="$victim_key" \
  node --test --test-reporter=spec "$here"/stack/*.test.mjs

#!/usr/bin/env bash
# End-to-end: the whole local stack (control plane, Luna, Varnish; scripts/stack.sh) on
# free loopback ports with a fresh data directory, driven through the SDK.
#   run-stack.sh BUILD_DIR
# With E2E_REPLICAS=2: two control-plane replicas on one fresh database of the private
# PostgreSQL cluster ($IMMAGIN_TEST_POSTGRES_DIR/url), the SDK alternating between them.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
export STACK_ROOT="$root" STACK_BIN="$1"
export STACK_DATA="$(mktemp -d)"
export STACK_USAGE_FLUSH_MS=200
free_port() { node -e "const s=require('node:net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }
export STACK_CP_PORT="$(free_port)" STACK_LUNA_PORT="$(free_port)" STACK_EDGE_PORT="$(free_port)"
# shellcheck source=../../scripts/stack.sh
source "$root/scripts/stack.sh"
cleanup_database=":"
if [ "${E2E_REPLICAS:-1}" = 2 ]; then
  [ -s "${IMMAGIN_TEST_POSTGRES_DIR:-}/url" ] ||
    { echo "e2e: E2E_REPLICAS=2 needs the PostgreSQL cluster (IMMAGIN_TEST_POSTGRES_DIR)" >&2; exit 1; }
  maintenance=$(cat "$IMMAGIN_TEST_POSTGRES_DIR/url")
  database="e2e_$$"
  psql -q "$maintenance" -c "CREATE DATABASE $database"
  cleanup_database="psql -q '$maintenance' -c 'DROP DATABASE IF EXISTS $database WITH (FORCE)'"
  export IMMAGIN_DATABASE_URL="${maintenance/\/postgres\?//$database?}"
  export STACK_CP2_PORT="$(free_port)"
fi
trap 'stack_stop; eval "$cleanup_database"; rm -rf "$STACK_DATA"' EXIT

[ -f "$root/sdk/typescript/dist/esm/index.js" ] ||
  { echo "e2e: build the SDK first (npm --prefix sdk/typescript run build)" >&2; exit 1; }
export IMMAGIN_DATA_DIR="$STACK_DATA"
"$STACK_BIN/control-plane/immagin-admin" create-project --tenant e2e-co --name "E2E" >/dev/null
api_key=$("$STACK_BIN/control-plane/immagin-admin" create-key --tenant e2e-co --name e2e |
  sed -n 's/.*"key":"\(imk_[A-Za-z0-9]*\)".*/\1/p')
stack_start
E2E_API="$STACK_API" E2E_API2="${STACK_API2:-}" E2E_EDGE="$STACK_EDGE" E2E_API_KEY="$api_key" \
  E2E_EDGE_TOKEN="$(cat "$STACK_DATA/edge-token")" \
  node --test --test-reporter=spec "$here/stack.test.mjs"

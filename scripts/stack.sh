# The local stack, for scripts/run.sh and the end-to-end tests (source it, then call
# stack_start / stack_stop):
#   control plane  127.0.0.1:$STACK_CP_PORT     API, storage, usage (immagin-control-plane)
#   Luna           127.0.0.1:$STACK_LUNA_PORT   luna-server, or with STACK_LUNA=workerd
#                                               luna.wasm in workerd (edge/worker); either
#                                               way tenants/originals/usage go through the
#                                               control plane's internal API
#   Varnish        127.0.0.1:$STACK_EDGE_PORT   the CDN cache in front of Luna: the public
#                                               delivery URL
# Inputs: STACK_BIN (build dir), STACK_DATA (data dir), the three ports; for workerd,
# STACK_WASM_MODULE (default build/wasm/edge/wasm/luna.wasm). The edge token is made once
# and kept in the data directory.
# The database: IMMAGIN_DATABASE_URL when set (postgres://…; immagin-admin reads it too),
# else STACK_DATA's SQLite file. With STACK_CP2_PORT a second control-plane replica serves
# on that port, on the same database and storage (STACK_API2): any replica answers any
# request, as behind a load balancer.

stack_pids=()

stack_wait_healthy() {  # url name
  node "$STACK_ROOT/tests/conformance/wait_healthy.mjs" "$1" >/dev/null ||
    { echo "stack: $2 did not start (logs in $STACK_DATA/logs)" >&2; return 1; }
}

stack_start() {
  STACK_ROOT="${STACK_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
  mkdir -p "$STACK_DATA/logs"
  local token_file="$STACK_DATA/edge-token"
  if [ ! -s "$token_file" ]; then
    (umask 077 && "$STACK_BIN/tools/immagin-url" new-secret > "$token_file")
  fi
  local token
  token=$(cat "$token_file")
  export STACK_API="http://127.0.0.1:$STACK_CP_PORT"
  # With STACK_CP_INTERNAL_PORT the internal API (/internal/v1/*: tenants, originals, usage)
  # has a listener and threads of its own, and the public one answers 404 for it.
  local internal=() edge_api="$STACK_API"
  if [ -n "${STACK_CP_INTERNAL_PORT:-}" ]; then
    internal=(--internal-listen "127.0.0.1:$STACK_CP_INTERNAL_PORT")
    edge_api="http://127.0.0.1:$STACK_CP_INTERNAL_PORT"
  fi
  export STACK_INTERNAL_API="$edge_api"
  export STACK_EDGE="http://127.0.0.1:$STACK_EDGE_PORT"

  # The edge token never goes into argv (`ps` shows it to every local user): environment or file.
  # Deletes, replaces and suspensions purge Varnish's copies through its PURGE endpoint.
  local database=()
  if [ -n "${IMMAGIN_DATABASE_URL:-}" ]; then database=(--database-url "$IMMAGIN_DATABASE_URL"); fi
  IMMAGIN_DATA_DIR="$STACK_DATA" IMMAGIN_EDGE_TOKEN="$token" IMMAGIN_PURGE_VARNISH_URL="$STACK_EDGE" \
    "$STACK_BIN/control-plane/immagin-control-plane" "${database[@]}" \
    --listen "127.0.0.1:$STACK_CP_PORT" --delivery-url "$STACK_EDGE" "${internal[@]}" \
    2> "$STACK_DATA/logs/control-plane.log" &
  stack_pids+=($!)
  stack_wait_healthy "$STACK_API/healthz" "the control plane" || return 1
  if [ -n "${STACK_CP2_PORT:-}" ]; then
    export STACK_API2="http://127.0.0.1:$STACK_CP2_PORT"
    IMMAGIN_DATA_DIR="$STACK_DATA" IMMAGIN_EDGE_TOKEN="$token" IMMAGIN_PURGE_VARNISH_URL="$STACK_EDGE" \
      "$STACK_BIN/control-plane/immagin-control-plane" "${database[@]}" \
      --listen "127.0.0.1:$STACK_CP2_PORT" --delivery-url "$STACK_EDGE" \
      2> "$STACK_DATA/logs/control-plane-2.log" &
    stack_pids+=($!)
    stack_wait_healthy "$STACK_API2/healthz" "the second control-plane replica" || return 1
  fi

  if [ "${STACK_LUNA:-luna-server}" = workerd ]; then
    # config.capnp embeds ../../build/wasm/edge/wasm/luna.wasm: lay out a copy that way.
    local worker="$STACK_DATA/workerd"
    mkdir -p "$worker/edge/worker" "$worker/build/wasm/edge/wasm"
    cp "$STACK_ROOT"/edge/worker/*.js "$STACK_ROOT/edge/worker/config.capnp" "$worker/edge/worker/"
    cp "${STACK_WASM_MODULE:-$STACK_ROOT/build/wasm/edge/wasm/luna.wasm}" \
      "$worker/build/wasm/edge/wasm/luna.wasm"
    LUNA_CONTROL_PLANE_URL="$edge_api" LUNA_EDGE_TOKEN="$token" \
      LUNA_USAGE_FLUSH_MS="${STACK_USAGE_FLUSH_MS:-1000}" \
      "$STACK_ROOT/edge/worker/node_modules/.bin/workerd" serve "$worker/edge/worker/config.capnp" \
      --socket-addr "http=127.0.0.1:$STACK_LUNA_PORT" > "$STACK_DATA/logs/luna.log" 2>&1 &
  else
    "$STACK_BIN/edge/server/luna-server" --listen "127.0.0.1:$STACK_LUNA_PORT" \
      --control-plane-url "$edge_api" --edge-token-file "$token_file" --data-dir "$STACK_DATA/luna" \
      --usage-flush-ms "${STACK_USAGE_FLUSH_MS:-1000}" \
      > "$STACK_DATA/logs/luna.log" 2>&1 &
  fi
  stack_pids+=($!)
  stack_wait_healthy "http://127.0.0.1:$STACK_LUNA_PORT/healthz" "Luna" || return 1

  "$STACK_ROOT/edge/cdn/start-varnish.sh" "$STACK_EDGE_PORT" 127.0.0.1 "$STACK_LUNA_PORT" \
    "$STACK_DATA/varnish" > "$STACK_DATA/logs/varnish.log" 2>&1 &
  stack_pids+=($!)
  stack_wait_healthy "$STACK_EDGE/healthz" "Varnish" || return 1
}

# Stops in reverse order, each with SIGTERM (clean shutdown: Luna flushes its usage).
stack_stop() {
  local i
  for ((i = ${#stack_pids[@]} - 1; i >= 0; i--)); do
    kill -TERM "${stack_pids[i]}" 2>/dev/null || true
    wait "${stack_pids[i]}" 2>/dev/null || true
  done
  stack_pids=()
}

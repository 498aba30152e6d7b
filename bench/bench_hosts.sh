# Sourced by the bench scripts (from the checkout's root): one tenant, "bench", with the
# photo as its only original, and the Worker (luna.wasm in workerd) reading it through the
# stand-in internal API (tests/conformance/internal_api.mjs), all on loopback.

# bench_tenant DIR PHOTO: writes DIR/originals/bench/photo.jpg and DIR/tenants.json and
# prints the tenant's signing secret.
bench_tenant() {
  local dir=$1 photo=$2 secret
  secret=$(node -e "console.log(require('node:crypto').randomBytes(32).toString('base64url'))")
  mkdir -p "$dir/originals/bench"
  cp "$photo" "$dir/originals/bench/photo.jpg"
  echo "{\"tenants\":[{\"tenant\":\"bench\",\"state\":\"active\",\"secrets\":[{\"id\":\"b\",\"secret\":\"$secret\"}]}]}" \
    > "$dir/tenants.json"
  echo "$secret"
}

# bench_worker DIR PORT: starts the stand-in API and workerd serving build/wasm's luna.wasm
# (or $LUNA_WASM) on PORT; their pids join the caller's `pids` array, workerd's is in `worker_pid`.
bench_worker() {
  local dir=$1 port=$2
  node tests/conformance/internal_api.mjs "$dir/tenants.json" "$dir/originals" "$dir/usage.jsonl" bench \
    > "$dir/api.port" 2> "$dir/api.log" &
  pids+=($!)
  for _ in $(seq 50); do [ -s "$dir/api.port" ] && break; sleep 0.1; done
  mkdir -p "$dir/w/edge/worker" "$dir/w/build/wasm/edge/wasm"
  cp edge/worker/*.js edge/worker/config.capnp "$dir/w/edge/worker/"
  cp "${LUNA_WASM:-build/wasm/edge/wasm/luna.wasm}" "$dir/w/build/wasm/edge/wasm/luna.wasm"
  LUNA_CONTROL_PLANE_URL="http://127.0.0.1:$(cat "$dir/api.port")" LUNA_EDGE_TOKEN=bench \
    edge/worker/node_modules/.bin/workerd serve "$dir/w/edge/worker/config.capnp" \
    --socket-addr "http=127.0.0.1:$port" > "$dir/workerd.log" 2>&1 &
  pids+=($!)
  worker_pid=$!
}

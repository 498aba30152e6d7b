#!/usr/bin/env bash
# The README's run command: installs what is missing, builds, and starts the local stack
# with a demo project. Today the stack is the control plane (Pistache + SQLite) on
# 127.0.0.1; the edge (Luna), Varnish and the SDK join as their issues land.
#   IMMAGIN_DATA_DIR   data directory: database, originals, the demo key (default ./data)
#   IMMAGIN_CP_PORT    control plane port on 127.0.0.1 (default 8081)
#   IMMAGIN_EDGE_URL   base URL printed in delivery URLs (default http://127.0.0.1:8080)
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup-debian.sh
cmake --preset release >/dev/null
cmake --build --preset release --target immagin-url immagin-control-plane immagin-admin
bin=build/release
cli=$bin/tools/immagin-url
admin=$bin/control-plane/immagin-admin

data_dir="${IMMAGIN_DATA_DIR:-$PWD/data}"
port="${IMMAGIN_CP_PORT:-8081}"
edge_url="${IMMAGIN_EDGE_URL:-http://127.0.0.1:8080}"
tenant=demo
key_file="$data_dir/projects/$tenant/api-key"
export IMMAGIN_DATA_DIR="$data_dir"

# The demo project and its first API key are made once (the key is shown only at
# creation, so it is kept, readable by this user only) and reused afterwards.
mkdir -p "$data_dir"
if ! "$admin" list-projects | grep -q "\"tenant\":\"$tenant\""; then
  "$admin" create-project --tenant "$tenant" --name "Demo" >/dev/null
  echo "created demo project '$tenant'"
fi
if [ ! -s "$key_file" ]; then
  mkdir -p "$(dirname "$key_file")"
  (umask 077 && "$admin" create-key --tenant "$tenant" --name demo |
    sed -n 's/.*"key":"\(imk_[A-Za-z0-9]*\)".*/\1/p' > "$key_file.tmp" && mv "$key_file.tmp" "$key_file")
fi
api_key=$(cat "$key_file")

edge_token_file="$data_dir/edge-token"
if [ ! -s "$edge_token_file" ]; then
  (umask 077 && "$cli" new-secret > "$edge_token_file")
fi

"$bin/control-plane/immagin-control-plane" --listen "127.0.0.1:$port" \
  --delivery-url "$edge_url" --edge-token "$(cat "$edge_token_file")" \
  2> >(grep -v '"msg":"request"' >&2) &
server=$!
stop() { kill -TERM "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; }
trap 'stop; exit 0' INT TERM
trap stop EXIT

api="http://127.0.0.1:$port"
for _ in $(seq 50); do
  curl -sf "$api/healthz" >/dev/null 2>&1 && break
  kill -0 "$server" 2>/dev/null || { echo "the control plane did not start" >&2; exit 1; }
  sleep 0.1
done

project=$(curl -sf -H "Authorization: Bearer $api_key" "$api/v1/project")
secret=$(echo "$project" | sed -n 's/.*"secret":"\([A-Za-z0-9_-]*\)".*/\1/p')
secret_id=$(echo "$project" | sed -n 's/.*"signingSecret":{"id":"\([a-z0-9]*\)".*/\1/p')
edits='[{"resize":{"width":800,"height":600}},{"text":{"text":"© immagin","position":"bottom-right"}}]'
url=$("$cli" sign --tenant "$tenant" --secret "$secret" --secret-id "$secret_id" --base "$edge_url" \
  --key hero.jpg --edits "$edits")

cat <<MSG

Control plane: $api   (data in $data_dir; Ctrl-C stops it)
  demo project '$tenant', API key in $key_file
  try:  curl -H "Authorization: Bearer \$(cat $key_file)" $api/v1/project
        curl -H "Authorization: Bearer \$(cat $key_file)" -d '{"key":"hero.jpg"}' $api/v1/images/presign
  health $api/healthz, metrics $api/metrics

Signed delivery URL for the demo project (key hero.jpg, edits $edits),
signed with the project's secret from GET /v1/project:
  $url

Its canonical form and transform id (the cache and billing identity):
  $("$cli" inspect --tenant "$tenant" --payload "{\"key\":\"hero.jpg\",\"edits\":$edits}")

Not running yet: the edge (Luna) that will serve that URL on $edge_url, Varnish, the SDK.
MSG
wait "$server"

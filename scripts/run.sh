#!/usr/bin/env bash
# The README's run command: installs what is missing, builds, and starts the local stack
# (control plane, Luna, Varnish) with a demo project, then uploads a sample image and
# prints a signed URL that serves it, transformed, through the cache. Ctrl-C stops it all.
#   IMMAGIN_DATA_DIR   data directory: database, originals, keys, logs (default ./data)
#   IMMAGIN_EDGE_PORT  the public delivery port, Varnish (default 8080)
#   IMMAGIN_CP_PORT    the control plane (default 8081)
#   IMMAGIN_LUNA_PORT  Luna behind Varnish (default 8082)
#   IMMAGIN_CP_INTERNAL_PORT  the control plane's internal API for the edge (default 8083)
#   IMMAGIN_DATABASE_URL  postgres://… to keep the control plane's state in PostgreSQL
#                      (default: the data directory's SQLite file); immagin-admin uses it too
#   STACK_LUNA         workerd (default): Luna as luna.wasm in workerd, as deployed on
#                      Cloudflare Workers; native (or luna-server): the native host
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup-debian.sh
cmake --preset release >/dev/null
cmake --build --preset release --target immagin-url immagin-control-plane immagin-admin \
  luna-server luna
export STACK_LUNA="${STACK_LUNA:-workerd}"
case "$STACK_LUNA" in
  workerd | luna-server) ;;
  native) STACK_LUNA=luna-server ;;
  *) echo "run.sh: STACK_LUNA must be workerd or native, not '$STACK_LUNA'" >&2; exit 2 ;;
esac
if [ "$STACK_LUNA" = workerd ]; then
  cmake --preset wasm >/dev/null
  cmake --build --preset wasm
  npm ci --prefix edge/worker --no-audit --no-fund --loglevel=error
fi

export STACK_ROOT="$PWD" STACK_BIN="$PWD/build/release"
export STACK_DATA="${IMMAGIN_DATA_DIR:-$PWD/data}"
export STACK_EDGE_PORT="${IMMAGIN_EDGE_PORT:-8080}" STACK_CP_PORT="${IMMAGIN_CP_PORT:-8081}"
export STACK_LUNA_PORT="${IMMAGIN_LUNA_PORT:-8082}"
export STACK_CP_INTERNAL_PORT="${IMMAGIN_CP_INTERNAL_PORT:-8083}"
# shellcheck source=scripts/stack.sh
source scripts/stack.sh
admin="$STACK_BIN/control-plane/immagin-admin"
tenant=demo
key_file="$STACK_DATA/projects/$tenant/api-key"
mkdir -p "$STACK_DATA"

# The demo project and its first API key are made once (the key is shown only at
# creation, so it is kept, readable by this user only) and reused afterwards.
export IMMAGIN_DATA_DIR="$STACK_DATA"
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

trap 'stack_stop; exit 0' INT TERM
trap stack_stop EXIT
stack_start

# A sample original, drawn by Luna itself from an SVG, uploaded the way the SDK does it:
# presign, then PUT the bytes to the upload URL.
sample="$STACK_DATA/sample.jpg"
if [ ! -s "$sample" ]; then
  cat > "$STACK_DATA/sample.svg" <<'SVG'
<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="1067">
  <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">
    <stop offset="0" stop-color="#0b3d91"/><stop offset="1" stop-color="#f28c28"/></linearGradient></defs>
  <rect width="1600" height="1067" fill="url(#g)"/>
  <circle cx="1150" cy="420" r="230" fill="#ffd23f" opacity="0.9"/>
  <path d="M0 900 L420 520 L760 860 L1060 600 L1600 1000 L1600 1067 L0 1067 Z" fill="#1b1b3a"/>
</svg>
SVG
  "$STACK_BIN/edge/cli/luna" transform "$STACK_DATA/sample.svg" "$sample" \
    --output '{"format":"jpeg","quality":90}' 2>/dev/null
fi
auth="Authorization: Bearer $api_key"
upload_url=$(curl -sf -H "$auth" -H 'Content-Type: application/json' -d '{"key":"hero.jpg"}' \
  "$STACK_API/v1/images/presign" | sed -n 's/.*"uploadUrl":"\([^"]*\)".*/\1/p')
curl -sf -X PUT --data-binary "@$sample" "$upload_url" >/dev/null

project=$(curl -sf -H "$auth" "$STACK_API/v1/project")
secret=$(echo "$project" | sed -n 's/.*"secret":"\([A-Za-z0-9_-]*\)".*/\1/p')
secret_id=$(echo "$project" | sed -n 's/.*"signingSecret":{"id":"\([a-z0-9]*\)".*/\1/p')
edits='[{"resize":{"width":800,"height":600}},{"text":{"text":"© immagin","position":"bottom-right"}}]'
url=$("$STACK_BIN/tools/immagin-url" sign --tenant "$tenant" --secret "$secret" \
  --secret-id "$secret_id" --base "$STACK_EDGE" --key hero.jpg --edits "$edits")
first=$(curl -s -o /dev/null -w '%{http_code} %{content_type} %{size_download} bytes' "$url")
cache=$(curl -s -o /dev/null -D - "$url" | tr -d '\r' | sed -n 's/^X-Cache: //p')

cat <<MSG

Immagin is running (Ctrl-C stops it; data and logs in $STACK_DATA):
  delivery (Varnish)  $STACK_EDGE       the URLs below
  control plane       $STACK_API       API key in $key_file
  Luna                http://127.0.0.1:$STACK_LUNA_PORT       $STACK_LUNA, behind Varnish
  console             $STACK_API/console/   sign up there; the verification link is
                      printed in $STACK_DATA/logs/control-plane.log (no SMTP configured)

Uploaded hero.jpg to the demo project; this signed URL serves it resized, with a text layer:
  $url
  first GET: $first; second GET: X-Cache $cache

SDK (TypeScript, in sdk/typescript):
  const client = new Immagin({ apiKey: '$(cut -c1-8 "$key_file")…', baseUrl: '$STACK_API' })
  const url = await client.images.url('hero.jpg', [{ resize: { width: 400 } }])

Try:  curl -H "Authorization: Bearer \$(cat $key_file)" $STACK_API/v1/images
      curl -H "Authorization: Bearer \$(cat $key_file)" $STACK_API/v1/usage
MSG
wait "${stack_pids[0]}"

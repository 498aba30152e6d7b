#!/usr/bin/env bash
# The README's run command: installs what is missing, builds, and starts the local stack
# with a demo project. Today the stack is only the shared core: this mints a real signed
# URL for the demo project and says plainly that nothing serves it yet.
#   IMMAGIN_DATA_DIR   where the demo project's secret is kept (default ./data)
#   IMMAGIN_EDGE_URL   base URL printed in delivery URLs (default http://127.0.0.1:8080)
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup-debian.sh
cmake --preset release >/dev/null
cmake --build --preset release --target immagin-url
cli=build/release/tools/immagin-url

data_dir="${IMMAGIN_DATA_DIR:-$PWD/data}"
edge_url="${IMMAGIN_EDGE_URL:-http://127.0.0.1:8080}"
tenant=demo
secret_file="$data_dir/projects/$tenant/signing-secret"

# The demo project's signing secret is made once and kept across runs.
if [ ! -s "$secret_file" ]; then
  mkdir -p "$(dirname "$secret_file")"
  (umask 077 && "$cli" new-secret > "$secret_file.tmp" && mv "$secret_file.tmp" "$secret_file")
  echo "created demo project '$tenant' (secret in $secret_file)"
else
  echo "reusing demo project '$tenant' (secret in $secret_file)"
fi
secret=$(cat "$secret_file")

edits='[{"resize":{"width":800,"height":600}},{"text":{"text":"© immagin","position":"bottom-right"}}]'
url=$("$cli" sign --tenant "$tenant" --secret "$secret" --base "$edge_url" --key hero.jpg --edits "$edits")

cat <<MSG

Signed delivery URL for the demo project (key hero.jpg, edits $edits):
  $url

Its canonical form and transform id (the cache and billing identity):
  $("$cli" inspect --tenant "$tenant" --payload "{\"key\":\"hero.jpg\",\"edits\":$edits}")

What runs today: nothing listens yet. The shared core (signing, payloads, the edit model)
is built and tested; the edge (Luna), the control plane, Varnish and the SDK arrive with
their issues, and this command will start them here, on loopback, as they land.
MSG

#!/usr/bin/env bash
# Cloudflare Workers' own bundler on edge/worker with the built module, offline: wrangler
# deploy --dry-run (no account, no metrics) must succeed, the bundle must hold worker.js
# and the wasm module, and fit Workers' 64 MiB limit per Worker (uncompressed).
#   wrangler_dry_run.sh LUNA_WASM
set -euo pipefail
wasm=$1
root="$(cd "$(dirname "$0")/../.." && pwd)"
[[ -f $wasm ]] || { echo "FAIL: $wasm is missing; build it: cmake --preset wasm && cmake --build --preset wasm"; exit 1; }
[[ -x $root/edge/worker/node_modules/.bin/wrangler ]] ||
  { echo "FAIL: wrangler is not installed: npm ci --prefix edge/worker"; exit 1; }
[[ $(realpath "$wasm") == "$root/build/wasm/edge/wasm/luna.wasm" ]] ||
  echo "note: wrangler.toml bundles build/wasm/edge/wasm/luna.wasm, not $wasm"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# wrangler.toml's build command copies the module in from the folder it runs in.
(cd "$root/edge/worker" &&
  WRANGLER_SEND_METRICS=false CI=true node_modules/.bin/wrangler deploy --dry-run \
    --outdir "$out" -c wrangler.toml) >"$out.log" 2>&1 || { cat "$out.log"; rm -f "$out.log"; exit 1; }
grep -E "Total Upload" "$out.log" || true
rm -f "$out.log"
failures=0
[[ -f $out/worker.js ]] || { echo "FAIL: no worker.js in the bundle"; failures=1; }
module=$(ls "$out"/*luna.wasm 2>/dev/null | head -1)
if [[ -z $module ]]; then
  echo "FAIL: no luna.wasm in the bundle"; failures=1
else
  cmp -s "$module" "$root/build/wasm/edge/wasm/luna.wasm" || { echo "FAIL: the bundled module is not the built one"; failures=1; }
fi
raw=$(cat "$out"/worker.js ${module:+"$module"} | wc -c)
gz=$(cat "$out"/worker.js ${module:+"$module"} | gzip -9 | wc -c)
limit=$((64 << 20))
awk -v r="$raw" -v g="$gz" -v l="$limit" 'BEGIN { printf "bundle (worker.js + luna.wasm): %d bytes raw (%.2f MiB), %d gzip -9 (%.2f MiB); Workers limit %d (64 MiB)\n", r, r / 1048576, g, g / 1048576, l }'
((raw <= limit)) || { echo "FAIL: the bundle is over 64 MiB"; failures=1; }
((failures == 0)) && echo "ok: wrangler bundles worker.js and luna.wasm offline"
exit $failures

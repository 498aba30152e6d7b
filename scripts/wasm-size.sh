#!/usr/bin/env bash
# Prints the size of wasm modules raw and gzipped (-9), against Cloudflare Workers' limits
# (3 MB gzipped on the free plan, 10 MB on paid plans).
#   scripts/wasm-size.sh MODULE.wasm...
set -euo pipefail
for module in "$@"; do
  raw=$(stat -c %s "$module")
  gz=$(gzip -9 -c "$module" | wc -c)
  plan="fits the free plan (3 MB)"
  [ "$gz" -gt 3000000 ] && plan="over the free plan's 3 MB; fits the paid plan's 10 MB"
  [ "$gz" -gt 10000000 ] && plan="OVER the paid plan's 10 MB"
  awk -v m="$(basename "$module")" -v r="$raw" -v g="$gz" -v p="$plan" \
    'BEGIN { printf "%s: %.2f MB raw, %.2f MB gzip -9 (%s)\n", m, r / 1e6, g / 1e6, p }'
done

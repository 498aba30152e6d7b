#!/usr/bin/env bash
# Prints the size of wasm modules raw and gzipped (-9), against Cloudflare Workers' limit:
# since 2026-09 one limit of 64 MiB per Worker, uncompressed (the gzip figure is what a
# download costs). The whole bundle, worker.js included, is measured by the wrangler test.
#   scripts/wasm-size.sh MODULE.wasm...
set -euo pipefail
limit=$((64 * 1024 * 1024))
for module in "$@"; do
  raw=$(stat -c %s "$module")
  gz=$(gzip -9 -c "$module" | wc -c)
  verdict="fits Workers' 64 MiB"
  [ "$raw" -gt "$limit" ] && verdict="OVER Workers' 64 MiB"
  awk -v m="$(basename "$module")" -v r="$raw" -v g="$gz" -v p="$verdict" \
    'BEGIN { printf "%s: %.2f MB raw, %.2f MB gzip -9 (%s)\n", m, r / 1e6, g / 1e6, p }'
done

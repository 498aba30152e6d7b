#!/usr/bin/env bash
# shared/ must behave identically natively and as wasm32-wasi: same canonical forms,
# transform ids, signatures, errors and bills for every input line.
#   shared_parity.sh NATIVE_BINARY WASM_MODULE INPUT.jsonl
set -euo pipefail
native="$1" wasm="$2" input="$3"
here="$(cd "$(dirname "$0")" && pwd)"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

"$native" < "$input" > "$out/native.txt"
node --no-warnings "$here/run_wasi.mjs" "$wasm" < "$input" > "$out/wasm.txt"

lines=$(grep -cv '^#' "$input")
oks=$(grep -c '^[0-9]* ok ' "$out/native.txt" || true)
errors=$(grep -c '^[0-9]* error ' "$out/native.txt" || true)
# Guard against a vacuous pass: every input line must have produced a verdict.
[ $((oks + errors)) -eq "$lines" ] || { echo "parity: $lines inputs but $oks ok + $errors errors" >&2; exit 1; }
if ! diff -u "$out/native.txt" "$out/wasm.txt"; then
  echo "parity: native and wasm32-wasi differ (diff above)" >&2
  exit 1
fi
echo "parity: $lines payloads ($oks valid, $errors rejected) identical natively and in wasm32-wasi"

#!/usr/bin/env bash
# The luna CLI as a user meets it: transform, metadata, and one-line errors with exit codes.
set -euo pipefail
luna="$1"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# A random-pixel PPM: a real image, but not in a format Luna accepts.
{ printf 'P6\n600 400\n255\n'; head -c $((600 * 400 * 3)) /dev/urandom; } > "$work/in.ppm"
# PPM is not on the loader allow-list: refused, and no output file is left behind.
set +e
err=$("$luna" transform "$work/in.ppm" "$work/out.webp" 2>&1)
status=$?
set -e
[ "$status" -eq 1 ] || fail "PPM input exit status $status"
[[ "$err" == "luna: the original is not an image in a supported format"* ]] || fail "PPM said: $err"
[ ! -e "$work/out.webp" ] || fail "a failed transform left an output file"

# A 1x1 red PNG, byte for byte.
printf '\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde\x00\x00\x00\x0cIDATx\x9cc\xf8\xcf\xc0\x00\x00\x03\x01\x01\x00\xc9\xfe\x92\xef\x00\x00\x00\x00IEND\xaeB`\x82' > "$work/red.png"
meta=$("$luna" metadata "$work/red.png")
[[ "$meta" == *'"width":1'* && "$meta" == *'"format":"png"'* && "$meta" == *'"channels":3'* ]] \
  || fail "metadata said: $meta"

msg=$("$luna" transform "$work/red.png" "$work/big.png" --edits '{"resize":{"width":300,"upscale":true}}' \
  --output '{"format":"png"}' 2>&1)
[ "$msg" = "luna: image/png 300x300, $(stat -c %s "$work/big.png") bytes" ] || fail "transform said: $msg"
meta=$("$luna" metadata "$work/big.png")
[[ "$meta" == *'"width":300'* && "$meta" == *'"height":300'* ]] || fail "output metadata: $meta"

# An image layer from --image KEY=FILE: the red logo scaled to 60 px in the corner of big.png.
"$luna" transform "$work/big.png" "$work/logo.png" --output '{"format":"png"}' \
  --edits '{"resize":{"width":60,"upscale":true}}' 2>/dev/null
"$luna" transform "$work/big.png" "$work/layered.png" --output '{"format":"png"}' \
  --edits '{"image":{"key":"brand/logo.png","padding":0}}' --image brand/logo.png="$work/logo.png" 2>/dev/null \
  || fail "transform with --image failed"
meta=$("$luna" metadata "$work/layered.png")
[[ "$meta" == *'"width":300'* ]] || fail "layered metadata: $meta"
set +e
err=$("$luna" transform "$work/big.png" "$work/x.png" --edits '{"image":{"key":"gone.png"}}' 2>&1)
status=$?
err_flag=$("$luna" transform "$work/big.png" "$work/x.png" --image nokey 2>&1)
status_flag=$?
set -e
[ "$status" -eq 1 ] || fail "missing overlay exit status $status"
[[ "$err" == *'no image with key "gone.png"'* ]] || fail "missing overlay said: $err"
[ "$status_flag" -eq 2 ] || fail "bad --image exit status $status_flag"
[[ "$err_flag" == *'--image takes KEY=FILE'* ]] || fail "bad --image said: $err_flag"

# Invalid edits: exit 2 and the field named.
set +e
err=$("$luna" transform "$work/big.png" "$work/x.webp" --edits '[{"blur":0}]' 2>&1)
status=$?
set -e
[ "$status" -eq 2 ] || fail "invalid edit exit status $status"
[ "$err" = "luna: edits[0].blur: must be a number between 0.3 and 1000" ] || fail "invalid edit said: $err"

# Missing input, and a limit from the environment.
if "$luna" metadata "$work/missing.png" 2>/dev/null; then fail "missing file succeeded"; fi
set +e
err=$(LUNA_MAX_INPUT_BYTES=10 "$luna" transform "$work/big.png" "$work/x.webp" 2>&1)
status=$?
set -e
[ "$status" -eq 1 ] || fail "limit exit status $status"
[[ "$err" == "luna: the original is "*" bytes; the limit is 10" ]] || fail "limit said: $err"
set +e
err=$(LUNA_DEADLINE_MS=soon "$luna" metadata "$work/big.png" 2>&1)
status=$?
set -e
[ "$status" -eq 2 ] || fail "bad config exit status $status"
[[ "$err" == "luna: LUNA_DEADLINE_MS: must be an integer"* ]] || fail "bad config said: $err"

echo "luna: all checks passed"

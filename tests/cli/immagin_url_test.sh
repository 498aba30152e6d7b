#!/usr/bin/env bash
# End-to-end checks of the immagin-url CLI: what a developer sees when minting URLs by hand.
set -euo pipefail
cli="$1"
fail() { echo "FAIL: $*" >&2; exit 1; }

secret=$("$cli" new-secret)
[ "${#secret}" -eq 43 ] || fail "new-secret printed '${secret}'"
[ "$("$cli" new-secret)" != "$secret" ] || fail "two secrets are equal"

url=$("$cli" sign --tenant demo-project --secret "$secret" --base http://127.0.0.1:8080 \
  --key hero.jpg --edits '[{"resize":{"width":800}}]')
[[ "$url" =~ ^http://127\.0\.0\.1:8080/demo-project/([A-Za-z0-9_-]+)\?sig=([A-Za-z0-9_-]{43})$ ]] \
  || fail "unexpected URL shape: $url"
payload="${BASH_REMATCH[1]}"
sig="${BASH_REMATCH[2]}"

out=$("$cli" verify --tenant demo-project --secret "$secret" --payload-b64 "$payload" --sig "$sig") \
  || fail "a fresh URL does not verify: $out"
[ "$out" = "valid (secret s1)" ] || fail "verify said: $out"

# One character changed in the payload, another tenant, another secret: all refused.
tampered="${payload:0:10}$([ "${payload:10:1}" = A ] && echo B || echo A)${payload:11}"
if out=$("$cli" verify --tenant demo-project --secret "$secret" --payload-b64 "$tampered" --sig "$sig"); then
  fail "tampered payload verified"
fi
[[ "$out" == "invalid: sig: invalid signature" ]] || fail "tampered payload said: $out"
if "$cli" verify --tenant other-project --secret "$secret" --payload-b64 "$payload" --sig "$sig" >/dev/null; then
  fail "URL verified for another tenant"
fi
if "$cli" verify --tenant demo-project --secret "$("$cli" new-secret)" --payload-b64 "$payload" --sig "$sig" >/dev/null; then
  fail "URL verified with another secret"
fi

# An expired URL is signed but refused.
url=$("$cli" sign --tenant demo-project --secret "$secret" --key a.jpg --exp 1000)
[[ "$url" =~ /demo-project/([A-Za-z0-9_-]+)\?sig=([A-Za-z0-9_-]+)$ ]] || fail "no URL: $url"
if out=$("$cli" verify --tenant demo-project --secret "$secret" --payload-b64 "${BASH_REMATCH[1]}" --sig "${BASH_REMATCH[2]}"); then
  fail "expired URL verified"
fi
[ "$out" = "signed, but exp: this URL has expired" ] || fail "expired URL said: $out"

# Invalid edits are refused before signing, naming the field; exit status 2.
set +e
err=$("$cli" sign --tenant demo-project --secret "$secret" --key a.jpg --edits '[{"blur":2},{"resize":{"width":0}}]' 2>&1)
status=$?
set -e
[ "$status" -eq 2 ] || fail "invalid edit exit status $status"
[ "$err" = "immagin-url: edits[1].resize.width: must be an integer between 1 and 16384" ] \
  || fail "invalid edit said: $err"

# Equivalent requests share a transform id.
id_a=$("$cli" inspect --tenant demo-project --payload '{"key":"a.jpg","edits":{"resize":{"width":800}}}' | grep transformId)
id_b=$("$cli" inspect --tenant demo-project --payload '{"edits":[{"resize":{"width":800,"fit":"cover"}}],"key":"a.jpg"}' | grep transformId)
[ "$id_a" = "$id_b" ] || fail "equivalent requests: $id_a vs $id_b"
id_c=$("$cli" inspect --tenant demo-project --payload-b64 "$payload" | grep transformId)
[ "$id_a" != "$id_c" ] || fail "different keys share an id"

echo "immagin-url: all checks passed"

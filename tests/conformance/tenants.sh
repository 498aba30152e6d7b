# The conformance suite's tenants, for every host runner (source it, then call
# conformance_tenants FILE): demo-co with a current secret, an older one in its grace
# period and an expired one, plus a suspended and an over-quota tenant. Sets $current,
# $old and $expired (base64url secrets).
conformance_tenants() {
  local secret='console.log(require("node:crypto").randomBytes(32).toString("base64url"))'
  current=$(node -e "$secret") old=$(node -e "$secret") expired=$(node -e "$secret")
  local now
  now=$(date +%s)
  cat > "$1" <<JSON
{"tenants": [
  {"tenant": "demo-co", "state": "active", "secrets": [
    {"id": "s3", "secret": "$current"},
    {"id": "s2", "secret": "$old", "validUntil": $((now + 3600))},
    {"id": "s1", "secret": "$expired", "validUntil": $((now - 10))}]},
  {"tenant": "suspended-co", "state": "suspended", "secrets": [{"id": "s1", "secret": "$current"}]},
  {"tenant": "over-quota-co", "state": "over_quota", "secrets": [{"id": "s1", "secret": "$current"}]}
]}
JSON
}

#!/usr/bin/env bash
# edge/README.md's settings tables and `luna-server --help` (the one settings table) agree,
# both ways: every setting is documented with its flag, and every documented one exists; and
# workerd's config.capnp binds every setting the README says the Worker reads.
#   luna_server_settings_test.sh LUNA_SERVER README CONFIG_CAPNP
set -euo pipefail
server=$1
readme=$2
capnp=$3
help=$("$server" --help)
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

while read -r name flag; do
  row=$(grep -F "| \`$name\` |" "$readme" || true)
  if [[ -z $row ]]; then
    fail "$name is a setting but has no row in $readme"
  elif [[ $flag == --* ]]; then
    [[ $row == *"\`$flag\`"* ]] || fail "$name's row does not name its flag $flag"
  else
    [[ $row == *"environment only"* ]] || fail "$name has no flag; its row must say 'environment only'"
  fi
done < <(sed -n 's/^  \(LUNA_[A-Z0-9_]*\)\(, \(--[a-z0-9-]*\)\)\{0,1\} .*/\1 \3/p' <<<"$help")

while read -r name; do
  grep -q "^  $name[, ]" <<<"$help" || fail "$readme documents $name, which luna-server does not know"
done < <(grep -o '^| `LUNA_[A-Z0-9_]*`' "$readme" | tr -d '|` ')

# Rows of the first table whose Worker column is not "—": the Worker reads them.
while read -r name; do
  grep -q "fromEnvironment = \"$name\"" "$capnp" || fail "$capnp does not bind $name, which the Worker reads"
done < <(awk -F'|' '/^\| `LUNA_/ && NF >= 6 && $4 !~ /^ *—/ { gsub(/[ `]/, "", $2); print $2 }' "$readme")

count=$(grep -c '^  LUNA_' <<<"$help")
[[ $count -ge 25 ]] || fail "--help lists only $count settings"
"$server" --no-such-flag 1 >/dev/null 2>&1 && fail "an unknown flag was accepted"
((failures == 0)) && echo "ok: $count settings, documented with their flags"
exit $((failures > 0))

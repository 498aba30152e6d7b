#!/usr/bin/env bash
# The "postgres" fixture's cluster answers a query (scripts/postgres-cluster.sh wrote DIR/url):
# a broken cluster shows as this one failure, not as every PostgreSQL test failing.
#   cluster_answers.sh DIR
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: $0 DIR" >&2; exit 2; }
url_file="$1/url"
[ -s "$url_file" ] || { echo "cluster_answers: no $url_file (postgres.cluster_start failed?)" >&2; exit 1; }
url=$(cat "$url_file")
answer=$(PGCONNECT_TIMEOUT=10 timeout 30 psql -X "$url" -tAc 'select 1' </dev/null) ||
  { echo "cluster_answers: psql failed at $url" >&2; exit 1; }
if [ "$answer" != 1 ]; then
  echo "cluster_answers: 'select 1' at $url answered '$answer'" >&2
  exit 1
fi
echo "cluster_answers: $url answers"

#!/usr/bin/env bash
# Starts varnishd in the foreground in front of Luna, with edge/cdn/varnish.vcl.
#   start-varnish.sh LISTEN_PORT LUNA_HOST LUNA_PORT WORK_DIR
set -euo pipefail
listen_port="$1" luna_host="$2" luna_port="$3" work="$4"
here="$(cd "$(dirname "$0")" && pwd)"
mkdir -p "$work"
sed -e "s/@LUNA_HOST@/$luna_host/" -e "s/@LUNA_PORT@/$luna_port/" "$here/varnish.vcl" > "$work/luna.vcl"
# -T on 127.0.0.1: the default "localhost" need not resolve (minimal systems have no hosts
# file). -j none: run as the invoking user instead of dropping root to the `varnish` user,
# which cannot read a working directory under a private home such as /root.
exec /usr/sbin/varnishd -F -j none -n "$work/state" -f "$work/luna.vcl" \
  -a "127.0.0.1:$listen_port" -T 127.0.0.1:0 \
  -s malloc,256m -p default_ttl=3600

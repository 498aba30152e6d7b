#!/usr/bin/env bash
# A private PostgreSQL server for one test run. The control plane's PostgreSQL backend is
# tested against a real server, but never the system service (it may be absent, down, or
# someone's data): this script makes a fresh cluster, starts it, and stops it again.
#
#   postgres-cluster.sh start DIR   a fresh cluster under DIR (DIR/data, DIR/server.log),
#                                   replacing one left there; writes DIR/url, a libpq URI
#                                   for the maintenance database "postgres" as user immagin
#   postgres-cluster.sh stop DIR    stops it, removes its socket folder and DIR/url; nothing
#                                   to stop is not an error
#   postgres-cluster.sh url DIR     prints DIR/url
#
# The server listens on a Unix socket only (no TCP), in a short folder of its own under /tmp
# (a socket's path is limited to ~107 bytes, a build folder may be deeper), trusts every
# local connection, and never syncs to disk: its data lives for one run. initdb and postgres
# refuse to run as root, and CI runs as root: then the server runs as the system user
# immagin-pg (created here, once), which owns the data folder; otherwise it runs as the
# caller. Tests find it through $IMMAGIN_TEST_POSTGRES_DIR/url (tests/CMakeLists.txt:
# the "postgres" fixture).
set -euo pipefail

PATH="$PATH:/usr/sbin:/sbin"  # useradd, runuser
server_user=immagin-pg        # the server's system user under root
db_user=immagin               # the cluster's superuser, the one tests connect as
port=5432                     # no TCP: only part of the socket's name (.s.PGSQL.5432)

die() { echo "postgres-cluster: $*" >&2; exit 1; }
usage() { echo "usage: $0 start|stop|url DIR" >&2; exit 2; }

[ $# -eq 2 ] || usage
command=$1
state=$2
[ -n "$state" ] || usage

is_root() { [ "$(id -u)" -eq 0 ]; }

pg_bin() {  # the newest installed server's bin folder
  local bin
  bin=$(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  if [ ! -x "$bin/initdb" ] || [ ! -x "$bin/pg_ctl" ]; then
    die "no PostgreSQL server in /usr/lib/postgresql/*/bin (scripts/setup-debian.sh installs it)"
  fi
  echo "$bin"
}

as_owner() {  # user command...: runs it as the cluster's user (from /: DIR may be closed to it)
  local user=$1
  shift
  if is_root; then
    (cd / && runuser -u "$user" -- "$@")
  else
    "$@"
  fi
}

only_std_fds() {  # command...: runs it with no open file descriptor but 0, 1 and 2
  # A server left holding a caller's pipe (CTest's, a CI runner's) would keep that caller
  # waiting for the pipe's end; bash's own (255) is close-on-exec.
  (
    for fd in /proc/self/fd/*; do
      fd=${fd##*/}
      case "$fd" in
        0 | 1 | 2 | 255) ;;
        *) eval "exec $fd>&-" 2>/dev/null || true ;;
      esac
    done
    "$@"  # a function (as_owner) too, so no exec
  )
}

# The folders of the cluster left in DIR, as recorded by start (DIR/data-dir, DIR/socket-dir);
# anything else recorded there is not ours to remove.
recorded_data() {
  local data=""
  [ -f "$state/data-dir" ] && data=$(cat "$state/data-dir")
  case "$data" in
    "$state/data" | /tmp/immagin-pg.??????/data) echo "$data" ;;
    *) if [ -d "$state/data" ]; then echo "$state/data"; fi ;;
  esac
}
recorded_socket() {
  local sock=""
  [ -f "$state/socket-dir" ] && sock=$(cat "$state/socket-dir")
  case "$sock" in
    /tmp/immagin-pg.??????) echo "$sock" ;;
  esac
}

stop_server() {  # data: stops the server running on that data folder, if one does
  local data=$1 owner bin
  [ -n "$data" ] && [ -d "$data" ] || return 0
  owner=$(stat -c %U "$data")
  if ! is_root && [ "$owner" != "$(id -un)" ]; then
    die "the cluster in $data belongs to $owner: stop it as root (or as $owner)"
  fi
  [ -f "$data/postmaster.pid" ] || return 0
  bin=$(pg_bin)
  # 0: running; 3: not running (a postmaster.pid left by a crash); 4: no cluster.
  as_owner "$owner" timeout 20 "$bin/pg_ctl" status -D "$data" >/dev/null 2>&1 || return 0
  as_owner "$owner" timeout 60 "$bin/pg_ctl" stop -D "$data" -m fast -w -t 30 >/dev/null 2>&1 ||
    as_owner "$owner" timeout 40 "$bin/pg_ctl" stop -D "$data" -m immediate -w -t 20 \
      >/dev/null 2>&1 ||
    die "could not stop the server on $data (pid $(head -n 1 "$data/postmaster.pid"))"
}

forget() {  # removes the socket folder and what points at the cluster (not its data or log)
  local sock
  sock=$(recorded_socket)
  [ -z "$sock" ] || rm -rf "$sock"
  rm -f "$state/url" "$state/socket-dir"
  if [ -f "$state/data-dir" ] && [ ! -d "$(cat "$state/data-dir")" ]; then
    rm -f "$state/data-dir"  # the data lived in the socket folder (see start)
  fi
}

start() {
  local bin owner sock data log initdb_log url version
  bin=$(pg_bin)
  mkdir -p "$state"
  state=$(CDPATH='' cd -- "$state" && pwd)
  log="$state/server.log"
  initdb_log="$state/initdb.log"

  # A cluster left here by an earlier run (or a start without a stop) goes first.
  stop_server "$(recorded_data)"
  forget
  rm -rf "${state:?}/data" "$state/data-dir" "$log" "$initdb_log"

  if is_root; then
    owner=$server_user
    getent passwd "$owner" >/dev/null ||
      useradd --system --no-create-home --shell /usr/sbin/nologin "$owner" ||
      getent passwd "$owner" >/dev/null ||  # made meanwhile by a start for another DIR
      die "could not create the system user $owner"
  else
    owner=$(id -un)
  fi

  sock=$(mktemp -d /tmp/immagin-pg.XXXXXX)
  echo "$sock" >"$state/socket-dir"
  chmod 0755 "$sock"  # root and every user may connect; the socket itself is 0777
  data="$state/data"
  mkdir -m 0700 "$data"
  if is_root; then
    chown "$owner:" "$sock" "$data"
    # DIR's parents may be closed to other users (a checkout under /root): then the data
    # lives beside the socket, and goes with it on stop.
    if ! as_owner "$owner" test -w "$data"; then
      rmdir "$data"
      data="$sock/data"
      mkdir -m 0700 "$data"
      chown "$owner:" "$data"
    fi
  fi
  echo "$data" >"$state/data-dir"

  failed() {  # message [log]
    echo "postgres-cluster: $1" >&2
    if [ -s "${2:-$log}" ]; then
      echo "--- last lines of ${2:-$log}:" >&2
      tail -n 30 "${2:-$log}" >&2
    fi
    stop_server "$data" || true
    exit 1
  }

  # The logs are opened here, not by the server's user: DIR may not be theirs to write.
  if ! as_owner "$owner" timeout 120 "$bin/initdb" -D "$data" -U "$db_user" --auth=trust \
    -E UTF8 --locale=C.UTF-8 --no-sync </dev/null >"$initdb_log" 2>&1; then
    find "$data" -mindepth 1 -delete
    echo "--- again without a locale" >>"$initdb_log"
    as_owner "$owner" timeout 120 "$bin/initdb" -D "$data" -U "$db_user" --auth=trust \
      -E UTF8 --no-locale --no-sync </dev/null >>"$initdb_log" 2>&1 ||
      failed "initdb failed in $data (as $owner)" "$initdb_log"
  fi
  cat >>"$data/postgresql.conf" <<CONF

# scripts/postgres-cluster.sh: a private server for one test run
listen_addresses = ''
port = $port
unix_socket_directories = '$sock'
unix_socket_permissions = 0777
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
CONF

  # No -l: the server's output goes to the log this script opened. pg_ctl detaches the
  # server (setsid, stdin /dev/null), so nothing waits on it but the log.
  only_std_fds as_owner "$owner" timeout 90 "$bin/pg_ctl" start -D "$data" -w -t 60 \
    </dev/null >"$log" 2>&1 || failed "the server did not start (as $owner, data $data)"

  url="postgresql://$db_user@/postgres?host=$sock&port=$port"
  export PGCONNECT_TIMEOUT=10
  if [ "$(timeout 30 "$bin/psql" -X "$url" -tAc 'select 1' 2>>"$log")" != 1 ]; then
    failed "the server started but does not answer at $url"
  fi
  version=$(timeout 30 "$bin/psql" -X "$url" -tAc 'show server_version' 2>/dev/null ||
    echo '?')
  echo "$url" >"$state/url.tmp"
  mv "$state/url.tmp" "$state/url"
  echo "postgres-cluster: PostgreSQL $version as $owner, data $data, socket $sock;" \
    "URL in $state/url"
}

stop() {
  [ -d "$state" ] || return 0
  state=$(CDPATH='' cd -- "$state" && pwd)
  stop_server "$(recorded_data)"
  forget
}

case "$command" in
  start) start ;;
  stop) stop ;;
  url)
    [ -s "$state/url" ] || die "no cluster in $state (start one: $0 start $state)"
    cat "$state/url"
    ;;
  *) usage ;;
esac

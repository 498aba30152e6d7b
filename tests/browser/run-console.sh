#!/usr/bin/env bash
# The console in a real browser: the whole local stack (control plane, Luna, Varnish;
# scripts/stack.sh) on free loopback ports with a fresh data directory, and Debian's
# Chromium driven by playwright-core (tests/package-lock.json; the browser is never
# downloaded).
#   run-console.sh BUILD_DIR ARTIFACTS_DIR
# Exit 77 (CTest: skipped) only when /usr/bin/chromium is absent; scripts/setup-debian.sh
# installs it, so CI always runs this.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
chromium="${IMMAGIN_CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$chromium" ]; then
  echo "browser: $chromium is not installed (apt-get install chromium); skipping" >&2
  exit 77
fi
[ -d "$root/tests/node_modules/playwright-core" ] ||
  { echo "browser: run 'npm ci --prefix tests' first (playwright-core)" >&2; exit 1; }
export STACK_ROOT="$root" STACK_BIN="$1"
export STACK_DATA="$(mktemp -d)"
export STACK_USAGE_FLUSH_MS=200
# Argon2id at its minimum cost: the browser test is about the pages, not hashing strength.
export IMMAGIN_PWHASH_OPSLIMIT=1 IMMAGIN_PWHASH_MEMLIMIT_BYTES=8192
free_port() { node -e "const s=require('node:net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }
export STACK_CP_PORT="$(free_port)" STACK_LUNA_PORT="$(free_port)" STACK_EDGE_PORT="$(free_port)"
# shellcheck source=../../scripts/stack.sh
source "$root/scripts/stack.sh"
trap 'stack_stop; rm -rf "$STACK_DATA"' EXIT
stack_start
mkdir -p "$2"
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 BROWSER_CHROMIUM="$chromium" BROWSER_ARTIFACTS="$2" \
  BROWSER_API="$STACK_API" BROWSER_EDGE="$STACK_EDGE" \
  BROWSER_CP_LOG="$STACK_DATA/logs/control-plane.log" BROWSER_OBJECTS="$STACK_DATA/objects" \
  node --test --test-reporter=spec "$here/console.test.mjs"

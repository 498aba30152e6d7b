#!/usr/bin/env bash
# Installs every Debian (and, later, npm) package the project needs on Debian 12.
# Idempotent: when everything is already installed it changes nothing and needs no root.
set -euo pipefail

# One list, grouped by what needs it; keep it sorted within a group.
packages=(
  # build
  ca-certificates ccache cmake curl git ninja-build pkg-config
  clang-19 lld-19 libclang-rt-19-dev libfuzzer-19-dev
  clang-format-19 clang-tidy-19
  # wasm32-wasi cross build (toolchain/): toolchain, source packages, a WASI runtime
  autoconf automake binaryen dpkg-dev libtool llvm-19 make meson patch
  libc++-19-dev-wasm32 libc++abi-19-dev-wasm32 libclang-rt-19-dev-wasm32 wasi-libc
  # shared/ library
  libsodium-dev nlohmann-json3-dev
  # edge/ engine: the codecs the project's own libvips builds against natively
  # (toolchain/build.sh native), FreeType + a bundled open font for text layers
  fonts-dejavu-core libexif-dev libexpat1-dev libfreetype-dev libglib2.0-dev libheif-dev
  libimagequant-dev libjpeg62-turbo-dev liblcms2-dev libopenjp2-7-dev librsvg2-dev
  libspng-dev libtiff-dev libwebp-dev
  # edge/server (luna-server) and control-plane/: HTTP server and client, SQLite, jemalloc;
  # edge/cdn: the local CDN cache
  curl libcurl4-openssl-dev libjemalloc-dev libpistache-dev libsqlite3-dev varnish varnish-modules
  # control-plane/: PostgreSQL backend (libpq), and a private cluster for its tests
  # (scripts/postgres-cluster.sh; the system cluster is never created, see below)
  libpq-dev postgresql
  # tests and benchmarks
  libbenchmark-dev libgmock-dev libgtest-dev wrk
  # the console's browser tests (tests/browser: playwright-core drives this Chromium)
  chromium
)

# toolchain/ fetches upstream sources as Debian source packages: deb-src entries on the
# mirrors and suites apt already uses for this release, plus trixie and sid on the main
# archive for the recipes that pin a newer version (libvips 8.18, Highway). Sources only:
# binary packages still come from this release alone.
deb_src=/etc/apt/sources.list.d/immagin-deb-src.sources
release=$(. /etc/os-release && echo "$VERSION_CODENAME")
deb_src_entries() {
  apt-get indextargets --format '$(REPO_URI) $(RELEASE)' 'Created-By: Packages' \
    'Component: main' | sort -u | while read -r uri suite; do
    case "$suite" in
      "$release") suites="$suite trixie sid" ;;
      "$release"-*) suites=$suite ;;
      *) continue ;;
    esac
    printf 'Types: deb-src\nURIs: %s\nSuites: %s\nComponents: main\n' "${uri%/}" "$suites"
    printf 'Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg\n\n'
  done
}
wanted_deb_src=$(deb_src_entries)
need_update=0
[ "$(cat "$deb_src" 2>/dev/null)" = "$wanted_deb_src" ] || need_update=1

missing=()
for p in "${packages[@]}"; do
  if [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" != "install ok installed" ]; then
    missing+=("$p")
  fi
done

# Node.js runs the wasm modules under WASI (and, later, workerd and the SDK's tests). Any
# Node >= 18 will do; Debian's is installed only when there is none.
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)

if [ "${#missing[@]}" -eq 0 ] && [ "$need_update" -eq 0 ]; then
  echo "setup: all ${#packages[@]} Debian packages present"
  exit 0
fi

sudo=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "setup: need root (or sudo) to install packages" >&2; exit 1; }
  sudo=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
if [ "$need_update" -eq 1 ]; then
  echo "setup: Debian source package entries ($deb_src)"
  echo "$wanted_deb_src" | "${sudo[@]}" tee "$deb_src" >/dev/null
fi
# Installing postgresql would create and start a system cluster ("main" on port 5432); the
# tests start their own (scripts/postgres-cluster.sh), so a first install is told not to.
# postgresql-common installs this file through ucf, which keeps the one it finds here when
# apt runs noninteractive; an existing createcluster.conf is never changed.
pg_createcluster_conf=/etc/postgresql-common/createcluster.conf
if [[ " ${missing[*]} " == *" postgresql "* ]] && [ ! -e "$pg_createcluster_conf" ]; then
  echo "setup: no system PostgreSQL cluster on install ($pg_createcluster_conf)"
  "${sudo[@]}" mkdir -p "$(dirname "$pg_createcluster_conf")"
  echo 'create_main_cluster = false' | "${sudo[@]}" tee "$pg_createcluster_conf" >/dev/null
fi
[ "${#missing[@]}" -eq 0 ] || echo "setup: installing ${#missing[@]} Debian package(s): ${missing[*]}"
"${sudo[@]}" apt-get update -q
if [ "${#missing[@]}" -gt 0 ]; then
  "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

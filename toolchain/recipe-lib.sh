# Sourced by build.sh before each recipe, which runs in an empty work directory with:
#   TARGET        wasm32-wasi or native
#   WASM_PREFIX   where the recipe installs (already holds every earlier recipe's output);
#                 $PREFIX names it for recipes of both targets
#   WASM_BASE     the base step: wasm32-wasi: sysroot/, bin/wasm-cc, bin/wasm-c++
#   WASM_PATCHES  toolchain/patches/<recipe name>/ (may not exist)
#   WASM_SHIMS    toolchain/shims/<recipe name>/ (our own sources, may not exist)
# and these helpers and variables.
export PREFIX="$WASM_PREFIX" WASM_JOBS="$(nproc)"
export CMAKE_BUILD_PARALLEL_LEVEL="$WASM_JOBS"
if [ "$TARGET" = native ]; then
  # The project's compiler; position-independent, for static libraries linked into shared
  # ones. Debian's own .pc files are found after this prefix's.
  export CC=clang-19 CXX=clang++-19 CFLAGS="-O2 -fPIC" CXXFLAGS="-O2 -fPIC"
  export PKG_CONFIG_PATH="$PREFIX/lib/pkgconfig"
  unset PKG_CONFIG_LIBDIR PKG_CONFIG_SYSROOT_DIR
else
  export WASM_CC="$WASM_BASE/bin/wasm-cc" WASM_CXX="$WASM_BASE/bin/wasm-c++"
  export WASM_AR=llvm-ar-19 WASM_RANLIB=llvm-ranlib-19
  export WASM_SYSROOT="$WASM_BASE/sysroot" IMMAGIN_WASM_PREFIX="$WASM_PREFIX"
  # -msimd128: wasm SIMD (Node 16+, workerd). setjmp/longjmp become wasm exception handling
  # (runtime in shims/sjlj.c); only functions that call setjmp change. The _WASI_EMULATED_*
  # macros unlock wasi-libc's signal/mman/clock/getpid emulations (linked at the end).
  export WASM_CFLAGS="-O2 -msimd128 -mexception-handling -mllvm -wasm-enable-sjlj \
-D_WASI_EMULATED_SIGNAL -D_WASI_EMULATED_MMAN -D_WASI_EMULATED_PROCESS_CLOCKS \
-D_WASI_EMULATED_GETPID -I$WASM_PREFIX/include"
  export WASM_CXXFLAGS="$WASM_CFLAGS -fno-exceptions"
  export WASM_LDFLAGS="-L$WASM_PREFIX/lib"
  export PKG_CONFIG_LIBDIR="$WASM_PREFIX/lib/pkgconfig" PKG_CONFIG_PATH=""
  unset PKG_CONFIG_SYSROOT_DIR
fi

# Downloads (once per cache) and unpacks a Debian source package into ./src, with Debian's
# own patches applied, then ours from patches/<recipe> in name order.
#   fetch_source PACKAGE                   the newest version this Debian release lists
#   fetch_source PACKAGE VERSION [SHA256]  exactly VERSION, usually from a newer release's
#     deb-src (scripts/setup-debian.sh adds trixie and sid). A partial mirror may serve a
#     version its index no longer lists: then the .dsc comes from the package's pool
#     directory and must match SHA256 (the .dsc's own checksums cover the rest).
fetch_source() {
  local package=$1 pinned=${2:-} dsc_sha256=${3:-}
  local downloads="$WASM_BASE/../downloads/$package${pinned:+-$pinned}" version
  mkdir -p "$downloads"
  if ! ls "$downloads"/*.dsc >/dev/null 2>&1; then
    if [ -n "$pinned" ]; then
      if ! (cd "$downloads" && apt-get source --download-only "$package=$pinned" >/dev/null); then
        rm -f "$downloads"/*
        fetch_from_pool "$package" "$pinned" "$dsc_sha256" "$downloads" ||
          { rm -f "$downloads"/* && return 1; }
      fi
    else
      # Newest first, from this release's suites only (not the newer ones pinned recipes
      # use); a mirror may list a security update whose files it does not serve.
      local release
      release=$(. /etc/os-release && echo "$VERSION_CODENAME")
      for version in $(apt-cache madison "$package" |
        awk -F' [|] ' -v r="$release" '$3 ~ " " r "(-[a-z]+)?/[a-z]+ Sources$" { print $2 }' |
        sort -rV); do
        (cd "$downloads" && apt-get source --download-only "$package=$version" >/dev/null) && break
        rm -f "$downloads"/*
      done
    fi
  fi
  dpkg-source --no-check -x "$(ls "$downloads"/*.dsc | head -1)" src >/dev/null
  if [ -d "$WASM_PATCHES" ]; then
    for p in "$WASM_PATCHES"/*.patch; do
      echo "applying $(basename "$p")"
      patch -d src -p1 --forward <"$p"
    done
  fi
}

# fetch_from_pool PACKAGE VERSION DSC_SHA256 DIR: the .dsc by its pool path (the directory
# apt-get source prints for any listed version), then the files it names, each checked.
fetch_from_pool() {
  local package=$1 version=$2 dsc_sha256=$3 dir=$4 pool dsc sum file
  [ -n "$dsc_sha256" ] || { echo "fetch_source: $package=$version is not listed; pin its .dsc's SHA256" >&2; return 1; }
  pool=$(apt-get source --print-uris "$package" | sed -n "s/^'\(.*\)\/[^/]*\.dsc' .*/\1/p" | head -1)
  [ -n "$pool" ] || { echo "fetch_source: no deb-src lists $package" >&2; return 1; }
  dsc="${package}_${version#*:}.dsc"
  pool_get "$pool" "$dsc" "$dsc_sha256" "$dir" || return 1
  sed -n '/^Checksums-Sha256:/,/^[^ ]/s/^ \([0-9a-f]\{64\}\) \([0-9]*\) \(.*\)$/\1 \3/p' "$dir/$dsc" |
    while read -r sum file; do pool_get "$pool" "$file" "$sum" "$dir" || exit 1; done
}

pool_get() {
  # apt's own downloader: the configured proxy and the hash check; '+' must be escaped.
  /usr/lib/apt/apt-helper download-file "$1/${2//+/%2b}" "$4/$2" "SHA256:$3" >/dev/null 2>&1 ||
    { echo "fetch_source: cannot download $1/$2 (or its SHA256 differs)" >&2; return 1; }
}

# CMake for this step's target, installing static libraries into its prefix.
target_cmake() {
  if [ "$TARGET" = wasm32-wasi ]; then
    wasm_cmake "$@"
  else
    cmake -G Ninja -DCMAKE_INSTALL_PREFIX="$PREFIX" -DCMAKE_INSTALL_LIBDIR=lib \
      -DCMAKE_BUILD_TYPE=Release -DBUILD_SHARED_LIBS=OFF -DCMAKE_POSITION_INDEPENDENT_CODE=ON \
      -DCMAKE_C_FLAGS_RELEASE="" -DCMAKE_CXX_FLAGS_RELEASE="" "$@"
  fi
}

# `meson setup` for this step's target (wasm32-wasi: with a cross file, to which the flags
# after --wasm-cflags are added); the first argument is the build directory.
#   target_meson_setup BUILD_DIR [--wasm-cflags FLAG... --] [MESON OPTION...]
target_meson_setup() {
  local dir=$1 extra=()
  shift
  if [ "${1:-}" = --wasm-cflags ]; then
    shift
    while [ "$1" != -- ]; do extra+=("$1") && shift; done
    shift
  fi
  if [ "$TARGET" = wasm32-wasi ]; then
    meson setup "$dir" --prefix "$PREFIX" --libdir lib --buildtype plain \
      --cross-file "$(meson_cross_file "${extra[@]}")" "$@"
  else
    meson setup "$dir" --prefix "$PREFIX" --libdir lib --buildtype plain "$@"
  fi
}

# CMake with the project's toolchain file, pointed at this step's prefix.
wasm_cmake() {
  cmake -G Ninja -DCMAKE_TOOLCHAIN_FILE="$WASM_TOOLCHAIN_DIR/wasm32-wasi.cmake" \
    -DIMMAGIN_WASM_PREFIX="$WASM_PREFIX" -DCMAKE_INSTALL_PREFIX="$WASM_PREFIX" \
    -DCMAKE_BUILD_TYPE=Release -DBUILD_SHARED_LIBS=OFF \
    -DCMAKE_C_FLAGS="$WASM_CFLAGS" -DCMAKE_CXX_FLAGS="$WASM_CXXFLAGS" \
    -DCMAKE_C_FLAGS_RELEASE="" -DCMAKE_CXX_FLAGS_RELEASE="" "$@"
}

# A meson cross file for this step, with any extra compiler flags given; prints its path.
meson_cross_file() {
  local file="$PWD/wasm32-wasi.ini" flags
  flags=$(printf "'%s', " $WASM_CFLAGS "$@")
  cat >"$file" <<INI
[binaries]
c = '$WASM_CC'
cpp = '$WASM_CXX'
ar = '$WASM_AR'
ranlib = '$WASM_RANLIB'
strip = 'llvm-strip-19'
pkgconfig = 'pkg-config'
exe_wrapper = ['node', '--no-warnings', '$WASM_TOOLCHAIN_DIR/../tests/parity/run_wasi.mjs']

[properties]
pkg_config_libdir = ['$WASM_PREFIX/lib/pkgconfig']

[built-in options]
c_args = [${flags%, }]
cpp_args = [${flags%, }, '-fno-exceptions']
c_link_args = ['-L$WASM_PREFIX/lib']
cpp_link_args = ['-L$WASM_PREFIX/lib']

[host_machine]
system = 'wasi'
cpu_family = 'wasm32'
cpu = 'wasm32'
endian = 'little'
INI
  echo "$file"
}

# Writes a pkg-config file for libraries built without their own build system.
write_pc() {
  local name=$1 version=$2 libs=$3 requires=${4:-}
  cat >"$WASM_PREFIX/lib/pkgconfig/$name.pc" <<PC
prefix=$WASM_PREFIX
libdir=\${prefix}/lib
includedir=\${prefix}/include
Name: $name
Description: $name (wasm32-wasi static)
Version: $version
Requires: $requires
Libs: -L\${libdir} $libs
Cflags: -I\${includedir}
PC
}

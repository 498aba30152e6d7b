#!/usr/bin/env bash
# Builds the libraries Luna links against, for one target, in a cache outside the repo
# ($IMMAGIN_WASM_CACHE, default ~/.cache/immagin-wasm). Prints the final prefix path last.
#   build.sh [wasm32-wasi]  every recipe, cross-built (the module links nothing else)
#   build.sh native         the recipes whose "# targets:" line names native: libvips and
#                           what Debian 12 has too old (Highway, cgif), built against
#                           Debian's -dev packages for every other codec
# A recipe without a "# targets:" line is for wasm32-wasi only.
#
# The cache is a chain: step N's directory is named by a hash of step N-1's hash, recipe N
# and recipe N's patches and shims (patches/<name>/, shims/<name>/), and holds the prefix after recipe N. A changed recipe rebuilds
# itself and what follows; everything before it (and any worktree with the same recipes)
# is reused. A warm run only checks hashes.
#
# Libraries come from Debian source packages (`apt-get source`), cross-built with Debian's
# clang-19 for wasm32-wasi against a private sysroot made from Debian's wasi-libc and
# libc++ (a sysroot keeps clang from searching the host's /usr/include).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cache_root="${IMMAGIN_WASM_CACHE:-$HOME/.cache/immagin-wasm}"
target=${1:-wasm32-wasi}
case $target in
  wasm32-wasi) step_prefix="" ;;
  native) step_prefix="native-" ;;
  *) echo "toolchain: unknown target '$target' (wasm32-wasi or native)" >&2; exit 2 ;;
esac
log() { echo "toolchain ($target): $*" >&2; }
mkdir -p "$cache_root"

# Whether RECIPE is built for this target.
for_target() {
  local line
  line=$(sed -n 's/^# targets: //p' "$1" | head -1)
  [[ " ${line:-wasm32-wasi} " == *" $target "* ]]
}

# The base. wasm32-wasi: a sysroot, compiler wrappers and header-only libraries. native: an
# empty prefix. Named by the scripts and the Debian packages it is made of or, natively, the
# recipes build against (a Debian update of one of them rebuilds the chain).
if [ "$target" = native ]; then
  base_hash=$( (cat "$here/build.sh" "$here/recipe-lib.sh"; dpkg-query -W clang-19 meson \
    libglib2.0-dev libexpat1-dev libjpeg62-turbo-dev libspng-dev libwebp-dev libtiff-dev \
    libexif-dev libheif-dev liblcms2-dev libopenjp2-7-dev libimagequant-dev librsvg2-dev) \
    | sha256sum | cut -c1-16)
else
  base_hash=$( (cat "$here/build.sh" "$here/recipe-lib.sh" "$here/wasm32-wasi.cmake" \
    "$here/cmake/Platform/WASI.cmake"; dpkg-query -W wasi-libc \
    libc++-19-dev-wasm32 libc++abi-19-dev-wasm32 clang-19 nlohmann-json3-dev) \
    | sha256sum | cut -c1-16)
fi
base="$cache_root/${step_prefix}base-$base_hash"
# A step is built by one process at a time; another worktree wanting it waits, then reuses it.
exec 9>"$base.lock" && flock 9

if [ ! -f "$base/.done" ] && [ "$target" = native ]; then
  rm -rf "$base" && mkdir -p "$base/prefix/include" "$base/prefix/lib/pkgconfig"
  touch "$base/.done"
elif [ ! -f "$base/.done" ]; then
  log "base: sysroot from Debian's wasi-libc and libc++ (wasm32), compiler wrappers"
  rm -rf "$base" && mkdir -p "$base/sysroot/include" "$base/sysroot/lib" "$base/bin" \
    "$base/prefix/include" "$base/prefix/lib/pkgconfig" "$base/prefix/share/cmake"
  cp -rL /usr/include/wasm32-wasi "$base/sysroot/include/wasm32-wasi"
  cp -rL /usr/lib/wasm32-wasi "$base/sysroot/lib/wasm32-wasi"
  # Build systems add -pthread (it would turn on shared memory) and ELF-only linker flags
  # (wasm-ld rejects them); the wrappers drop them. When linking, they add our shims and
  # wasi-libc's emulations from the prefix being built, so configure checks see them too.
  for tool in cc:clang-19 c++:clang++-19; do
    cat >"$base/bin/wasm-${tool%%:*}" <<WRAP
#!/usr/bin/env bash
args=() link=1
for a in "\$@"; do
  case "\$a" in
    -pthread|-lpthread|-Wl,--start-group|-Wl,--end-group|-Wl,--as-needed|-Wl,--no-undefined) continue ;;
    -c|-E|-S|-M|-MM|-fsyntax-only) link=0 ;;
  esac
  args+=("\$a")
done
if [ \$link = 1 ] && [ -n "\${WASM_PREFIX:-}" ]; then
  for lib in immagin-posix immagin-sjlj; do
    [ -f "\$WASM_PREFIX/lib/lib\$lib.a" ] && args+=("-L\$WASM_PREFIX/lib" "-l\$lib")
  done
  args+=(-lwasi-emulated-signal -lwasi-emulated-mman -lwasi-emulated-process-clocks
    -lwasi-emulated-getpid)
fi
exec ${tool#*:} --target=wasm32-wasi --sysroot="$base/sysroot" "\${args[@]}"
WRAP
    chmod +x "$base/bin/wasm-${tool%%:*}"
  done
  cp -r /usr/include/nlohmann "$base/prefix/include/"
  cp -r /usr/share/cmake/nlohmann_json "$base/prefix/share/cmake/"
  touch "$base/.done"
fi

prev_hash=$base_hash
prev_prefix="$base/prefix"
for recipe in "$here"/recipes/*.sh; do
  name=$(basename "$recipe" .sh)
  name=${name#[0-9][0-9]-}
  for_target "$recipe" || continue
  patches="$here/patches/$name"
  hash=$( (echo "$prev_hash"; cat "$recipe"
    { find "$patches" "$here/shims/$name" -type f 2>/dev/null || true; } | sort | xargs -r cat) \
    | sha256sum | cut -c1-16)
  step="$cache_root/$step_prefix$name-$hash"
  exec 9>"$step.lock" && flock 9
  if [ -f "$step/.done" ]; then
    log "$name: cached"
  else
    rm -rf "$step" && mkdir -p "$step/src"
    cp -a "$prev_prefix" "$step/prefix"
    # Installed text files (.pc, .la, CMake packages) name the prefix they were built for.
    { grep -rlI --null "$prev_prefix" "$step/prefix" || true; } \
      | xargs -0 -r sed -i "s|$prev_prefix|$step/prefix|g"
    [ "$target" = native ] || ln -s "$base/sysroot" "$step/sysroot"
    start=$(date +%s)
    log "$name: building (log: $step/build.log)"
    if ! (cd "$step/src" && TARGET="$target" WASM_BASE="$base" WASM_PREFIX="$step/prefix" \
          WASM_PATCHES="$patches" WASM_SHIMS="$here/shims/$name" WASM_TOOLCHAIN_DIR="$here" \
          bash -c 'set -euo pipefail; source "$WASM_TOOLCHAIN_DIR/recipe-lib.sh"; source "$0"' \
          "$recipe") >"$step/build.log" 2>&1; then
      tail -40 "$step/build.log" >&2
      log "$name: FAILED"
      exit 1
    fi
    rm -rf "$step/src"  # sources are re-fetched if the step is rebuilt
    touch "$step/.done"
    log "$name: done in $(($(date +%s) - start))s"
  fi
  prev_hash=$hash
  prev_prefix="$step/prefix"
done

echo "$prev_prefix"

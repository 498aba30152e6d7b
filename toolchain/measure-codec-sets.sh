#!/usr/bin/env bash
# Sizes of luna.wasm per codec set (core: JPEG, PNG, WebP, GIF and text; core-avif:
# + AVIF; core-tiff-jp2: + TIFF and JPEG 2000): libvips rebuilt without the other savers
# and loaders, linked with the same objects as build/wasm (run `cmake --build --preset wasm` first), through the
# same wasm-opt pass. Measurement only: the shipped module has every format.
#   toolchain/measure-codec-sets.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$here/.."
build="$root/build/wasm"
[ -f "$build/edge/wasm/luna.wasm" ] || { echo "build luna.wasm first (wasm preset)" >&2; exit 1; }
prefix=$(bash "$here/build.sh" 2>/dev/null)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The recipes' environment, read-only on the cached prefix.
export WASM_PREFIX="$prefix" WASM_BASE="$(readlink -f "$prefix/../sysroot/..")"
export WASM_TOOLCHAIN_DIR="$here" WASM_PATCHES="$here/patches/vips"
# shellcheck source=recipe-lib.sh
source "$here/recipe-lib.sh"
cd "$work"
fetch_source vips >/dev/null
link=$(cd "$build" && ninja -t commands edge/wasm/luna.unopt.wasm | tail -1)
opt=(--enable-exception-handling --enable-simd --enable-bulk-memory --enable-sign-ext
  --enable-mutable-globals --enable-nontrapping-float-to-int --fpcast-emu --strip-debug
  --strip-producers -O2)

declare -A sets=(
  ["core"]="-Dheif=disabled -Dtiff=disabled -Dopenjpeg=disabled"
  ["core-avif"]="-Dtiff=disabled -Dopenjpeg=disabled"
  ["core-tiff-jp2"]="-Dheif=disabled"
)
for name in core core-avif core-tiff-jp2; do
  echo "measure: libvips for $name" >&2
  rm -rf "src/build-$name"
  # shellcheck disable=SC2086
  meson setup "src/build-$name" src --cross-file "$(meson_cross_file -include wasi_posix.h)" \
    --default-library static --buildtype plain -Ddeprecated=false -Dexamples=false \
    -Dcplusplus=false -Dmodules=disabled -Dintrospection=false -Dvapi=false \
    -Dcfitsio=disabled -Dfftw=disabled -Dfontconfig=disabled -Dgsf=disabled \
    -Djpeg-xl=disabled -Dmagick=disabled -Dmatio=disabled -Dnifti=disabled \
    -Dopenexr=disabled -Dopenslide=disabled -Dorc=disabled -Dpangocairo=disabled \
    -Dpdfium=disabled -Dpoppler=disabled -Dquantizr=disabled -Drsvg=disabled -Dpng=disabled \
    -Dppm=false -Danalyze=false -Dradiance=false ${sets[$name]} >/dev/null
  ninja -C "src/build-$name" libvips/libvips.a >/dev/null
  # The same link, with this libvips first: nothing then pulls the left-out codecs in.
  (cd "$build" && eval "$(echo "$link" | sed "s|-o edge/wasm/luna.unopt.wasm|-o $work/$name.unopt.wasm|
    s|$prefix/lib/libvips.a|$work/src/build-$name/libvips/libvips.a|")")
  wasm-opt "${opt[@]}" "$work/$name.unopt.wasm" -o "$work/luna-$name.wasm"
done
"$root/scripts/wasm-size.sh" "$build/edge/wasm/luna.wasm" "$work"/luna-*.wasm

# libimagequant 2.17 (C): palette quantisation for libvips' GIF save (with cgif).
fetch_source libimagequant
cd src
# Seven C files; compiled directly (its configure probes the build machine's CPU for SSE).
# No OpenMP: without -fopenmp the pragmas are ignored and it runs single-threaded.
for c in libimagequant.c blur.c kmeans.c mediancut.c mempool.c nearest.c pam.c; do
  $WASM_CC $WASM_CFLAGS -std=c99 -c "$c" -o "${c%.c}.o"
done
$WASM_AR rcs "$WASM_PREFIX/lib/libimagequant.a" ./*.o
cp libimagequant.h "$WASM_PREFIX/include/"
sed -e "s|@PREFIX@|$WASM_PREFIX|" -e "s|@VERSION@|$(cat version.txt)|" imagequant.pc.in \
  >"$WASM_PREFIX/lib/pkgconfig/imagequant.pc"

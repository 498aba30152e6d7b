# libtiff: TIFF load/save. Deflate (zlib) plus the built-in codecs only: no JPEG-in-TIFF
# (that path would need setjmp), no webp/zstd/lzma/jbig/libdeflate/lerc; small and simple.
fetch_source tiff
# No tools, tests, contrib, docs or C++ stream API; no linker version script (shared only,
# and wasm-ld has none).
wasm_cmake -S src -B build -Dtiff-tools=OFF -Dtiff-tests=OFF -Dtiff-contrib=OFF \
  -Dtiff-docs=OFF -Dcxx=OFF -Dld-version-script=OFF -Dtiff-opengl=OFF \
  -Dzlib=ON -Dpixarlog=ON -Dlibdeflate=OFF -Djpeg=OFF -Dold-jpeg=OFF -Djpeg12=OFF \
  -Djbig=OFF -Dlerc=OFF -Dlzma=OFF -Dzstd=OFF -Dwebp=OFF
# A missed zlib would silently drop Deflate: make that an error.
grep -q '^#define ZIP_SUPPORT 1' build/libtiff/tiffconf.h
cmake --build build
cmake --install build

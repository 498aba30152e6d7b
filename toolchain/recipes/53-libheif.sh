# libheif 1.15: AVIF save through libaom, AVIF load through dav1d (both built in). No HEIC
# (libde265/x265), rav1e, SVT-AV1, plugins, examples or gdk-pixbuf loader.
# patches/libheif/: -fno-exceptions and no file streams (Debian's wasm32 libc++).
fetch_source libheif
# No threads: no multithreading support, so no parallel tile decoding either.
wasm_cmake -S src -B build -DENABLE_PLUGIN_LOADING=OFF -DWITH_EXAMPLES=OFF \
  -DWITH_AOM_ENCODER=ON -DWITH_AOM_DECODER=OFF -DWITH_AOM_ENCODER_PLUGIN=OFF \
  -DWITH_DAV1D=ON -DWITH_DAV1D_PLUGIN=OFF -DWITH_LIBDE265=OFF -DWITH_X265=OFF \
  -DWITH_RAV1E=OFF -DWITH_SvtEnc=OFF -DWITH_DEFLATE_HEADER_COMPRESSION=OFF \
  -DENABLE_MULTITHREADING_SUPPORT=OFF -DENABLE_PARALLEL_TILE_DECODING=OFF 2>&1 | tee configure.log
# A missed aom would silently leave a libheif without AVIF: make that an error.
grep -q 'aom (AVIF encoder): found (built-in)' configure.log
grep -q 'Dav1d (AVIF decoder): found (built-in)' configure.log
cmake --build build
cmake --install build
# Its .pc names GNU libstdc++ for static links; the wasm32 sysroot has LLVM's libc++. This
# prefix is static only, so what it needs goes in Requires/Libs: otherwise libvips' checks
# for libheif functions fail to link and it builds without ICC profiles and size limits.
sed -i -e 's/-lstdc++/-lc++ -lc++abi/' -e 's/^Requires.private: aom/Requires: aom/' \
  -e 's/^Libs: -L${libdir} -lheif$/Libs: -L${libdir} -lheif -lc++ -lc++abi/' \
  "$WASM_PREFIX/lib/pkgconfig/libheif.pc"
grep -q '^Requires: aom' "$WASM_PREFIX/lib/pkgconfig/libheif.pc"

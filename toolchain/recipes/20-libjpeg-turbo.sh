# libjpeg-turbo: JPEG load/save, with the libjpeg 6.2 API libvips expects on Debian.
fetch_source libjpeg-turbo
# libjpeg-turbo has no wasm SIMD: WITH_SIMD stays off, and our wasm SIMD versions of the
# reduced-size inverse DCTs that shrink-on-load uses (shims/libjpeg-turbo/, hooked in by
# patches/libjpeg-turbo/) are built beside jsimd_none.c. No TurboJPEG API, static only.
cp "$WASM_SHIMS/jsimd_wasm_simd128.c" src/
wasm_cmake -S src -B build -DENABLE_SHARED=OFF -DENABLE_STATIC=ON -DWITH_SIMD=OFF \
  -DWITH_TURBOJPEG=OFF -DWITH_JAVA=OFF -DWITH_FUZZ=OFF
# Only the library: the command-line tools are not needed (and would need more libc
# emulation to link), so install by hand what `cmake --install` would for the library.
cmake --build build --target jpeg-static
cp build/libjpeg.a "$WASM_PREFIX/lib/"
cp src/jpeglib.h src/jerror.h src/jmorecfg.h build/jconfig.h "$WASM_PREFIX/include/"
cp build/pkgscripts/libjpeg.pc "$WASM_PREFIX/lib/pkgconfig/"

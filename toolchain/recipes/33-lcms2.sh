# Little CMS 2: libvips' ICC transforms (camera and Display P3 profiles, CMYK → sRGB).
fetch_source lcms2
cd src
cp /usr/share/automake-1.16/config.sub .  # its own predates wasm32-wasi
./configure --host=wasm32-wasi --prefix="$WASM_PREFIX" --disable-shared --enable-static \
  --without-jpeg --without-tiff --without-zlib --without-threads \
  CC="$WASM_CC" AR="$WASM_AR" RANLIB="$WASM_RANLIB" CFLAGS="$WASM_CFLAGS -DCMS_NO_PTHREADS"
make -j"$WASM_JOBS" -C src
make -C src install
make -C include install
make install-pkgconfigDATA

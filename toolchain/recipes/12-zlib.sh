# zlib: PNG, TIFF, FreeType, glib. Its own configure script (not autotools) takes CC as is.
fetch_source zlib
cd src
CC="$WASM_CC" AR="$WASM_AR" RANLIB="$WASM_RANLIB" CFLAGS="$WASM_CFLAGS" \
  ./configure --static --prefix="$WASM_PREFIX"
make -j"$WASM_JOBS" libz.a
make install

# libsodium: HMAC-SHA256, BLAKE2b and constant-time compares for shared/.
fetch_source libsodium
cd src
[ -x configure ] || autoreconf -fi
# No threads, no assembly, no stack protector: none exist for wasm32-wasi here.
./configure --host=wasm32-wasi --prefix="$WASM_PREFIX" --disable-shared --enable-static \
  --disable-ssp --disable-asm --without-pthreads --disable-pie \
  CC="$WASM_CC" AR="$WASM_AR" RANLIB="$WASM_RANLIB" CFLAGS="$WASM_CFLAGS"
make -j"$WASM_JOBS"
make install

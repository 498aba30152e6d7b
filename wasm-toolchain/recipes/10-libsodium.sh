# libsodium (Debian source package): HMAC-SHA256, BLAKE2b and constant-time compares for
# shared/. Runs in an empty work directory with WASM_* set by build.sh.
set -euo pipefail
apt-get source --download-only libsodium >/dev/null
dpkg-source -x libsodium_*.dsc src >/dev/null
cd src
[ -x configure ] || autoreconf -fi >/dev/null 2>&1
# No threads, no assembly, no stack protector: none exist for wasm32-wasi here. utils.c
# includes <signal.h> without needing it on this target; the emulation header satisfies it.
./configure --host=wasm32-wasi --prefix="$WASM_PREFIX" --disable-shared --enable-static \
  --disable-ssp --disable-asm --without-pthreads --disable-pie \
  CC="$WASM_CC" AR="$WASM_AR" RANLIB="$WASM_RANLIB" CFLAGS="-O2 -D_WASI_EMULATED_SIGNAL"
make -j"$WASM_JOBS"
make install

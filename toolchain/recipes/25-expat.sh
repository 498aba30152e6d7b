# expat: XML for libvips' dzsave/metadata and glib-free parts (a libvips dependency).
fetch_source expat
# Hash salt entropy: wasi-libc has arc4random_buf (over WASI random_get) but its stdlib.h
# hides the prototype, so declare it and skip the (failing) symbol check.
echo 'void arc4random_buf(void *, unsigned long);' >"$PWD/wasi-arc4random.h"
wasm_cmake -S src/expat -B build -DEXPAT_SHARED_LIBS=OFF -DEXPAT_BUILD_TOOLS=OFF \
  -DEXPAT_BUILD_EXAMPLES=OFF -DEXPAT_BUILD_TESTS=OFF -DEXPAT_BUILD_DOCS=OFF \
  -DEXPAT_BUILD_FUZZERS=OFF -DEXPAT_WITH_GETRANDOM=OFF -DEXPAT_WITH_SYS_GETRANDOM=OFF \
  -DEXPAT_DEV_URANDOM=OFF -DHAVE_ARC4RANDOM_BUF=1 \
  -DCMAKE_C_FLAGS="$WASM_CFLAGS -include $PWD/wasi-arc4random.h"
# Debian's security patches test `#if XML_DTD == 1` (autotools defines it as 1, CMake empty).
sed -i 's/^#define XML_DTD$/#define XML_DTD 1/' build/expat_config.h
cmake --build build
cmake --install build

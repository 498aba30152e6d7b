# libspng: PNG load/save. libvips 8.14 prefers it to libpng for both (pngsave uses libpng
# only when spng is missing), so there is no libpng recipe.
fetch_source libspng
# One C file; its meson/CMake builds would add only tests and examples.
$WASM_CC $WASM_CFLAGS -c src/spng/spng.c -o spng.o
$WASM_AR rcs "$WASM_PREFIX/lib/libspng.a" spng.o
cp src/spng/spng.h "$WASM_PREFIX/include/"
write_pc spng "$(dpkg-parsechangelog -l src/debian/changelog -S Version | sed 's/-[^-]*$//')" -lspng zlib

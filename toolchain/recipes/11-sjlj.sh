# setjmp/longjmp over wasm exception handling (libjpeg's and libpng's error paths need it).
# Ours, not a Debian package: the header and the runtime live in shims/sjlj/.
cp "$WASM_SHIMS"/include/*.h "$WASM_PREFIX/include/"
$WASM_CC $WASM_CFLAGS -c "$WASM_SHIMS/sjlj.c" -o sjlj.o
$WASM_AR rcs "$WASM_PREFIX/lib/libimmagin-sjlj.a" sjlj.o

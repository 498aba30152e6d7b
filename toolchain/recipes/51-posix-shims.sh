# What glib and libvips expect of POSIX beyond Debian's 2022 wasi-libc: single-threaded
# pthreads, empty user/group databases, one process, no signal delivery, no name
# resolution, gettext without catalogues and a minimal libffi; and memcpy/memmove/memset
# as bulk-memory instructions. Ours, not a Debian package: sources in shims/posix-shims/.
cp -r "$WASM_SHIMS"/include/. "$WASM_PREFIX/include/"
for c in pthread unix_users unix_process netdb libintl ffi; do
  $WASM_CC $WASM_CFLAGS -Wall -Werror -c "$WASM_SHIMS/$c.c" -o "$c.o"
done
$WASM_CC $WASM_CFLAGS -mbulk-memory -fno-builtin -Wall -Werror -c "$WASM_SHIMS/bulk_memory.c" \
  -o bulk_memory.o
$WASM_AR rcs "$WASM_PREFIX/lib/libimmagin-posix.a" pthread.o unix_users.o unix_process.o netdb.o \
  bulk_memory.o
$WASM_AR rcs "$WASM_PREFIX/lib/libintl.a" libintl.o
$WASM_AR rcs "$WASM_PREFIX/lib/libffi.a" ffi.o
write_pc libffi 3.4.0 -lffi
write_pc intl 0.21 -lintl

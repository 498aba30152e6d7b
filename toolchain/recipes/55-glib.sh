# glib 2.74 (glib, gobject, gmodule, gio): libvips' object system and I/O streams.
# wasi_posix.h declares what wasi-libc hides (shims/posix-shims); clang 19 flags glib's
# non-literal format strings, which glib itself only warns about on gcc.
fetch_source glib2.0
cd src
meson setup build --prefix "$WASM_PREFIX" --libdir lib --default-library static \
  --cross-file "$(meson_cross_file -include wasi_posix.h -Wno-error=format-nonliteral \
    -Wno-error=format-security)" --buildtype plain \
  -Dc_std=gnu11 -Dtests=false -Dinstalled_tests=false -Dnls=disabled -Dman=false \
  -Dgtk_doc=false -Dlibmount=disabled -Dselinux=disabled -Dxattr=false -Dsysprof=disabled \
  -Ddtrace=false -Dsystemtap=false -Dlibelf=disabled -Dbsymbolic_functions=false \
  -Dforce_posix_threads=true -Dglib_debug=disabled
# Only the libraries: glib's command-line tools would be wasm programs nobody runs.
ninja -C build glib/libglib-2.0.a gobject/libgobject-2.0.a gmodule/libgmodule-2.0.a \
  gio/libgio-2.0.a gthread/libgthread-2.0.a
meson install -C build --no-rebuild --tags devel

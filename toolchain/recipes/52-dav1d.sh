# dav1d 1.5: AV1 decoding for AVIF originals, through libheif (aom keeps the encoder); after
# the POSIX shims, whose single-threaded pthreads it compiles against. It
# holds a still image in far less memory than aom's decoder. 8-bit only (libvips asks
# libheif for 8 bits), C only (no wasm asm), no tools; one thread at run time (libheif asks
# for one where it has no threads). -std=c99 hides POSIX clocks without _GNU_SOURCE.
# Pinned from trixie.
fetch_source dav1d 1.5.1-1 a418ee8fdc8003feee1ba19391eac250e3ef03106c995c8e25b8a42b56de18cf
cd src
target_meson_setup build --wasm-cflags -D_GNU_SOURCE -- --default-library static -Dbitdepths=8 -Denable_asm=false \
  -Denable_tools=false -Denable_examples=false -Denable_tests=false -Denable_docs=false \
  -Dlogging=false
ninja -C build
meson install -C build --no-rebuild

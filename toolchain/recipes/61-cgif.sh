# targets: wasm32-wasi native
# cgif 0.5: libvips' GIF saver, with inter-frame optimisation and a palette per frame from
# libimagequant (Debian 12's 0.3 lacks 0.4's frame-difference encoding). Static, no tests
# or examples. Pinned from trixie.
fetch_source cgif 0.5.0-1 aba0bf03cf185b5802b5cd5cfad5c249418f5d541dd6e31a68d7885c74e4e97b
cd src
target_meson_setup build --default-library static -Dexamples=false -Dtests=false \
  -Dfuzzer=false
ninja -C build
meson install -C build --no-rebuild

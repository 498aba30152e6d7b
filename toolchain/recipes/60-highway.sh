# targets: wasm32-wasi native
# Highway 1.3: portable SIMD, which libvips >= 8.15 uses for reduce, shrink, convolution
# and morphology (8.14 used Orc, which has no wasm path). Its WASM target needs only
# __wasm_simd128__ (-msimd128 is in WASM_CFLAGS); natively it picks among the x86 targets
# it compiled at run time (Debian 12's 1.0.3 is older than libvips 8.18 needs). The library
# alone: no tests, contrib (threads) or examples. Pinned from a newer Debian release by its
# pool path (the mirror does not serve every version its index lists).
fetch_source highway 1.3.1~git20251202.ee36c83-3 \
  6a4f1e96648cf31db7b4f20aac35e008114b92c52fac2c27c55765fd14f847f6
target_cmake -S src -B build -DHWY_FORCE_STATIC_LIBS=ON -DHWY_ENABLE_TESTS=OFF \
  -DHWY_ENABLE_CONTRIB=OFF -DHWY_ENABLE_EXAMPLES=OFF -DHWY_ENABLE_INSTALL=ON
cmake --build build
cmake --install build

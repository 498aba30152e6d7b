# libwebp: WebP load/save; libwebpmux/libwebpdemux for metadata and animation.
fetch_source libwebp
# The encoder's hot kernels in wasm SIMD (ours: shims/libwebp/, hooked in by
# patches/libwebp/): libwebp's SSE2 and SSE4.1 paths are x86-only, and translated to wasm
# they measured no faster than its C (../shared/WASM-PORT.md), so WEBP_ENABLE_SIMD stays off.
cp "$WASM_SHIMS/enc_wasm_simd128.c" src/src/dsp/
# No tools or extras, no threads.
wasm_cmake -S src -B build -DWEBP_ENABLE_SIMD=OFF -DWEBP_USE_THREAD=OFF \
  -DWEBP_BUILD_ANIM_UTILS=OFF -DWEBP_BUILD_CWEBP=OFF -DWEBP_BUILD_DWEBP=OFF \
  -DWEBP_BUILD_GIF2WEBP=OFF -DWEBP_BUILD_IMG2WEBP=OFF -DWEBP_BUILD_VWEBP=OFF \
  -DWEBP_BUILD_WEBPINFO=OFF -DWEBP_BUILD_WEBPMUX=OFF -DWEBP_BUILD_EXTRAS=OFF \
  -DWEBP_BUILD_LIBWEBPMUX=ON
cmake --build build
cmake --install build

# libaom 3.6: AV1 for AVIF, encoder (AVIF output) and decoder (AVIF input), via libheif.
fetch_source aom
# Portable C (no asm/intrinsics for wasm32), no threads, no runtime CPU detection; no
# apps, examples, tests, docs, WebM or libyuv (those are for the command-line tools).
wasm_cmake -S src -B build -DAOM_TARGET_CPU=generic -DCONFIG_MULTITHREAD=0 \
  -DCONFIG_RUNTIME_CPU_DETECT=0 -DCONFIG_AV1_ENCODER=1 -DCONFIG_AV1_DECODER=1 \
  -DENABLE_EXAMPLES=0 -DENABLE_TOOLS=0 -DENABLE_TESTS=0 -DENABLE_TESTDATA=0 -DENABLE_DOCS=0 \
  -DCONFIG_WEBM_IO=0 -DCONFIG_LIBYUV=0 -DENABLE_CCACHE=0
# Only libaom and its .pc (target aom_pc): the other library targets (C++ rate-control
# helpers) are not installed.
cmake --build build --target aom aom_pc
cmake --install build

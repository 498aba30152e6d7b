# FreeType: glyph rendering for text layers (libvips' own text needs Pango, not ported).
fetch_source freetype
# zlib (for compressed fonts) and nothing else: no bzip2, PNG (colour emoji), HarfBuzz or
# Brotli (WOFF2). Not UNIX to CMake, so the stdio-based ftsystem.c (no mmap).
wasm_cmake -S src -B build -DFT_REQUIRE_ZLIB=ON -DFT_DISABLE_BZIP2=ON -DFT_DISABLE_PNG=ON \
  -DFT_DISABLE_HARFBUZZ=ON -DFT_DISABLE_BROTLI=ON
cmake --build build
cmake --install build

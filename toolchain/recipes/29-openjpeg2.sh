# OpenJPEG: JPEG 2000 load/save. The library only: no codec tools, no threads.
fetch_source openjpeg2
wasm_cmake -S src -B build -DBUILD_STATIC_LIBS=ON -DBUILD_CODEC=OFF -DBUILD_JPIP=OFF \
  -DBUILD_DOC=OFF -DBUILD_TESTING=OFF -DBUILD_THIRDPARTY=OFF -DBUILD_UNIT_TESTS=OFF \
  -DOPJ_USE_THREAD=OFF -DBUILD_PKGCONFIG_FILES=ON
cmake --build build
cmake --install build

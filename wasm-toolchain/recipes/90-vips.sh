# libvips 8.14: the engine. Codecs are whatever earlier recipes installed (auto); the
# loaders and savers Luna never uses, and everything needing a toolkit, are off.
fetch_source vips
cd src
meson setup build --prefix "$WASM_PREFIX" --libdir lib --default-library static \
  --cross-file "$(meson_cross_file -include wasi_posix.h)" --buildtype plain \
  -Ddeprecated=false -Dexamples=false -Dcplusplus=false -Ddoxygen=false -Dgtk_doc=false \
  -Dmodules=disabled -Dintrospection=false -Dvapi=false \
  -Dcfitsio=disabled -Dfftw=disabled -Dfontconfig=disabled -Dgsf=disabled \
  -Djpeg-xl=disabled -Dmagick=disabled -Dmatio=disabled -Dnifti=disabled \
  -Dopenexr=disabled -Dopenslide=disabled -Dorc=disabled -Dpangocairo=disabled \
  -Dpdfium=disabled -Dpoppler=disabled -Dquantizr=disabled -Drsvg=disabled -Dpng=disabled \
  -Dppm=false -Danalyze=false -Dradiance=false
# Features found by linking a test program against a codec (libheif's ICC profiles and size
# limits) must be there: a silent "NO" would mean wrong colours and no decoder limit.
grep -q 'heif_image_handle_get_raw_color_profile" with dependency libheif: YES' \
  build/meson-logs/meson-log.txt
grep -q 'heif_context_set_maximum_image_size_limit" with dependency libheif: YES' \
  build/meson-logs/meson-log.txt
ninja -C build libvips/libvips.a
meson install -C build --no-rebuild --tags devel

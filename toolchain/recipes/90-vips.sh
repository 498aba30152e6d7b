# targets: wasm32-wasi native
# libvips 8.18: the engine, with Highway (recipe 60) for its SIMD paths; Orc is off. Codecs
# are whatever earlier recipes installed or, natively, Debian's -dev packages (auto); the
# loaders and savers Luna never uses, and everything needing a toolkit, are off; PNG is
# libspng's on both targets. Pinned from a newer Debian release by its pool path (the
# mirror does not serve every version its index lists).
fetch_source vips 8.18.6-1 872e195965493eaa755c81335b1b2faa3320b497808f60d3225e98d7793749b7
cd src
case $TARGET in
  wasm32-wasi) target=(--default-library static -Drsvg=disabled) ;;
  # Shared natively, so the binaries link libvips alone (not each codec's libraries); SVG
  # originals through Debian's librsvg. The static libraries of earlier native recipes
  # inside it are not exported, so Debian's libraries that link a codec of their own
  # (libtiff → libwebp, libjpeg) keep theirs: every static library in this prefix but
  # libvips' own parts.
  native)
    target=(--default-library shared -Drsvg=enabled)
    hidden=$(cd "$PREFIX/lib" && ls ./*.a | sed 's|^\./||' | paste -sd:)
    export LDFLAGS="-Wl,--exclude-libs,$hidden"
    ;;
esac
target_meson_setup build --wasm-cflags -include wasi_posix.h -- "${target[@]}" \
  -Ddeprecated=false -Dexamples=false -Dcplusplus=false -Ddocs=false -Dcpp-docs=false \
  -Dmodules=disabled -Dintrospection=disabled -Dvapi=false -Dhighway=enabled -Dorc=disabled \
  -Darchive=disabled -Dcfitsio=disabled -Dfftw=disabled -Dfontconfig=disabled \
  -Djpeg-xl=disabled -Dmagick=disabled -Dmatio=disabled -Dnifti=disabled -Dopenexr=disabled \
  -Dopenslide=disabled -Dpangocairo=disabled -Dpdfium=disabled -Dpoppler=disabled \
  -Dquantizr=disabled -Draw=disabled -Duhdr=disabled -Dpng=disabled \
  -Dppm=false -Danalyze=false -Dradiance=false
# A codec feature found by linking a test program against libheif must be there: a silent
# "NO" would mean libheif does not link (its .pc, see the libheif recipe).
grep -q 'heif_encoder_parameter_get_valid_integer_values" with dependency libheif: YES' \
  build/meson-logs/meson-log.txt
if [ "$TARGET" = wasm32-wasi ]; then
  ninja -C build libvips/libvips.a
  meson install -C build --no-rebuild --tags devel
else
  ninja -C build
  meson install -C build --no-rebuild --tags devel,runtime
fi

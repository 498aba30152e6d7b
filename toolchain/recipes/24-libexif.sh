# libexif: EXIF metadata. Compiled directly: its autotools build wants gettext for NLS.
fetch_source libexif
cd src
version=$(dpkg-parsechangelog -l debian/changelog -S Version | sed 's/-[^-]*$//')
# What configure would generate: no NLS, localtime_r exists, <stdint.h> is complete.
printf '#define GETTEXT_PACKAGE "libexif-12"\n#define LOCALEDIR ""\n#define HAVE_LOCALTIME_R 1\n' >config.h
echo '#include <stdint.h>' >libexif/_stdint.h
for c in libexif/*.c libexif/*/*.c; do
  $WASM_CC $WASM_CFLAGS -I. -c "$c" -o "$(echo "${c%.c}" | tr / _).o"
done
$WASM_AR rcs "$WASM_PREFIX/lib/libexif.a" ./*.o
mkdir -p "$WASM_PREFIX/include/libexif"
# The public headers (libexif/Makefile.am's libexifinclude_HEADERS).
cp libexif/_stdint.h libexif/exif-byte-order.h libexif/exif-content.h libexif/exif-data.h \
  libexif/exif-data-type.h libexif/exif-entry.h libexif/exif-format.h libexif/exif-ifd.h \
  libexif/exif-loader.h libexif/exif-log.h libexif/exif-mem.h libexif/exif-mnote-data.h \
  libexif/exif-tag.h libexif/exif-utils.h "$WASM_PREFIX/include/libexif/"
write_pc libexif "$version" -lexif

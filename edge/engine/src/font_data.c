/* The bundled text-layer font (DejaVu Sans, Bitstream Vera licence, from Debian's
 * fonts-dejavu-core), compiled into the engine so text renders the same natively and in
 * wasm, with no font files or fontconfig at run time. LUNA_FONT_FILE is set by CMake. */
#include <stddef.h>

const unsigned char luna_font_data[] = {
#embed LUNA_FONT_FILE
};
const size_t luna_font_size = sizeof luna_font_data;

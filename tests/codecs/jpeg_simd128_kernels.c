// libjpeg-turbo's wasm SIMD reduced-size inverse DCTs
// (toolchain/shims/libjpeg-turbo/jsimd_wasm_simd128.c) against its C versions (jidctred.c)
// on random, sparse and extreme blocks: every output sample must be identical. The range
// limit table comes from a real decompressor (a small JPEG made here), as in a decode.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jpeglib.h"

typedef void (*Idct)(j_decompress_ptr, jpeg_component_info*, JCOEFPTR, JSAMPARRAY, JDIMENSION);
void jpeg_idct_4x4(j_decompress_ptr, jpeg_component_info*, JCOEFPTR, JSAMPARRAY, JDIMENSION);
void jpeg_idct_2x2(j_decompress_ptr, jpeg_component_info*, JCOEFPTR, JSAMPARRAY, JDIMENSION);
void jsimd_idct_4x4(j_decompress_ptr, jpeg_component_info*, JCOEFPTR, JSAMPARRAY, JDIMENSION);
void jsimd_idct_2x2(j_decompress_ptr, jpeg_component_info*, JCOEFPTR, JSAMPARRAY, JDIMENSION);
int jsimd_can_idct_4x4(void);
int jsimd_can_idct_2x2(void);

static uint32_t state = 2463534242u;
static uint32_t Next(void) {
  state ^= state << 13;
  state ^= state >> 17;
  state ^= state << 5;
  return state;
}
static int Sample(int lo, int hi) { return lo + (int)(Next() % (uint32_t)(hi - lo + 1)); }

// A decompressor past jpeg_start_decompress, for its sample_range_limit table.
static void StartDecoder(struct jpeg_decompress_struct* d, struct jpeg_error_mgr* err) {
  static unsigned char pixels[16 * 16];
  for (int i = 0; i < 256; ++i) pixels[i] = (unsigned char)i;
  struct jpeg_compress_struct c;
  struct jpeg_error_mgr cerr;
  c.err = jpeg_std_error(&cerr);
  jpeg_create_compress(&c);
  unsigned char* jpeg = NULL;
  unsigned long size = 0;
  jpeg_mem_dest(&c, &jpeg, &size);
  c.image_width = c.image_height = 16;
  c.input_components = 1;
  c.in_color_space = JCS_GRAYSCALE;
  jpeg_set_defaults(&c);
  jpeg_start_compress(&c, TRUE);
  for (int y = 0; y < 16; ++y) {
    JSAMPROW row = pixels + 16 * y;
    jpeg_write_scanlines(&c, &row, 1);
  }
  jpeg_finish_compress(&c);
  jpeg_destroy_compress(&c);
  d->err = jpeg_std_error(err);
  jpeg_create_decompress(d);
  jpeg_mem_src(d, jpeg, size);  // kept until the end of the run
  jpeg_read_header(d, TRUE);
  jpeg_start_decompress(d);
}

static int failures = 0;

static void Compare(const char* name, Idct c, Idct simd, int size, j_decompress_ptr d) {
  for (int t = 0; t < 200000; ++t) {
    int multipliers[DCTSIZE2];
    JCOEF coef[DCTSIZE2];
    const int kind = t % 5;
    for (int i = 0; i < DCTSIZE2; ++i) {
      multipliers[i] = kind == 4 ? Sample(1, 65535) : Sample(1, 255);
      // Sparse (AC all zero now and then: the C code's shortcuts), typical, or extreme.
      const int zero = kind == 0 ? i != 0 : kind == 1 ? Next() % 4 != 0 : 0;
      coef[i] = (JCOEF)(zero ? 0 : kind == 3 ? Sample(-32768, 32767) : Sample(-1024, 1023));
    }
    if (kind == 2) memset(coef + DCTSIZE * (1 + Next() % 7), 0, DCTSIZE * sizeof(JCOEF));
    jpeg_component_info comp;
    memset(&comp, 0, sizeof comp);
    comp.dct_table = multipliers;
    JSAMPLE out_c[4][8], out_s[4][8];
    memset(out_c, 0xAA, sizeof out_c);
    memset(out_s, 0xAA, sizeof out_s);
    JSAMPROW rows_c[4] = {out_c[0], out_c[1], out_c[2], out_c[3]};
    JSAMPROW rows_s[4] = {out_s[0], out_s[1], out_s[2], out_s[3]};
    const JDIMENSION col = (JDIMENSION)(Next() % (8 - size + 1));
    c(d, &comp, coef, rows_c, col);
    simd(d, &comp, coef, rows_s, col);
    if (memcmp(out_c, out_s, sizeof out_c) && failures++ < 10) {
      fprintf(stderr, "FAIL %s: block %d (kind %d) differs; row 0: C", name, t, kind);
      for (int x = 0; x < 8; ++x) fprintf(stderr, " %d", out_c[0][x]);
      fprintf(stderr, ", SIMD");
      for (int x = 0; x < 8; ++x) fprintf(stderr, " %d", out_s[0][x]);
      fputc('\n', stderr);
    }
  }
}

int main(void) {
  if (!jsimd_can_idct_4x4() || !jsimd_can_idct_2x2()) {
    fprintf(stderr, "FAIL: libjpeg-turbo does not report its wasm SIMD reduced IDCTs\n");
    return 1;
  }
  struct jpeg_decompress_struct d;
  struct jpeg_error_mgr err;
  StartDecoder(&d, &err);
  Compare("idct_4x4", jpeg_idct_4x4, jsimd_idct_4x4, 4, &d);
  Compare("idct_2x2", jpeg_idct_2x2, jsimd_idct_2x2, 2, &d);
  jpeg_abort_decompress(&d);
  jpeg_destroy_decompress(&d);
  if (failures) {
    fprintf(stderr, "%d blocks differ\n", failures);
    return 1;
  }
  printf("libjpeg-turbo wasm SIMD reduced IDCTs: all identical to C\n");
  return 0;
}

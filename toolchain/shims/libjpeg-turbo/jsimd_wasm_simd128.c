// libjpeg-turbo's reduced-size inverse DCTs (jidctred.c: 4x4 and 2x2 outputs, which libvips'
// shrink-on-load asks for) in wasm SIMD. libjpeg-turbo has SIMD for x86, Arm, MIPS and
// PowerPC but none for wasm; these give jidctred.c's results bit for bit, 32-bit arithmetic
// included (JLONG is 32 bits on wasm32), so the module decodes exactly as before
// (tests/codecs/jpeg_simd128_kernels.c). Compiled into the `simd` object library beside
// jsimd_none.c, whose jsimd_can_idct_2x2/4x4 answer 1 with -msimd128.
#define JPEG_INTERNALS
// libjpeg's internal headers depend on their order.
// clang-format off
#include "jinclude.h"
#include "jpeglib.h"
#include "jdct.h"
#include "jsimd.h"
// clang-format on

#if defined(__wasm_simd128__)
#include <wasm_simd128.h>

_Static_assert(sizeof(ISLOW_MULT_TYPE) == 4, "the dequantisation table is read as 32-bit lanes");

enum {
  kConstBits = 13,
  kPass1Bits = 2,
};

static inline v128_t Mul(v128_t v, int32_t k) { return wasm_i32x4_mul(v, wasm_i32x4_splat(k)); }

// DESCALE(x, n): x / 2^n rounded, with an arithmetic shift.
static inline v128_t Descale(v128_t x, int n) {
  return wasm_i32x4_shr(wasm_i32x4_add(x, wasm_i32x4_splat(1 << (n - 1))), n);
}

// range_limit[x & RANGE_MASK] for post-IDCT values: x wrapped to 10 bits signed, plus
// CENTERJSAMPLE, clamped to a sample. Lanes stay 32-bit.
static inline v128_t RangeLimit(v128_t x) {
  const v128_t wrapped = wasm_i32x4_sub(
      wasm_v128_and(wasm_i32x4_add(x, wasm_i32x4_splat(512)), wasm_i32x4_splat(RANGE_MASK)),
      wasm_i32x4_splat(512));
  return wasm_i32x4_max(wasm_i32x4_min(wasm_i32x4_add(wrapped, wasm_i32x4_splat(CENTERJSAMPLE)),
                                       wasm_i32x4_splat(MAXJSAMPLE)),
                        wasm_i32x4_splat(0));
}

// C's shortcut for a column (pass 1) or row (pass 2) whose AC terms are zero: the value it
// takes there differs from the full computation's only when that one wraps 32 bits, but then
// it differs, so lanes where `zero` is set take the shortcut's value, as in C.
static inline v128_t Shortcut(v128_t zero, v128_t shortcut, v128_t full) {
  return wasm_v128_bitselect(shortcut, full, zero);
}

static inline v128_t IsZero(v128_t v) { return wasm_i32x4_eq(v, wasm_i32x4_splat(0)); }

static inline void Transpose4x4(v128_t* a, v128_t* b, v128_t* c, v128_t* d) {
  const v128_t ab_lo = wasm_i32x4_shuffle(*a, *b, 0, 4, 1, 5);
  const v128_t ab_hi = wasm_i32x4_shuffle(*a, *b, 2, 6, 3, 7);
  const v128_t cd_lo = wasm_i32x4_shuffle(*c, *d, 0, 4, 1, 5);
  const v128_t cd_hi = wasm_i32x4_shuffle(*c, *d, 2, 6, 3, 7);
  *a = wasm_i64x2_shuffle(ab_lo, cd_lo, 0, 2);
  *b = wasm_i64x2_shuffle(ab_lo, cd_lo, 1, 3);
  *c = wasm_i64x2_shuffle(ab_hi, cd_hi, 0, 2);
  *d = wasm_i64x2_shuffle(ab_hi, cd_hi, 1, 3);
}

// Row `row` of the block, columns 4*half..4*half+3, dequantised.
static inline v128_t Dequantized(JCOEFPTR coef, const ISLOW_MULT_TYPE* quant, int row, int half) {
  const v128_t c = wasm_i32x4_load16x4(coef + row * DCTSIZE + 4 * half);
  return wasm_i32x4_mul(c, wasm_v128_load(quant + row * DCTSIZE + 4 * half));
}

// Four 32-bit samples in [0, 255] to 4 bytes at out.
static inline void Store4(JSAMPROW out, v128_t v) {
  const v128_t narrow16 = wasm_i16x8_narrow_i32x4(v, v);
  const v128_t bytes = wasm_u8x16_narrow_i16x8(narrow16, narrow16);
  const uint32_t word = (uint32_t)wasm_i32x4_extract_lane(bytes, 0);
  memcpy(out, &word, 4);
}

GLOBAL(void)
jsimd_idct_4x4(j_decompress_ptr cinfo, jpeg_component_info* compptr, JCOEFPTR coef_block,
               JSAMPARRAY output_buf, JDIMENSION output_col) {
  (void)cinfo;
  const ISLOW_MULT_TYPE* quant = (const ISLOW_MULT_TYPE*)compptr->dct_table;
  // Pass 1, columns in lanes (half 0: columns 0-3, half 1: 4-7); ws[half][k] is row k of the
  // work array. Column 4 is computed too but, as in C, never used.
  v128_t ws[2][4];
  for (int half = 0; half < 2; ++half) {
    const v128_t tmp0 = wasm_i32x4_shl(Dequantized(coef_block, quant, 0, half), kConstBits + 1);
    const v128_t tmp2 = wasm_i32x4_add(Mul(Dequantized(coef_block, quant, 2, half), 15137),
                                       Mul(Dequantized(coef_block, quant, 6, half), -6270));
    const v128_t tmp10 = wasm_i32x4_add(tmp0, tmp2), tmp12 = wasm_i32x4_sub(tmp0, tmp2);
    const v128_t z1 = Dequantized(coef_block, quant, 7, half);
    const v128_t z2 = Dequantized(coef_block, quant, 5, half);
    const v128_t z3 = Dequantized(coef_block, quant, 3, half);
    const v128_t z4 = Dequantized(coef_block, quant, 1, half);
    const v128_t odd0 = wasm_i32x4_add(wasm_i32x4_add(Mul(z1, -1730), Mul(z2, 11893)),
                                       wasm_i32x4_add(Mul(z3, -17799), Mul(z4, 8697)));
    const v128_t odd2 = wasm_i32x4_add(wasm_i32x4_add(Mul(z1, -4176), Mul(z2, -4926)),
                                       wasm_i32x4_add(Mul(z3, 7373), Mul(z4, 20995)));
    const int shift = kConstBits - kPass1Bits + 1;
    const v128_t zero =
        IsZero(wasm_v128_or(wasm_v128_or(wasm_v128_or(z1, z2), wasm_v128_or(z3, z4)),
                            wasm_v128_or(Dequantized(coef_block, quant, 2, half),
                                         Dequantized(coef_block, quant, 6, half))));
    const v128_t dc = wasm_i32x4_shl(Dequantized(coef_block, quant, 0, half), kPass1Bits);
    ws[half][0] = Shortcut(zero, dc, Descale(wasm_i32x4_add(tmp10, odd2), shift));
    ws[half][3] = Shortcut(zero, dc, Descale(wasm_i32x4_sub(tmp10, odd2), shift));
    ws[half][1] = Shortcut(zero, dc, Descale(wasm_i32x4_add(tmp12, odd0), shift));
    ws[half][2] = Shortcut(zero, dc, Descale(wasm_i32x4_sub(tmp12, odd0), shift));
  }
  // Pass 2, rows in lanes: w[c] holds column c of rows 0-3.
  v128_t w[8] = {ws[0][0], ws[0][1], ws[0][2], ws[0][3], ws[1][0], ws[1][1], ws[1][2], ws[1][3]};
  Transpose4x4(&w[0], &w[1], &w[2], &w[3]);
  Transpose4x4(&w[4], &w[5], &w[6], &w[7]);
  const v128_t tmp0 = wasm_i32x4_shl(w[0], kConstBits + 1);
  const v128_t tmp2 = wasm_i32x4_add(Mul(w[2], 15137), Mul(w[6], -6270));
  const v128_t tmp10 = wasm_i32x4_add(tmp0, tmp2), tmp12 = wasm_i32x4_sub(tmp0, tmp2);
  const v128_t odd0 = wasm_i32x4_add(wasm_i32x4_add(Mul(w[7], -1730), Mul(w[5], 11893)),
                                     wasm_i32x4_add(Mul(w[3], -17799), Mul(w[1], 8697)));
  const v128_t odd2 = wasm_i32x4_add(wasm_i32x4_add(Mul(w[7], -4176), Mul(w[5], -4926)),
                                     wasm_i32x4_add(Mul(w[3], 7373), Mul(w[1], 20995)));
  const int shift = kConstBits + kPass1Bits + 3 + 1;
  const v128_t zero = IsZero(wasm_v128_or(wasm_v128_or(wasm_v128_or(w[1], w[2]), w[3]),
                                          wasm_v128_or(wasm_v128_or(w[5], w[6]), w[7])));
  const v128_t dc = Descale(w[0], kPass1Bits + 3);
  v128_t out0 = RangeLimit(Shortcut(zero, dc, Descale(wasm_i32x4_add(tmp10, odd2), shift)));
  v128_t out1 = RangeLimit(Shortcut(zero, dc, Descale(wasm_i32x4_add(tmp12, odd0), shift)));
  v128_t out2 = RangeLimit(Shortcut(zero, dc, Descale(wasm_i32x4_sub(tmp12, odd0), shift)));
  v128_t out3 = RangeLimit(Shortcut(zero, dc, Descale(wasm_i32x4_sub(tmp10, odd2), shift)));
  Transpose4x4(&out0, &out1, &out2, &out3);  // back to rows
  Store4(output_buf[0] + output_col, out0);
  Store4(output_buf[1] + output_col, out1);
  Store4(output_buf[2] + output_col, out2);
  Store4(output_buf[3] + output_col, out3);
}

GLOBAL(void)
jsimd_idct_2x2(j_decompress_ptr cinfo, jpeg_component_info* compptr, JCOEFPTR coef_block,
               JSAMPARRAY output_buf, JDIMENSION output_col) {
  (void)cinfo;
  const ISLOW_MULT_TYPE* quant = (const ISLOW_MULT_TYPE*)compptr->dct_table;
  // Pass 1, columns in lanes; columns 2, 4 and 6 are computed but unused, as in C.
  int ws[2][DCTSIZE];
  for (int half = 0; half < 2; ++half) {
    const v128_t dc = Dequantized(coef_block, quant, 0, half);
    const v128_t z7 = Dequantized(coef_block, quant, 7, half);
    const v128_t z5 = Dequantized(coef_block, quant, 5, half);
    const v128_t z3 = Dequantized(coef_block, quant, 3, half);
    const v128_t z1 = Dequantized(coef_block, quant, 1, half);
    const v128_t tmp10 = wasm_i32x4_shl(dc, kConstBits + 2);
    const v128_t odd = wasm_i32x4_add(wasm_i32x4_add(Mul(z7, -5906), Mul(z5, 6967)),
                                      wasm_i32x4_add(Mul(z3, -10426), Mul(z1, 29692)));
    const int shift = kConstBits - kPass1Bits + 2;
    const v128_t zero = IsZero(wasm_v128_or(wasm_v128_or(z7, z5), wasm_v128_or(z3, z1)));
    const v128_t shortcut = wasm_i32x4_shl(dc, kPass1Bits);
    wasm_v128_store(&ws[0][4 * half],
                    Shortcut(zero, shortcut, Descale(wasm_i32x4_add(tmp10, odd), shift)));
    wasm_v128_store(&ws[1][4 * half],
                    Shortcut(zero, shortcut, Descale(wasm_i32x4_sub(tmp10, odd), shift)));
  }
  // Pass 2: two rows of two outputs, too few for lanes; as jidctred.c.
  const JSAMPLE* range_limit = IDCT_range_limit(cinfo);
  for (int row = 0; row < 2; ++row) {
    const int* w = ws[row];
    const int32_t tmp10 = (int32_t)((uint32_t)w[0] << (kConstBits + 2));
    const int32_t odd = w[7] * -5906 + w[5] * 6967 + w[3] * -10426 + w[1] * 29692;
    const int shift = kConstBits + kPass1Bits + 3 + 2;
    const int32_t round = 1 << (shift - 1);
    JSAMPROW out = output_buf[row] + output_col;
    if (w[1] == 0 && w[3] == 0 && w[5] == 0 && w[7] == 0) {
      out[0] = out[1] =
          range_limit[((w[0] + (1 << (kPass1Bits + 2))) >> (kPass1Bits + 3)) & RANGE_MASK];
      continue;
    }
    out[0] = range_limit[((tmp10 + odd + round) >> shift) & RANGE_MASK];
    out[1] = range_limit[((tmp10 - odd + round) >> shift) & RANGE_MASK];
  }
}

#endif  // __wasm_simd128__

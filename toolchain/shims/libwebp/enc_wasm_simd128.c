// The VP8 (lossy WebP) encoder's hot kernels in wasm SIMD (wasm_simd128.h), the way libwebp
// keeps SSE2 and NEON versions beside its C ones. Every kernel gives the C version's result
// bit for bit (tests/codecs/webp_simd128_kernels.c checks them against it), so the module's
// WebP files stay byte-identical to the native build's. Copied into src/dsp/ by the libwebp
// recipe; enc.c and cost.c call the two Init functions when VP8GetCPUInfo(kWasmSIMD128).
#include "src/dsp/dsp.h"

#if defined(__wasm_simd128__)
#include <stdlib.h>
#include <string.h>
#include <wasm_simd128.h>

#include "src/enc/cost_enc.h"
#include "src/enc/vp8i_enc.h"

// 4 bytes at p, in the low lane of a vector (the rows of a 4x4 block are BPS apart).
static WEBP_INLINE v128_t Load4x4(const uint8_t* p) {
  uint32_t r[4];
  for (int i = 0; i < 4; ++i) memcpy(&r[i], p + i * BPS, 4);
  return wasm_i32x4_make((int32_t)r[0], (int32_t)r[1], (int32_t)r[2], (int32_t)r[3]);
}

// Rows of a 4x4 matrix of 32-bit lanes to columns.
static WEBP_INLINE void Transpose4x4(v128_t* a, v128_t* b, v128_t* c, v128_t* d) {
  const v128_t ab_lo = wasm_i32x4_shuffle(*a, *b, 0, 4, 1, 5);
  const v128_t ab_hi = wasm_i32x4_shuffle(*a, *b, 2, 6, 3, 7);
  const v128_t cd_lo = wasm_i32x4_shuffle(*c, *d, 0, 4, 1, 5);
  const v128_t cd_hi = wasm_i32x4_shuffle(*c, *d, 2, 6, 3, 7);
  *a = wasm_i64x2_shuffle(ab_lo, cd_lo, 0, 2);
  *b = wasm_i64x2_shuffle(ab_lo, cd_lo, 1, 3);
  *c = wasm_i64x2_shuffle(ab_hi, cd_hi, 0, 2);
  *d = wasm_i64x2_shuffle(ab_hi, cd_hi, 1, 3);
}

//------------------------------------------------------------------------------
// Forward transform: 32-bit lanes, one per row, then one per column, as the C code rounds.

static void FTransform_WasmSIMD(const uint8_t* src, const uint8_t* ref, int16_t* out) {
  // Column-major bytes: lanes 4x..4x+3 are column x of rows 0..3.
  const v128_t s = wasm_i8x16_shuffle(Load4x4(src), Load4x4(src), 0, 4, 8, 12, 1, 5, 9, 13, 2, 6,
                                      10, 14, 3, 7, 11, 15);
  const v128_t r = wasm_i8x16_shuffle(Load4x4(ref), Load4x4(ref), 0, 4, 8, 12, 1, 5, 9, 13, 2, 6,
                                      10, 14, 3, 7, 11, 15);
  const v128_t d01 = wasm_i16x8_sub(wasm_u16x8_extend_low_u8x16(s), wasm_u16x8_extend_low_u8x16(r));
  const v128_t d23 =
      wasm_i16x8_sub(wasm_u16x8_extend_high_u8x16(s), wasm_u16x8_extend_high_u8x16(r));
  const v128_t d0 = wasm_i32x4_extend_low_i16x8(d01), d1 = wasm_i32x4_extend_high_i16x8(d01);
  const v128_t d2 = wasm_i32x4_extend_low_i16x8(d23), d3 = wasm_i32x4_extend_high_i16x8(d23);
  const v128_t a0 = wasm_i32x4_add(d0, d3), a1 = wasm_i32x4_add(d1, d2);
  const v128_t a2 = wasm_i32x4_sub(d1, d2), a3 = wasm_i32x4_sub(d0, d3);
  const v128_t k2217 = wasm_i32x4_splat(2217), k5352 = wasm_i32x4_splat(5352);
  // Lane i of t_k is tmp[k + 4 i] of the C code.
  v128_t t0 = wasm_i32x4_shl(wasm_i32x4_add(a0, a1), 3);
  v128_t t1 = wasm_i32x4_shr(
      wasm_i32x4_add(wasm_i32x4_add(wasm_i32x4_mul(a2, k2217), wasm_i32x4_mul(a3, k5352)),
                     wasm_i32x4_splat(1812)),
      9);
  v128_t t2 = wasm_i32x4_shl(wasm_i32x4_sub(a0, a1), 3);
  v128_t t3 = wasm_i32x4_shr(
      wasm_i32x4_add(wasm_i32x4_sub(wasm_i32x4_mul(a3, k2217), wasm_i32x4_mul(a2, k5352)),
                     wasm_i32x4_splat(937)),
      9);
  Transpose4x4(&t0, &t1, &t2, &t3);  // now lane i of t_r is tmp[4 r + i]
  const v128_t b0 = wasm_i32x4_add(t0, t3), b1 = wasm_i32x4_add(t1, t2);
  const v128_t b2 = wasm_i32x4_sub(t1, t2), b3 = wasm_i32x4_sub(t0, t3);
  const v128_t o0 = wasm_i32x4_shr(wasm_i32x4_add(wasm_i32x4_add(b0, b1), wasm_i32x4_splat(7)), 4);
  // + (b3 != 0): the comparison's all-ones lanes are -1.
  const v128_t o1 = wasm_i32x4_sub(
      wasm_i32x4_shr(
          wasm_i32x4_add(wasm_i32x4_add(wasm_i32x4_mul(b2, k2217), wasm_i32x4_mul(b3, k5352)),
                         wasm_i32x4_splat(12000)),
          16),
      wasm_i32x4_ne(b3, wasm_i32x4_splat(0)));
  const v128_t o2 = wasm_i32x4_shr(wasm_i32x4_add(wasm_i32x4_sub(b0, b1), wasm_i32x4_splat(7)), 4);
  const v128_t o3 = wasm_i32x4_shr(
      wasm_i32x4_add(wasm_i32x4_sub(wasm_i32x4_mul(b3, k2217), wasm_i32x4_mul(b2, k5352)),
                     wasm_i32x4_splat(51000)),
      16);
  wasm_v128_store(out, wasm_i16x8_narrow_i32x4(o0, o1));
  wasm_v128_store(out + 8, wasm_i16x8_narrow_i32x4(o2, o3));
}

static void FTransform2_WasmSIMD(const uint8_t* src, const uint8_t* ref, int16_t* out) {
  FTransform_WasmSIMD(src, ref, out);
  FTransform_WasmSIMD(src + 4, ref + 4, out + 16);
}

//------------------------------------------------------------------------------
// Inverse transform and reconstruction.

// (a * k) >> 16 with the C code's 32-bit wrap-around.
static WEBP_INLINE v128_t MulShift16(v128_t a, int32_t k) {
  return wasm_i32x4_shr(wasm_i32x4_mul(a, wasm_i32x4_splat(k)), 16);
}

static void ITransformOne_WasmSIMD(const uint8_t* ref, const int16_t* in, uint8_t* dst) {
  enum { kC1 = 20091 + (1 << 16), kC2 = 35468 };
  const v128_t in01 = wasm_v128_load(in), in23 = wasm_v128_load(in + 8);
  const v128_t i0 = wasm_i32x4_extend_low_i16x8(in01), i1 = wasm_i32x4_extend_high_i16x8(in01);
  const v128_t i2 = wasm_i32x4_extend_low_i16x8(in23), i3 = wasm_i32x4_extend_high_i16x8(in23);
  // Vertical pass; lane i of t_k is tmp[k + 4 i].
  const v128_t a = wasm_i32x4_add(i0, i2), b = wasm_i32x4_sub(i0, i2);
  const v128_t c = wasm_i32x4_sub(MulShift16(i1, kC2), MulShift16(i3, kC1));
  const v128_t d = wasm_i32x4_add(MulShift16(i1, kC1), MulShift16(i3, kC2));
  v128_t t0 = wasm_i32x4_add(a, d), t1 = wasm_i32x4_add(b, c);
  v128_t t2 = wasm_i32x4_sub(b, c), t3 = wasm_i32x4_sub(a, d);
  Transpose4x4(&t0, &t1, &t2, &t3);
  // Horizontal pass; lane i is row i.
  const v128_t dc = wasm_i32x4_add(t0, wasm_i32x4_splat(4));
  const v128_t ha = wasm_i32x4_add(dc, t2), hb = wasm_i32x4_sub(dc, t2);
  const v128_t hc = wasm_i32x4_sub(MulShift16(t1, kC2), MulShift16(t3, kC1));
  const v128_t hd = wasm_i32x4_add(MulShift16(t1, kC1), MulShift16(t3, kC2));
  v128_t x0 = wasm_i32x4_shr(wasm_i32x4_add(ha, hd), 3);
  v128_t x1 = wasm_i32x4_shr(wasm_i32x4_add(hb, hc), 3);
  v128_t x2 = wasm_i32x4_shr(wasm_i32x4_sub(hb, hc), 3);
  v128_t x3 = wasm_i32x4_shr(wasm_i32x4_sub(ha, hd), 3);
  Transpose4x4(&x0, &x1, &x2, &x3);  // lane x of x_i is row i, column x
  // ref + residual, clipped to [0, 255] by the saturating narrowings (exactly clip_8b).
  const v128_t r = Load4x4(ref);
  const v128_t rows01 =
      wasm_i16x8_add(wasm_i16x8_narrow_i32x4(x0, x1), wasm_u16x8_extend_low_u8x16(r));
  const v128_t rows23 =
      wasm_i16x8_add(wasm_i16x8_narrow_i32x4(x2, x3), wasm_u16x8_extend_high_u8x16(r));
  const v128_t pixels = wasm_u8x16_narrow_i16x8(rows01, rows23);
  uint32_t rows[4];
  wasm_v128_store(rows, pixels);
  for (int i = 0; i < 4; ++i) memcpy(dst + i * BPS, &rows[i], 4);
}

static void ITransform_WasmSIMD(const uint8_t* ref, const int16_t* in, uint8_t* dst, int do_two) {
  ITransformOne_WasmSIMD(ref, in, dst);
  if (do_two) ITransformOne_WasmSIMD(ref + 4, in + 16, dst + 4);
}

//------------------------------------------------------------------------------
// Texture distortion: the Hadamard transforms of both blocks in one vector (lanes 0-3 a's
// rows or columns, 4-7 b's), the weighted sums of their absolute values subtracted.

static int Disto4x4_WasmSIMD(const uint8_t* const a, const uint8_t* const b,
                             const uint16_t* const w) {
  const v128_t ca = wasm_i8x16_shuffle(Load4x4(a), Load4x4(a), 0, 4, 8, 12, 1, 5, 9, 13, 2, 6, 10,
                                       14, 3, 7, 11, 15);
  const v128_t cb = wasm_i8x16_shuffle(Load4x4(b), Load4x4(b), 0, 4, 8, 12, 1, 5, 9, 13, 2, 6, 10,
                                       14, 3, 7, 11, 15);
  // in[x] of rows 0..3 of a, then of b.
  const v128_t c01 =
      wasm_i8x16_shuffle(ca, cb, 0, 1, 2, 3, 16, 17, 18, 19, 4, 5, 6, 7, 20, 21, 22, 23);
  const v128_t c23 =
      wasm_i8x16_shuffle(ca, cb, 8, 9, 10, 11, 24, 25, 26, 27, 12, 13, 14, 15, 28, 29, 30, 31);
  const v128_t c0 = wasm_u16x8_extend_low_u8x16(c01), c1 = wasm_u16x8_extend_high_u8x16(c01);
  const v128_t c2 = wasm_u16x8_extend_low_u8x16(c23), c3 = wasm_u16x8_extend_high_u8x16(c23);
  // Horizontal pass: lane i (and 4 + i) of t_k is tmp[k + 4 i].
  const v128_t a0 = wasm_i16x8_add(c0, c2), a1 = wasm_i16x8_add(c1, c3);
  const v128_t a2 = wasm_i16x8_sub(c1, c3), a3 = wasm_i16x8_sub(c0, c2);
  const v128_t t0 = wasm_i16x8_add(a0, a1), t1 = wasm_i16x8_add(a3, a2);
  const v128_t t2 = wasm_i16x8_sub(a3, a2), t3 = wasm_i16x8_sub(a0, a1);
  // Transpose each half: lane i of u_r is tmp[4 r + i].
  const v128_t p = wasm_i16x8_shuffle(t0, t1, 0, 8, 1, 9, 4, 12, 5, 13);
  const v128_t q = wasm_i16x8_shuffle(t0, t1, 2, 10, 3, 11, 6, 14, 7, 15);
  const v128_t r = wasm_i16x8_shuffle(t2, t3, 0, 8, 1, 9, 4, 12, 5, 13);
  const v128_t s = wasm_i16x8_shuffle(t2, t3, 2, 10, 3, 11, 6, 14, 7, 15);
  const v128_t u0 = wasm_i32x4_shuffle(p, r, 0, 4, 2, 6), u1 = wasm_i32x4_shuffle(p, r, 1, 5, 3, 7);
  const v128_t u2 = wasm_i32x4_shuffle(q, s, 0, 4, 2, 6), u3 = wasm_i32x4_shuffle(q, s, 1, 5, 3, 7);
  // Vertical pass.
  const v128_t e0 = wasm_i16x8_add(u0, u2), e1 = wasm_i16x8_add(u1, u3);
  const v128_t e2 = wasm_i16x8_sub(u1, u3), e3 = wasm_i16x8_sub(u0, u2);
  const v128_t b0 = wasm_i16x8_abs(wasm_i16x8_add(e0, e1));
  const v128_t b1 = wasm_i16x8_abs(wasm_i16x8_add(e3, e2));
  const v128_t b2 = wasm_i16x8_abs(wasm_i16x8_sub(e3, e2));
  const v128_t b3 = wasm_i16x8_abs(wasm_i16x8_sub(e0, e1));
  // The same weights for both halves: w[4 r + i] pairs with lane i of b_r.
  const v128_t w01 = wasm_v128_load(w), w23 = wasm_v128_load(w + 8);
  const v128_t w0 = wasm_i64x2_shuffle(w01, w01, 0, 0), w1 = wasm_i64x2_shuffle(w01, w01, 1, 1);
  const v128_t w2 = wasm_i64x2_shuffle(w23, w23, 0, 0), w3 = wasm_i64x2_shuffle(w23, w23, 1, 1);
  const v128_t sums =
      wasm_i32x4_add(wasm_i32x4_add(wasm_i32x4_dot_i16x8(b0, w0), wasm_i32x4_dot_i16x8(b1, w1)),
                     wasm_i32x4_add(wasm_i32x4_dot_i16x8(b2, w2), wasm_i32x4_dot_i16x8(b3, w3)));
  const int sum_a = wasm_i32x4_extract_lane(sums, 0) + wasm_i32x4_extract_lane(sums, 1);
  const int sum_b = wasm_i32x4_extract_lane(sums, 2) + wasm_i32x4_extract_lane(sums, 3);
  return abs(sum_b - sum_a) >> 5;
}

static int Disto16x16_WasmSIMD(const uint8_t* const a, const uint8_t* const b,
                               const uint16_t* const w) {
  int d = 0;
  for (int y = 0; y < 16 * BPS; y += 4 * BPS) {
    for (int x = 0; x < 16; x += 4) d += Disto4x4_WasmSIMD(a + x + y, b + x + y, w);
  }
  return d;
}

//------------------------------------------------------------------------------
// Sums of squared differences.

// 8 pixel differences squared and summed pairwise into 4 lanes.
static WEBP_INLINE v128_t SquaredDiffs(v128_t a, v128_t b) {
  const v128_t d = wasm_i16x8_sub(a, b);
  return wasm_i32x4_dot_i16x8(d, d);
}

static WEBP_INLINE int SumLanes(v128_t v) {
  return wasm_i32x4_extract_lane(v, 0) + wasm_i32x4_extract_lane(v, 1) +
         wasm_i32x4_extract_lane(v, 2) + wasm_i32x4_extract_lane(v, 3);
}

static WEBP_INLINE int SSE16xN(const uint8_t* a, const uint8_t* b, int rows) {
  v128_t sum = wasm_i32x4_splat(0);
  for (int y = 0; y < rows; ++y, a += BPS, b += BPS) {
    const v128_t va = wasm_v128_load(a), vb = wasm_v128_load(b);
    sum = wasm_i32x4_add(
        sum, SquaredDiffs(wasm_u16x8_extend_low_u8x16(va), wasm_u16x8_extend_low_u8x16(vb)));
    sum = wasm_i32x4_add(
        sum, SquaredDiffs(wasm_u16x8_extend_high_u8x16(va), wasm_u16x8_extend_high_u8x16(vb)));
  }
  return SumLanes(sum);
}

static int SSE16x16_WasmSIMD(const uint8_t* a, const uint8_t* b) { return SSE16xN(a, b, 16); }
static int SSE16x8_WasmSIMD(const uint8_t* a, const uint8_t* b) { return SSE16xN(a, b, 8); }

static int SSE8x8_WasmSIMD(const uint8_t* a, const uint8_t* b) {
  v128_t sum = wasm_i32x4_splat(0);
  for (int y = 0; y < 8; ++y, a += BPS, b += BPS) {
    sum = wasm_i32x4_add(sum, SquaredDiffs(wasm_u16x8_load8x8(a), wasm_u16x8_load8x8(b)));
  }
  return SumLanes(sum);
}

static int SSE4x4_WasmSIMD(const uint8_t* a, const uint8_t* b) {
  const v128_t va = Load4x4(a), vb = Load4x4(b);
  return SumLanes(wasm_i32x4_add(
      SquaredDiffs(wasm_u16x8_extend_low_u8x16(va), wasm_u16x8_extend_low_u8x16(vb)),
      SquaredDiffs(wasm_u16x8_extend_high_u8x16(va), wasm_u16x8_extend_high_u8x16(vb))));
}

//------------------------------------------------------------------------------
// Quantization, in natural order (32-bit lanes: the products need them), then the levels
// put in zigzag order by one shuffle.

static WEBP_INLINE v128_t Quantize4(v128_t coeff, const VP8Matrix* mtx, int at, v128_t* in_out) {
  const v128_t sign = wasm_i32x4_shr(coeff, 31);
  const v128_t magnitude =
      wasm_i32x4_add(wasm_i32x4_abs(coeff), wasm_u32x4_load16x4(mtx->sharpen_ + at));
  const v128_t level = wasm_u32x4_min(
      wasm_u32x4_shr(wasm_i32x4_add(wasm_i32x4_mul(magnitude, wasm_u32x4_load16x4(mtx->iq_ + at)),
                                    wasm_v128_load(mtx->bias_ + at)),
                     QFIX),
      wasm_i32x4_splat(MAX_LEVEL));
  const v128_t kept =
      wasm_v128_and(level, wasm_u32x4_gt(magnitude, wasm_v128_load(mtx->zthresh_ + at)));
  const v128_t signed_level = wasm_i32x4_sub(wasm_v128_xor(kept, sign), sign);
  *in_out = wasm_i32x4_mul(signed_level, wasm_u32x4_load16x4(mtx->q_ + at));
  return signed_level;
}

static int QuantizeBlock_WasmSIMD(int16_t in[16], int16_t out[16], const VP8Matrix* const mtx) {
  const v128_t in01 = wasm_v128_load(in), in23 = wasm_v128_load(in + 8);
  v128_t d0, d1, d2, d3;
  const v128_t l0 = Quantize4(wasm_i32x4_extend_low_i16x8(in01), mtx, 0, &d0);
  const v128_t l1 = Quantize4(wasm_i32x4_extend_high_i16x8(in01), mtx, 4, &d1);
  const v128_t l2 = Quantize4(wasm_i32x4_extend_low_i16x8(in23), mtx, 8, &d2);
  const v128_t l3 = Quantize4(wasm_i32x4_extend_high_i16x8(in23), mtx, 12, &d3);
  // The C code stores level * Q into int16_t: the narrowing must wrap, not saturate.
  const v128_t k16 = wasm_i32x4_splat(0xffff);
  wasm_v128_store(in, wasm_u16x8_narrow_i32x4(wasm_v128_and(d0, k16), wasm_v128_and(d1, k16)));
  wasm_v128_store(in + 8, wasm_u16x8_narrow_i32x4(wasm_v128_and(d2, k16), wasm_v128_and(d3, k16)));
  // Levels are within ±MAX_LEVEL: the signed narrowing is exact.
  const v128_t n01 = wasm_i16x8_narrow_i32x4(l0, l1), n23 = wasm_i16x8_narrow_i32x4(l2, l3);
  // kZigzag = 0 1 4 8 5 2 3 6 | 9 12 13 10 7 11 14 15
  const v128_t z0 = wasm_i16x8_shuffle(n01, n23, 0, 1, 4, 8, 5, 2, 3, 6);
  const v128_t z1 = wasm_i16x8_shuffle(n01, n23, 9, 12, 13, 10, 7, 11, 14, 15);
  wasm_v128_store(out, z0);
  wasm_v128_store(out + 8, z1);
  return wasm_v128_any_true(wasm_v128_or(z0, z1));
}

static int Quantize2Blocks_WasmSIMD(int16_t in[32], int16_t out[32], const VP8Matrix* const mtx) {
  int nz = QuantizeBlock_WasmSIMD(in, out, mtx);
  nz |= QuantizeBlock_WasmSIMD(in + 16, out + 16, mtx) << 1;
  return nz;
}

//------------------------------------------------------------------------------
// Susceptibility histogram: the transform's coefficients binned, |c| >> 3 clipped.

static void CollectHistogram_WasmSIMD(const uint8_t* ref, const uint8_t* pred, int start_block,
                                      int end_block, VP8Histogram* const histo) {
  int distribution[MAX_COEFF_THRESH + 1] = {0};
  for (int j = start_block; j < end_block; ++j) {
    int16_t out[16];
    FTransform_WasmSIMD(ref + VP8DspScan[j], pred + VP8DspScan[j], out);
    int16_t bins[16];
    const v128_t limit = wasm_i16x8_splat(MAX_COEFF_THRESH);
    wasm_v128_store(bins,
                    wasm_i16x8_min(wasm_u16x8_shr(wasm_i16x8_abs(wasm_v128_load(out)), 3), limit));
    wasm_v128_store(
        bins + 8,
        wasm_i16x8_min(wasm_u16x8_shr(wasm_i16x8_abs(wasm_v128_load(out + 8)), 3), limit));
    for (int k = 0; k < 16; ++k) ++distribution[bins[k]];
  }
  VP8SetHistogramData(distribution, histo);
}

//------------------------------------------------------------------------------
// Residual coefficients: the last non-zero one from a mask, and the cost's per-coefficient
// level and context computed for all 16 at once.

static void SetResidualCoeffs_WasmSIMD(const int16_t* const coeffs, VP8Residual* const res) {
  const v128_t zero = wasm_i16x8_splat(0);
  const uint32_t nonzero =
      (uint32_t)(wasm_i16x8_bitmask(wasm_i16x8_ne(wasm_v128_load(coeffs), zero)) |
                 wasm_i16x8_bitmask(wasm_i16x8_ne(wasm_v128_load(coeffs + 8), zero)) << 8);
  res->last = nonzero ? 31 - __builtin_clz(nonzero) : -1;
  res->coeffs = coeffs;
}

static int GetResidualCost_WasmSIMD(int ctx0, const VP8Residual* const res) {
  int n = res->first;
  const int p0 = res->prob[n][ctx0][0];
  CostArrayPtr const costs = res->costs;
  const uint16_t* t = costs[n][ctx0];
  int cost = (ctx0 == 0) ? VP8BitCost(1, p0) : 0;
  if (res->last < 0) return VP8BitCost(0, p0);

  uint16_t levels[16], abs_levels[16];
  uint8_t contexts[16];
  {
    const v128_t c01 = wasm_i16x8_abs(wasm_v128_load(res->coeffs));
    const v128_t c23 = wasm_i16x8_abs(wasm_v128_load(res->coeffs + 8));
    const v128_t two = wasm_i16x8_splat(2);
    wasm_v128_store(contexts,
                    wasm_u8x16_narrow_i16x8(wasm_i16x8_min(c01, two), wasm_i16x8_min(c23, two)));
    wasm_v128_store(abs_levels, c01);
    wasm_v128_store(abs_levels + 8, c23);
    const v128_t max_variable = wasm_i16x8_splat(MAX_VARIABLE_LEVEL);
    wasm_v128_store(levels, wasm_i16x8_min(c01, max_variable));
    wasm_v128_store(levels + 8, wasm_i16x8_min(c23, max_variable));
  }
  for (; n < res->last; ++n) {
    cost += VP8LevelFixedCosts[abs_levels[n]] + t[levels[n]];
    t = costs[n + 1][contexts[n]];
  }
  cost += VP8LevelFixedCosts[abs_levels[n]] + t[levels[n]];
  if (n < 15) {
    const int b = VP8EncBands[n + 1];
    const int ctx = contexts[n];  // the last is non-zero: 1 or 2
    cost += VP8BitCost(0, res->prob[b][ctx][0]);
  }
  return cost;
}

//------------------------------------------------------------------------------

extern void VP8EncDspInitWasmSIMD128(void);
extern void VP8EncDspCostInitWasmSIMD128(void);

WEBP_TSAN_IGNORE_FUNCTION void VP8EncDspInitWasmSIMD128(void) {
  VP8FTransform = FTransform_WasmSIMD;
  VP8FTransform2 = FTransform2_WasmSIMD;
  VP8ITransform = ITransform_WasmSIMD;
  VP8TDisto4x4 = Disto4x4_WasmSIMD;
  VP8TDisto16x16 = Disto16x16_WasmSIMD;
  VP8SSE16x16 = SSE16x16_WasmSIMD;
  VP8SSE16x8 = SSE16x8_WasmSIMD;
  VP8SSE8x8 = SSE8x8_WasmSIMD;
  VP8SSE4x4 = SSE4x4_WasmSIMD;
  VP8EncQuantizeBlock = QuantizeBlock_WasmSIMD;
  VP8EncQuantize2Blocks = Quantize2Blocks_WasmSIMD;
  VP8EncQuantizeBlockWHT = QuantizeBlock_WasmSIMD;
  VP8CollectHistogram = CollectHistogram_WasmSIMD;
}

WEBP_TSAN_IGNORE_FUNCTION void VP8EncDspCostInitWasmSIMD128(void) {
  VP8SetResidualCoeffs = SetResidualCoeffs_WasmSIMD;
  VP8GetResidualCost = GetResidualCost_WasmSIMD;
}

#endif  // __wasm_simd128__

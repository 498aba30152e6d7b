// libwebp's wasm SIMD encoder kernels (toolchain/shims/libwebp/enc_wasm_simd128.c) against
// its C versions, on random and extreme blocks: every result must be identical, since the
// module's WebP files must stay byte-identical to the native build's. Built for wasm32-wasi
// only and run under Node (tests/CMakeLists.txt, codecs.webp_simd128_kernels).
//
// libwebp picks its kernels in VP8EncDspInit / VP8EncDspCostInit by asking VP8GetCPUInfo,
// and runs the init again whenever that pointer changes: with it NULL the C versions are
// installed, with it restored the SIMD ones. Its internal declarations are not installed,
// so the few used here are repeated (libwebp 1.2's layout).
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { BPS = 32, MAX_COEFF_THRESH = 31 };
typedef int (*CPUInfo)(int feature);
extern CPUInfo VP8GetCPUInfo;
void VP8EncDspInit(void);
void VP8EncDspCostInit(void);

typedef struct {
  uint16_t q_[16], iq_[16];
  uint32_t bias_[16], zthresh_[16];
  uint16_t sharpen_[16];
} Matrix;
typedef struct {
  int max_value, last_non_zero;
} Histogram;
typedef uint16_t CostArray[3][67 + 1];
typedef const uint16_t* (*CostArrayPtr)[3];
typedef struct {
  int first, last;
  const int16_t* coeffs;
  int coeff_type;
  uint8_t (*prob)[3][11];
  void* stats;
  CostArrayPtr costs;
} Residual;

typedef void (*Idct)(const uint8_t*, const int16_t*, uint8_t*, int);
typedef void (*Fdct)(const uint8_t*, const uint8_t*, int16_t*);
typedef int (*Metric)(const uint8_t*, const uint8_t*);
typedef int (*WMetric)(const uint8_t*, const uint8_t*, const uint16_t*);
typedef int (*Quantize)(int16_t*, int16_t*, const Matrix*);
typedef void (*CHisto)(const uint8_t*, const uint8_t*, int, int, Histogram*);
typedef void (*SetCoeffs)(const int16_t*, Residual*);
typedef int (*ResidualCost)(int, const Residual*);
extern Idct VP8ITransform;
extern Fdct VP8FTransform, VP8FTransform2;
extern Metric VP8SSE16x16, VP8SSE16x8, VP8SSE8x8, VP8SSE4x4;
extern WMetric VP8TDisto4x4, VP8TDisto16x16;
extern Quantize VP8EncQuantizeBlock, VP8EncQuantize2Blocks, VP8EncQuantizeBlockWHT;
extern CHisto VP8CollectHistogram;
extern SetCoeffs VP8SetResidualCoeffs;
extern ResidualCost VP8GetResidualCost;

typedef struct {
  Idct itransform;
  Fdct ftransform, ftransform2;
  Metric sse16x16, sse16x8, sse8x8, sse4x4;
  WMetric disto4x4, disto16x16;
  Quantize quantize, quantize2, quantize_wht;
  CHisto histogram;
  SetCoeffs set_coeffs;
  ResidualCost residual_cost;
} Kernels;

static Kernels Installed(void) {
  VP8EncDspInit();
  VP8EncDspCostInit();
  return (Kernels){VP8ITransform,
                   VP8FTransform,
                   VP8FTransform2,
                   VP8SSE16x16,
                   VP8SSE16x8,
                   VP8SSE8x8,
                   VP8SSE4x4,
                   VP8TDisto4x4,
                   VP8TDisto16x16,
                   VP8EncQuantizeBlock,
                   VP8EncQuantize2Blocks,
                   VP8EncQuantizeBlockWHT,
                   VP8CollectHistogram,
                   VP8SetResidualCoeffs,
                   VP8GetResidualCost};
}

// The C histogram and the C Quantize2Blocks call through VP8FTransform and
// VP8EncQuantizeBlock: point those at C while the C versions run.
static void Use(const Kernels* k) {
  VP8FTransform = k->ftransform;
  VP8EncQuantizeBlock = k->quantize;
}

static uint32_t state = 12345;
static uint32_t Next(void) {
  state ^= state << 13;
  state ^= state >> 17;
  state ^= state << 5;
  return state;
}
// Mostly random, sometimes the extremes, sometimes flat: the cases where rounding and
// saturation differ if a kernel is wrong.
static int Sample(int lo, int hi) {
  switch (Next() % 8) {
    case 0: return lo;
    case 1: return hi;
    default: return lo + (int)(Next() % (uint32_t)(hi - lo + 1));
  }
}

static int failures = 0;
#define EXPECT(cond, ...)                                    \
  do {                                                       \
    if (!(cond)) {                                           \
      if (failures++ < 20) {                                 \
        fprintf(stderr, "FAIL %s:%d: ", __FILE__, __LINE__); \
        fprintf(stderr, __VA_ARGS__);                        \
        fputc('\n', stderr);                                 \
      }                                                      \
    }                                                        \
  } while (0)

static void Pixels(uint8_t* p, int n) {
  const int flat = Next() % 6 == 0;
  const int base = Sample(0, 255);
  for (int i = 0; i < n; ++i) p[i] = (uint8_t)(flat ? base : Sample(0, 255));
}

static void Coeffs(int16_t* c, int n, int range) {
  for (int i = 0; i < n; ++i) c[i] = (int16_t)(Next() % 3 == 0 ? 0 : Sample(-range, range));
}

static void RandomMatrix(Matrix* m) {
  // As VP8's ExpandMatrix makes them: q in [4, 440], its reciprocal, bias and threshold.
  for (int i = 0; i < 16; ++i) {
    const int q = Sample(4, 440);
    const int bias = Sample(96, 115) << 9;
    m->q_[i] = (uint16_t)q;
    m->iq_[i] = (uint16_t)((1 << 17) / q);
    m->bias_[i] = (uint32_t)bias;
    m->zthresh_[i] = (uint32_t)(((1 << 17) - 1 - bias) / m->iq_[i]);
    m->sharpen_[i] = (uint16_t)(Next() % 2 ? 0 : Sample(0, 40));
  }
}

static void Transforms(const Kernels* c, const Kernels* simd) {
  for (int t = 0; t < 20000; ++t) {
    uint8_t src[4 * BPS + 8], ref[4 * BPS + 8], dst_c[4 * BPS + 8], dst_s[4 * BPS + 8];
    int16_t coeffs[32], out_c[32], out_s[32];
    Pixels(src, sizeof src);
    Pixels(ref, sizeof ref);
    Coeffs(coeffs, 32, Next() % 2 ? 2048 : 32767);
    memcpy(dst_c, src, sizeof dst_c);
    memcpy(dst_s, src, sizeof dst_s);
    const int two = Next() % 2;
    c->itransform(ref, coeffs, dst_c, two);
    simd->itransform(ref, coeffs, dst_s, two);
    EXPECT(!memcmp(dst_c, dst_s, sizeof dst_c), "ITransform differs (case %d)", t);

    c->ftransform(src, ref, out_c);
    simd->ftransform(src, ref, out_s);
    EXPECT(!memcmp(out_c, out_s, 16 * sizeof(int16_t)), "FTransform differs (case %d)", t);
    Use(c);
    c->ftransform2(src, ref, out_c);
    simd->ftransform2(src, ref, out_s);
    EXPECT(!memcmp(out_c, out_s, sizeof out_c), "FTransform2 differs (case %d)", t);
  }
}

static void Metrics(const Kernels* c, const Kernels* simd) {
  for (int t = 0; t < 5000; ++t) {
    uint8_t a[16 * BPS], b[16 * BPS];
    uint16_t w[16];
    Pixels(a, sizeof a);
    Pixels(b, sizeof b);
    if (t % 4 == 0) memcpy(b, a, sizeof b);
    for (int i = 0; i < 16; ++i) w[i] = (uint16_t)Sample(0, 38);
    const Metric sse_c[4] = {c->sse16x16, c->sse16x8, c->sse8x8, c->sse4x4};
    const Metric sse_s[4] = {simd->sse16x16, simd->sse16x8, simd->sse8x8, simd->sse4x4};
    for (int k = 0; k < 4; ++k) {
      EXPECT(sse_c[k](a, b) == sse_s[k](a, b), "SSE #%d: %d != %d", k, sse_c[k](a, b),
             sse_s[k](a, b));
    }
    EXPECT(c->disto4x4(a, b, w) == simd->disto4x4(a, b, w), "Disto4x4: %d != %d",
           c->disto4x4(a, b, w), simd->disto4x4(a, b, w));
    EXPECT(c->disto16x16(a, b, w) == simd->disto16x16(a, b, w), "Disto16x16: %d != %d",
           c->disto16x16(a, b, w), simd->disto16x16(a, b, w));
  }
}

static void Quantization(const Kernels* c, const Kernels* simd) {
  for (int t = 0; t < 50000; ++t) {
    Matrix m;
    RandomMatrix(&m);
    int16_t in_c[32], in_s[32], out_c[32], out_s[32];
    Coeffs(in_c, 32, t % 3 == 0 ? 32767 : t % 3 == 1 ? 2048 : 64);
    if (t % 7 == 0) in_c[Next() % 32] = -32768;
    memcpy(in_s, in_c, sizeof in_s);
    int nz_c = c->quantize(in_c, out_c, &m), nz_s = simd->quantize(in_s, out_s, &m);
    EXPECT(nz_c == nz_s && !memcmp(in_c, in_s, 32) && !memcmp(out_c, out_s, 32),
           "QuantizeBlock differs (case %d)", t);
    nz_c = c->quantize_wht(in_c + 16, out_c + 16, &m);
    nz_s = simd->quantize_wht(in_s + 16, out_s + 16, &m);
    EXPECT(nz_c == nz_s && !memcmp(in_c, in_s, sizeof in_c) && !memcmp(out_c, out_s, sizeof out_c),
           "QuantizeBlockWHT differs (case %d)", t);
    Coeffs(in_c, 32, 2048);
    memcpy(in_s, in_c, sizeof in_s);
    Use(c);
    nz_c = c->quantize2(in_c, out_c, &m);
    nz_s = simd->quantize2(in_s, out_s, &m);
    EXPECT(nz_c == nz_s && !memcmp(in_c, in_s, sizeof in_c) && !memcmp(out_c, out_s, sizeof out_c),
           "Quantize2Blocks differs (case %d): %d %d", t, nz_c, nz_s);
  }
}

static void Histograms(const Kernels* c, const Kernels* simd) {
  for (int t = 0; t < 2000; ++t) {
    uint8_t ref[16 * BPS], pred[16 * BPS];
    Pixels(ref, sizeof ref);
    Pixels(pred, sizeof pred);
    const int start = (int)(Next() % 16), end = start + 1 + (int)(Next() % (24 - start));
    Histogram h_c, h_s;
    Use(c);
    c->histogram(ref, pred, start, end, &h_c);
    simd->histogram(ref, pred, start, end, &h_s);
    EXPECT(h_c.max_value == h_s.max_value && h_c.last_non_zero == h_s.last_non_zero,
           "CollectHistogram differs (case %d)", t);
  }
}

static void ResidualCosts(const Kernels* c, const Kernels* simd) {
  static uint8_t prob[17][3][11];
  static uint16_t tables[16][3][68];
  static const uint16_t* costs[16][3];
  for (int t = 0; t < 20000; ++t) {
    for (int b = 0; b < 17; ++b)
      for (int x = 0; x < 3; ++x)
        for (int p = 0; p < 11; ++p) prob[b][x][p] = (uint8_t)Sample(1, 255);
    for (int n = 0; n < 16; ++n)
      for (int x = 0; x < 3; ++x) {
        for (int v = 0; v < 68; ++v) tables[n][x][v] = (uint16_t)Sample(0, 3000);
        costs[n][x] = tables[n][x];
      }
    int16_t coeffs[16];
    Coeffs(coeffs, 16, t % 2 ? 3 : 2047);
    if (t % 5 == 0) memset(coeffs + Next() % 16, 0, sizeof(int16_t));
    if (t % 11 == 0) memset(coeffs, 0, sizeof coeffs);
    const int first = (t % 3 == 0) ? 1 : 0;
    if (first) coeffs[0] = 0;
    Residual r_c = {first, 0, NULL, 0, prob, NULL, costs};
    Residual r_s = r_c;
    c->set_coeffs(coeffs, &r_c);
    simd->set_coeffs(coeffs, &r_s);
    EXPECT(r_c.last == r_s.last && r_c.coeffs == r_s.coeffs, "SetResidualCoeffs: %d != %d",
           r_c.last, r_s.last);
    const int ctx0 = (int)(Next() % 3);
    EXPECT(c->residual_cost(ctx0, &r_c) == simd->residual_cost(ctx0, &r_c),
           "GetResidualCost: %d != %d (case %d)", c->residual_cost(ctx0, &r_c),
           simd->residual_cost(ctx0, &r_c), t);
  }
}

int main(void) {
  const CPUInfo detected = VP8GetCPUInfo;
  if (detected == NULL || !detected(10 /* kWasmSIMD128 */)) {
    fprintf(stderr, "FAIL: libwebp does not report wasm SIMD: its kernels are not installed\n");
    return 1;
  }
  const Kernels simd = Installed();
  VP8GetCPUInfo = NULL;
  const Kernels c = Installed();
  VP8GetCPUInfo = detected;
  EXPECT(simd.quantize != c.quantize && simd.ftransform != c.ftransform &&
             simd.residual_cost != c.residual_cost,
         "the SIMD and C kernels are the same functions");
  Transforms(&c, &simd);
  Metrics(&c, &simd);
  Quantization(&c, &simd);
  Histograms(&c, &simd);
  ResidualCosts(&c, &simd);
  if (failures) {
    fprintf(stderr, "%d mismatches\n", failures);
    return 1;
  }
  printf("libwebp wasm SIMD kernels: all identical to C\n");
  return 0;
}

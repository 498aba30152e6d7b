// The five canonical operations as Luna payload parts, mirroring bench/engine_bench.cc
// (same sizes and quality; AVIF effort comes from LUNA_AVIF_EFFORT).
export const operations = {
  a_resize800_webp: [{ resize: { width: 800 } }, {}],
  b_cover400_webp: [{ resize: { width: 400, height: 400 } }, {}],
  c_lqip_webp: [[{ resize: { width: 20 } }, { blur: 10 }], {}],
  d_og1200x630_jpeg: [{ resize: { width: 1200, height: 630 } }, { format: 'jpeg', quality: 85 }],
  e_resize800_avif: [{ resize: { width: 800 } }, { format: 'avif' }],
}

// The five canonical operations with sharp, mirroring bench/engine_bench.cc exactly
// (same sizes, quality, AVIF effort), each decode → encode from an in-memory buffer.
//   node sharp_operations.mjs PHOTO ITERATIONS WORKERS AVIF_EFFORT [OPERATION]
// Prints JSON: { op: { median_ms, runs, bytes }, ..., peak_rss_mb }.
// sharp is installed once for the project, in tests/ (npm ci --prefix tests).
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

const sharp = createRequire(new URL('../tests/package.json', import.meta.url))('sharp');

const [photoPath, iterationsArg = '15', workersArg = '1', effortArg = '2', only] = process.argv.slice(2);
const iterations = Number(iterationsArg);
const workers = Number(workersArg);
const effort = Number(effortArg);
sharp.concurrency(1); // one libvips thread per operation, like VIPS_CONCURRENCY=1 for Luna
sharp.cache(false);   // Luna turns libvips' operation cache off too

// Luna's encoder settings (edge/engine/src/encode.cc) spelled out, not left to sharp's
// defaults: libvips' WebP effort 4; JPEG 4:2:0 (libvips' choice below Q 90) with optimised
// Huffman tables, baseline; AVIF 4:4:4 (libvips' choice at Q ≥ 90), 8 bits.
const webp = { quality: 90, effort: 4, smartSubsample: false };
const operations = {
  a_resize800_webp: (img) => img.resize({ width: 800 }).webp(webp),
  b_cover400_webp: (img) => img.resize({ width: 400, height: 400 }).webp(webp),
  c_lqip_webp: (img) => img.resize({ width: 20 }).blur(10).webp(webp),
  d_og1200x630_jpeg: (img) => img.resize({ width: 1200, height: 630 })
    .jpeg({ quality: 85, chromaSubsampling: '4:2:0', optimiseCoding: true, progressive: false, mozjpeg: false }),
  e_resize800_avif: (img) => img.resize({ width: 800 })
    .avif({ quality: 90, effort, chromaSubsampling: '4:4:4', bitdepth: 8 }),
};

const photo = await readFile(photoPath);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const result = {};
for (const [name, build] of Object.entries(operations).filter(([name]) => !only || name === only)) {
  const output = await build(sharp(photo)).toBuffer(); // warm-up; outputs are deterministic
  const times = [];
  const worker = async () => {
    while (times.length < iterations) {
      const start = process.hrtime.bigint();
      await build(sharp(photo)).toBuffer();
      times.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
  };
  await Promise.all(Array.from({ length: workers }, worker));
  result[name] = { median_ms: median(times), runs: times.length, bytes: output.length };
}
result.peak_rss_mb = process.resourceUsage().maxRSS / 1024;
console.log(JSON.stringify(result));

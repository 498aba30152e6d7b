// Luna against sharp, the public library the product's edits mirror: the same input and the
// equivalent operation through both, then equal dimensions and pixels within a stated
// tolerance (mean absolute difference per channel, 0-255; `max` bounds the share of pixels
// off by more than 32, for edits where the two resamplers may place an edge a pixel apart).
//   node sharp_oracle.mjs LUNA_BINARY [TESTDATA_DIR]
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';

const [luna, testdata] = process.argv.slice(2);
const work = mkdtempSync(join(tmpdir(), 'oracle-'));
sharp.cache(false);

// A 480×320 RGB gradient with a dark disc: structure for crops, trims and smart positions.
async function syntheticPhoto() {
  const w = 480, h = 320;
  const px = Buffer.alloc(w * h * 3);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = (y * w + x) * 3;
      const inDisc = (x - 330) ** 2 + (y - 140) ** 2 < 60 ** 2;
      px[i] = inDisc ? 30 : Math.round((x * 255) / (w - 1));
      px[i + 1] = inDisc ? 40 : Math.round((y * 255) / (h - 1));
      px[i + 2] = inDisc ? 160 : 90;
    }
  }
  return sharp(px, { raw: { width: w, height: h, channels: 3 } }).png().toBuffer();
}

// The same gradient on a 40-pixel white border, for trim.
async function bordered() {
  const inner = await sharp(await syntheticPhoto()).resize(400, 240, { fit: 'fill' }).toBuffer();
  return sharp({ create: { width: 480, height: 320, channels: 3, background: '#ffffff' } })
    .composite([{ input: inner, left: 40, top: 40 }])
    .png()
    .toBuffer();
}

const cases = [
  ['resize width', { resize: { width: 300 } }, (s) => s.resize({ width: 300 }), 1.5],
  ['resize cover', { resize: { width: 200, height: 200 } }, (s) => s.resize(200, 200), 1.5],
  ['resize cover top', { resize: { width: 200, height: 100, position: 'top' } },
    (s) => s.resize(200, 100, { position: 'top' }), 1.5],
  ['resize attention', { resize: { width: 160, height: 160, position: 'attention' } },
    (s) => s.resize(160, 160, { position: 'attention' }), 3.0],
  ['resize contain', { resize: { width: 300, height: 300, fit: 'contain', background: '#ff0000' } },
    (s) => s.resize(300, 300, { fit: 'contain', background: '#ff0000' }), 1.5],
  ['resize fill', { resize: { width: 300, height: 100, fit: 'fill' } },
    (s) => s.resize(300, 100, { fit: 'fill' }), 1.5],
  ['resize inside', { resize: { width: 300, height: 300, fit: 'inside' } },
    (s) => s.resize(300, 300, { fit: 'inside' }), 1.5],
  ['resize outside', { resize: { width: 300, height: 300, fit: 'outside' } },
    (s) => s.resize(300, 300, { fit: 'outside' }), 1.5],
  ['rotate 90', { rotate: { angle: 90 } }, (s) => s.rotate(90), 0.5],
  ['rotate 30', { rotate: { angle: 30, background: '#00ff00' } },
    (s) => s.rotate(30, { background: '#00ff00' }), 2.5],
  ['flip', { flip: true }, (s) => s.flip(), 0.5],
  ['flop', { flop: true }, (s) => s.flop(), 0.5],
  ['crop', { crop: { left: 100, top: 50, width: 200, height: 120 } },
    (s) => s.extract({ left: 100, top: 50, width: 200, height: 120 }), 0.5],
  ['extend', { extend: { top: 10, bottom: 20, left: 30, right: 40, background: '#0000ff' } },
    (s) => s.extend({ top: 10, bottom: 20, left: 30, right: 40, background: '#0000ff' }), 0.5],
  ['blur', { blur: 5 }, (s) => s.blur(5), 1.0],
  ['sharpen', { sharpen: 2 }, (s) => s.sharpen({ sigma: 2 }), 2.0],
  // libvips 8.14 (Luna, Debian) and 8.17 (sharp's bundle) convert to grey slightly apart.
  ['grayscale', { grayscale: true }, (s) => s.grayscale(), 2.0],
  ['modulate', { modulate: { brightness: 1.2, saturation: 0.6, hue: 40 } },
    (s) => s.modulate({ brightness: 1.2, saturation: 0.6, hue: 40 }), 2.5],
  ['invert', { invert: true }, (s) => s.negate({ alpha: false }), 0.5],
  ['normalize', { normalize: { lower: 2, upper: 98 } }, (s) => s.normalise({ lower: 2, upper: 98 }), 2.5],
  ['tint', { tint: { r: 255, g: 160, b: 0 } }, (s) => s.tint({ r: 255, g: 160, b: 0 }), 6.0],
];

async function raw(png) {
  return sharp(png).removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
}

function compare(a, b) {
  let sum = 0;
  let far = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i] - b[i]);
    sum += d;
    if (d > 32) far++;
  }
  return { mean: sum / a.length, farShare: far / a.length };
}

async function check(name, input, edits, viaSharp, tolerance) {
  const inPath = join(work, 'in.png');
  const outPath = join(work, 'out.png');
  writeFileSync(inPath, input);
  execFileSync(luna, ['transform', inPath, outPath, '--edits', JSON.stringify(edits), '--output', '{"format":"png"}'],
    { stdio: ['ignore', 'ignore', 'pipe'] });
  const ours = await raw(readFileSync(outPath));
  const theirs = await raw(await viaSharp(sharp(input).rotate()).png().toBuffer());
  const sameSize = ours.info.width === theirs.info.width && ours.info.height === theirs.info.height &&
    ours.info.channels === theirs.info.channels;
  if (!sameSize) {
    return `${name}: luna ${ours.info.width}x${ours.info.height}x${ours.info.channels}, ` +
      `sharp ${theirs.info.width}x${theirs.info.height}x${theirs.info.channels}`;
  }
  const { mean, farShare } = compare(ours.data, theirs.data);
  const ok = mean <= tolerance && farShare <= 0.02;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name.padEnd(28)} ${ours.info.width}x${ours.info.height}` +
    `  mean |Δ| ${mean.toFixed(2)} (≤ ${tolerance})  far ${(farShare * 100).toFixed(2)}%`);
  return ok ? null : `${name}: mean |Δ| ${mean.toFixed(2)} > ${tolerance} or ${(farShare * 100).toFixed(2)}% far`;
}

const failures = [];
const inputs = [['synthetic', await syntheticPhoto()]];
if (testdata && existsSync(join(testdata, 'MANIFEST.tsv'))) {
  inputs.push(['face-portrait.jpg', readFileSync(join(testdata, 'face-portrait.jpg'))]);
} else {
  console.log('(../shared/testdata not found: real-image comparisons skipped)');
}
for (const [inputName, input] of inputs) {
  for (const [name, edits, viaSharp, tolerance] of cases) {
    const problem = await check(`${inputName}: ${name}`, input, edits, viaSharp, tolerance);
    if (problem) failures.push(problem);
  }
}
const trimProblem = await check('bordered: trim', await bordered(), { trim: { threshold: 10 } },
  (s) => s.trim({ threshold: 10 }), 1.5);
if (trimProblem) failures.push(trimProblem);

rmSync(work, { recursive: true, force: true });
if (failures.length) {
  console.error(`\n${failures.length} comparison(s) with sharp failed:\n  ${failures.join('\n  ')}`);
  process.exit(1);
}
console.log(`\nall ${cases.length * inputs.length + 1} comparisons with sharp within tolerance`);

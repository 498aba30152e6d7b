// Seeds for original_fuzzer: small images of every format the engine reads (sharp writes
// them), each also truncated and with bits flipped, plus the smaller files of
// ../shared/testdata. The last byte of every seed is the fuzzer's edit choice.
//   make_image_seeds.mjs OUT_DIR [TESTDATA_DIR]
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [out, testdata] = process.argv.slice(2);
mkdirSync(out, { recursive: true });
const seeds = [];
let sharp = null;
try {
  sharp = createRequire(new URL('../package.json', import.meta.url))('sharp');
} catch {
  console.error('make_image_seeds: sharp is not installed (npm ci --prefix tests); testdata only');
}
if (sharp) {
  const base = () => sharp({ create: { width: 40, height: 30, channels: 4, background: { r: 200, g: 80, b: 20, alpha: 0.6 } } });
  for (const [name, make] of [
    ['jpeg', (s) => s.jpeg()], ['progressive.jpeg', (s) => s.jpeg({ progressive: true })],
    ['png', (s) => s.png()], ['palette.png', (s) => s.png({ palette: true })],
    ['webp', (s) => s.webp()], ['lossless.webp', (s) => s.webp({ lossless: true })],
    ['gif', (s) => s.gif()], ['avif', (s) => s.avif({ effort: 0 })], ['tiff', (s) => s.tiff()],
  ]) {
    seeds.push([name, await make(base()).toBuffer()]);
  }
}
seeds.push(['svg', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="20" height="10"><rect width="20" height="10" fill="red"/></svg>')]);
if (testdata && existsSync(testdata)) {
  for (const file of readdirSync(testdata)) {
    const path = join(testdata, file);
    if (!file.startsWith('MANIFEST') && statSync(path).size <= 400_000) seeds.push([file, readFileSync(path)]);
  }
}
let n = 0;
for (const [name, bytes] of seeds) {
  const variants = [bytes, bytes.subarray(0, Math.max(8, Math.floor(bytes.length / 2)))];
  const flipped = Buffer.from(bytes);
  for (let i = 16; i < flipped.length; i += Math.max(1, Math.floor(flipped.length / 7))) flipped[i] ^= 0x5a;
  variants.push(flipped);
  variants.forEach((v, i) => writeFileSync(join(out, `${name}.${i}`), Buffer.concat([v, Buffer.from([n++ % 256])])));
}
console.log(`make_image_seeds: ${n} seeds in ${out}`);

// Luna's ThumbHash against the `thumbhash` npm package (by the algorithm's author) on the
// same pixels: for images of at most 100 px per side, which are hashed as they are, the hash
// must be byte-identical, and the data URL must show what the reference decoder draws.
// Larger images are scaled first (by libvips, not sharp), so only the aspect ratio and the
// reported size are compared for them.
//   node thumbhash_oracle.mjs LUNA_BINARY
import { execFileSync } from 'node:child_process';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, after } from 'node:test';
import { createRequire } from 'node:module';

const require = createRequire(new URL('../package.json', import.meta.url));
const sharp = require('sharp');
const { rgbaToThumbHash, thumbHashToRGBA, thumbHashToApproximateAspectRatio } = await import(
  require.resolve('thumbhash')
);

const [luna] = process.argv.slice(2);
const work = mkdtempSync(join(tmpdir(), 'thumbhash-'));
after(() => rmSync(work, { recursive: true, force: true }));
sharp.cache(false);

// Deterministic pixels: gradients, a disc and (optionally) a soft alpha edge.
function pixels(w, h, { alpha = false, grey = false } = {}) {
  const px = Buffer.alloc(w * h * 4);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = (y * w + x) * 4;
      const disc = (x - w * 0.65) ** 2 + (y - h * 0.4) ** 2 < (Math.min(w, h) * 0.25) ** 2;
      let r = disc ? 30 : Math.round((x * 255) / Math.max(1, w - 1));
      let g = disc ? 40 : Math.round((y * 255) / Math.max(1, h - 1));
      let b = disc ? 200 : 90;
      if (grey) r = g = b = Math.round((r + g + b) / 3);
      px[i] = r;
      px[i + 1] = g;
      px[i + 2] = b;
      px[i + 3] = alpha ? Math.min(255, Math.round((x * 400) / w)) : 255;
    }
  }
  return px;
}

async function lunaHash(png, edits = []) {
  const input = join(work, 'in.png');
  const output = join(work, 'out.json');
  writeFileSync(input, png);
  execFileSync(luna, ['transform', input, output, '--edits', JSON.stringify(edits), '--output', '{"format":"thumbhash"}'], { stdio: 'pipe' });
  return JSON.parse(readFileSync(output, 'utf8'));
}

async function rgbaOf(png) {
  const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { w: info.width, h: info.height, rgba: new Uint8Array(data) };
}

const cases = [
  ['opaque landscape 100×60', 100, 60, {}],
  ['opaque portrait 45×100', 45, 100, {}],
  ['square with alpha 64×64', 64, 64, { alpha: true }],
  ['landscape with alpha 100×37', 100, 37, { alpha: true }],
  ['grey 80×50', 80, 50, { grey: true }],
  ['tiny 7×3', 7, 3, {}],
  ['one pixel', 1, 1, {}],
];

for (const [name, w, h, options] of cases) {
  test(`${name}: the same hash as the reference, and its picture`, async () => {
    const png = await sharp(pixels(w, h, options), { raw: { width: w, height: h, channels: 4 } })
      .png()
      .toBuffer();
    const got = await lunaHash(png);
    const { rgba } = await rgbaOf(png);
    const expected = Buffer.from(rgbaToThumbHash(w, h, rgba)).toString('base64');
    assert.equal(got.thumbhash, expected);
    assert.equal(got.width, w);
    assert.equal(got.height, h);

    const reference = thumbHashToRGBA(Buffer.from(expected, 'base64'));
    assert.match(got.dataUrl, /^data:image\/png;base64,/);
    const drawn = await rgbaOf(Buffer.from(got.dataUrl.split(',')[1], 'base64'));
    assert.equal(drawn.w, reference.w);
    assert.equal(drawn.h, reference.h);
    let worst = 0;
    for (let i = 0; i < drawn.rgba.length; i++) worst = Math.max(worst, Math.abs(drawn.rgba[i] - reference.rgba[i]));
    assert.ok(worst <= 1, `the data URL is off the reference decoder by up to ${worst}`);
  });
}

test('a larger image is hashed at its edited size, keeping its aspect ratio', async () => {
  const png = await sharp(pixels(1200, 500), { raw: { width: 1200, height: 500, channels: 4 } })
    .png()
    .toBuffer();
  const got = await lunaHash(png, [{ resize: { width: 600 } }]);
  assert.equal(got.width, 600);
  assert.equal(got.height, 250);
  const ratio = thumbHashToApproximateAspectRatio(Buffer.from(got.thumbhash, 'base64'));
  assert.ok(Math.abs(ratio - 600 / 250) < 0.5, `aspect ratio ${ratio}`);
});

// Requests that cost the edge more than they should: an SVG that smuggles in a raster far
// beyond the pixel limit, intermediates far beyond the output limit, text layers that
// would each hold a full-frame mask.
import assert from 'node:assert/strict';
import { deflateSync } from 'node:zlib';
import { before, describe, test } from 'node:test';

import { attacker, attackerAuth, env, get, photo, signer } from './stack_client.mjs';

// A 1-bit greyscale PNG of width × height, all black: 20000×20000 is ~50 KB compressed.
function blackPng(width, height) {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    out.write(type, 4, 'latin1');
    data.copy(out, 8);
    out.writeUInt32BE(crc(out.subarray(4, 8 + data.length)), 8 + data.length);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 1; // bit depth
  ihdr[9] = 0; // greyscale
  const raw = Buffer.alloc((1 + Math.ceil(width / 8)) * height); // filter 0 + zero bits
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0)),
  ]);
}

const svgBomb = () =>
  '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10">' +
  `<image width="10" height="10" xlink:href="data:image/png;base64,${blackPng(20000, 20000).toString('base64')}"/></svg>`;

let sign;
before(async () => {
  sign = await signer(attackerAuth);
  await attacker.images.upload(new TextEncoder().encode(svgBomb()), 'bounds/bomb.svg');
  await attacker.images.upload(await photo(640, 480), 'bounds/photo.jpg');
  // Two 64 Mpx overlays (~50 KB each): either fits the 100 Mpx limit alone, not both.
  await attacker.images.upload(blackPng(8000, 8000), 'bounds/huge-logo-a.png');
  await attacker.images.upload(blackPng(8000, 8000), 'bounds/huge-logo-b.png');
});

describe('what an original may make the edge decode', () => {
  test('SvgEmbeddingARasterIsRefused', async () => {
    const r = await get(sign(env.luna, { key: 'bounds/bomb.svg', edits: [{ resize: { width: 10 } }] }));
    // luna.wasm has no SVG loader at all (415); luna-server refuses the embedded raster (422).
    assert.equal(r.status, env.host === 'workerd' ? 415 : 422, r.text);
    assert.equal(r.headers.get('cache-control'), 'no-store');
  });
});

describe('what edits may make the edge compute', () => {
  test('HugeIntermediateIsRefusedBeforeWork', async () => {
    const text = Array.from({ length: 8 }, (_, i) => ({ text: { text: `layer ${i} `.repeat(20), fontSize: 1024 } }));
    const r = await get(sign(env.luna, {
      key: 'bounds/photo.jpg',
      edits: [{ resize: { width: 16384, height: 16384, fit: 'fill', upscale: true } }, ...text,
        { resize: { width: 100 } }],
    }));
    assert.equal(r.status, 422, r.text.slice(0, 300));
    assert.equal(JSON.parse(r.text).error.field, 'edits');
  });

  test('SmartCropOfAHugeUpscaleIsRefused', async () => {
    const r = await get(sign(env.luna, {
      key: 'bounds/photo.jpg',
      edits: [{ resize: { width: 16384, height: 64, position: 'attention', upscale: true } }],
    }));
    assert.equal(r.status, 422, r.text.slice(0, 300));
  });

  test('TextLayersCannotHoldUnboundedMemory', async () => {
    // Text layers are composited last, on the output-sized frame, and each mask is clipped to
    // it; but ten full-frame masks of a 64 Mpx output would be 1.3 GB held at once; the eager
    // budget (LUNA_MAX_EAGER_BYTES) refuses them.
    const block = Array.from({ length: 9 }, () => 'WWWWWWWWWW').join('\n');
    const text = Array.from({ length: 10 }, () => ({ text: { text: block, fontSize: 1024, position: 'center' } }));
    const r = await get(sign(env.luna, {
      key: 'bounds/photo.jpg',
      edits: [{ resize: { width: 8000, height: 8000, fit: 'fill', upscale: true } }, ...text],
    }));
    assert.equal(r.status, 422, r.text.slice(0, 300));
    assert.match(JSON.parse(r.text).error.message, /text layers/);
  });

  test('ImageLayersCannotEachBringAFullOriginal', async () => {
    // Four image layers must not cost four originals: the overlays count with the original
    // against one pixel limit, checked from their headers before any is decoded.
    const r = await get(sign(env.luna, {
      key: 'bounds/photo.jpg',
      edits: [{ image: { key: 'bounds/huge-logo-a.png', width: 10 } }, { image: { key: 'bounds/huge-logo-b.png', width: 10 } }],
    }));
    assert.equal(r.status, 422, r.text.slice(0, 300));
    assert.match(JSON.parse(r.text).error.message, /overlays hold \d+ Mpx together/);
    assert.equal(r.headers.get('cache-control'), 'no-store');
  });

  test('AnIntermediateWithinTheOutputLimitStillWorks', async () => {
    const r = await get(sign(env.luna, {
      key: 'bounds/photo.jpg',
      edits: [{ resize: { width: 2000, upscale: true } }, { text: { text: 'ok' } }, { resize: { width: 100 } }],
    }));
    assert.equal(r.status, 200, r.text.slice(0, 300));
  });
});

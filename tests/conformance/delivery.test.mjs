// Luna's HTTP contract, host-independent: run against luna-server now and, unchanged,
// against the workerd host later. Configuration comes from the environment:
//   LUNA_BASE_URL                   where the host listens (path form URLs)
//   CONFORMANCE_TENANT / _SECRET    an active tenant and its current secret (base64url)
//   CONFORMANCE_OLD_SECRET          a rotated secret still inside its grace period
//   CONFORMANCE_EXPIRED_SECRET      a rotated secret past its grace period
//   CONFORMANCE_SUSPENDED_TENANT, CONFORMANCE_OVER_QUOTA_TENANT   (signed with _SECRET)
//   CONFORMANCE_MAX_OUTPUT          the host's output dimension limit
// and the originals of fixtures.mjs stored for the tenant.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { describe, test } from 'node:test';

import { deliveryUrl, encodePayload, sign } from './mint.mjs';

const require = createRequire(new URL('../package.json', import.meta.url));
const sharp = require('sharp');
const env = process.env;
const base = env.LUNA_BASE_URL;
const tenant = env.CONFORMANCE_TENANT;
const secret = env.CONFORMANCE_SECRET;

const url = (payload, s = secret, t = tenant) => deliveryUrl(base, t, s, payload);

async function get(target, headers = {}, method = 'GET') {
  const response = await fetch(target, { method, headers });
  const body = Buffer.from(await response.arrayBuffer());
  return { status: response.status, headers: response.headers, body };
}

async function image(payload, headers) {
  const r = await get(url(payload), headers);
  assert.equal(r.status, 200, `${JSON.stringify(payload)} → ${r.status} ${r.body.toString().slice(0, 200)}`);
  const meta = await sharp(r.body, { animated: true }).metadata();
  return { ...r, meta };
}

async function jsonError(target, status, field) {
  const r = await get(target);
  assert.equal(r.status, status, r.body.toString());
  assert.match(r.headers.get('content-type'), /application\/json/);
  assert.equal(r.headers.get('cache-control'), 'no-store');
  const body = JSON.parse(r.body.toString());
  assert.equal(typeof body.error.message, 'string');
  if (field) assert.equal(body.error.field, field);
  return body;
}

describe('delivery', () => {
  test('a signed URL answers the transformed image with immutable cache headers', async () => {
    const r = await image({ key: 'hero.jpg', edits: [{ resize: { width: 300 } }] });
    assert.equal(r.headers.get('content-type'), 'image/webp');
    assert.equal(r.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    assert.match(r.headers.get('etag'), /^"[^"]+"$/, 'a strong ETag');
    assert.equal(Number(r.headers.get('content-length')), r.body.length);
    assert.equal(r.meta.format, 'webp');
    assert.equal(r.meta.width, 300);
    assert.equal(r.meta.height, 200);
  });

  test('resize.dpr: CSS pixels, the image dpr times larger; out of range is a 400 naming it', async () => {
    const r = await image({ key: 'hero.jpg', edits: [{ resize: { width: 150, dpr: 2 } }] });
    assert.equal(r.meta.width, 300);
    assert.equal(r.meta.height, 200);
    const bad = await get(url({ key: 'hero.jpg', edits: [{ resize: { width: 150, dpr: 5 } }] }));
    assert.equal(bad.status, 400);
    assert.match(bad.body.toString(), /edits\[0\]\.resize\.dpr/);
  });

  test('resize.position {x, y}: the crop keeps the focal point central, never leaving the image', async () => {
    const cover = (position) => image({ key: 'hero.jpg', edits: [{ resize: { width: 100, height: 100, position } }] });
    // One at a time: the hosts shed load past a few transforms in flight.
    const right = await cover('right');
    const focalRight = await cover({ x: 1, y: 0.5 });
    const left = await cover('left');
    const focalLeft = await cover({ x: 0, y: 0.5 });
    const middle = await cover({ x: 0.5, y: 0.5 });
    assert.equal(focalRight.meta.width, 100);
    assert.equal(focalRight.meta.height, 100);
    assert.ok(focalRight.body.equals(right.body), 'a point at the right edge crops like "right"');
    assert.ok(focalLeft.body.equals(left.body), 'a point at the left edge crops like "left"');
    assert.ok(!middle.body.equals(left.body) && !middle.body.equals(right.body));
    const bad = await get(url({ key: 'hero.jpg', edits: [{ resize: { width: 100, height: 100, position: { x: 2, y: 0 } } }] }));
    assert.equal(bad.status, 400);
    assert.match(bad.body.toString(), /edits\[0\]\.resize\.position\.x/);
  });

  test('output.animated: every frame by default, the first frame only with false', async () => {
    const all = await image({ key: 'spinner.gif', output: { format: 'webp' } });
    assert.equal(all.meta.pages, 3);
    assert.equal(all.meta.pageHeight, 40);
    const first = await image({ key: 'spinner.gif', output: { format: 'webp', animated: false } });
    assert.equal(first.meta.pages ?? 1, 1);
    assert.equal(first.meta.height, 40);
    const { data } = await sharp(first.body).raw().toBuffer({ resolveWithObject: true });
    assert.ok(data[0] > 200 && data[1] < 60, 'the red first frame');
    const bad = await get(url({ key: 'spinner.gif', output: { animated: 'no' } }));
    assert.equal(bad.status, 400);
    assert.match(bad.body.toString(), /output\.animated/);
  });

  test('output.format thumbhash: the placeholder of exactly the variant shown, as JSON', async () => {
    const { rgbaToThumbHash } = await import(require.resolve('thumbhash'));
    const edits = [{ resize: { width: 90, height: 60 } }, { tint: { r: 40, g: 120, b: 200 } }];
    const r = await get(url({ key: 'logo.png', edits, output: { format: 'thumbhash' } }));
    assert.equal(r.status, 200, r.body.toString());
    assert.equal(r.headers.get('content-type'), 'application/json');
    assert.equal(r.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    assert.equal(r.headers.get('access-control-allow-origin'), '*', 'pages may fetch() it');
    const body = JSON.parse(r.body.toString());
    assert.deepEqual(Object.keys(body).sort(), ['dataUrl', 'height', 'thumbhash', 'width']);
    assert.equal(body.width, 90);
    assert.equal(body.height, 60);
    // The same variant as a (lossless) PNG, hashed by the reference implementation.
    const png = await image({ key: 'logo.png', edits, output: { format: 'png' } });
    const { data, info } = await sharp(png.body).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    assert.equal(body.thumbhash, Buffer.from(rgbaToThumbHash(info.width, info.height, data)).toString('base64'));
    const placeholder = await sharp(Buffer.from(body.dataUrl.replace('data:image/png;base64,', ''), 'base64')).metadata();
    assert.equal(placeholder.format, 'png');
    assert.ok(placeholder.width <= 32 && placeholder.height <= 32);
  });

  test('image layers: another original composited last, in the ETag and the surrogate keys', async () => {
    // logo.png (400×300, transparent 40 px top and left) at 100 px wide: 10 px margin, then opaque.
    const layer = { image: { key: 'logo.png', width: 100, position: 'top-left', padding: 0 } };
    const edits = [{ resize: { width: 600 } }, layer];
    const r = await image({ key: 'hero.jpg', edits, output: { format: 'png' } });
    assert.deepEqual([r.meta.width, r.meta.height], [600, 400]);
    const { data, info } = await sharp(r.body).raw().toBuffer({ resolveWithObject: true });
    const at = (x, y) => [...data.subarray((y * info.width + x) * info.channels, (y * info.width + x) * info.channels + 3)];
    const [red, green, blue] = at(50, 40); // the logo's pixel (200, 160)
    assert.ok(Math.abs(red - 128) < 10 && Math.abs(green - 136) < 10 && Math.abs(blue - 90) < 10, `logo pixel ${at(50, 40)}`);
    assert.ok(at(4, 4)[0] < 30, `the base shows through the logo's transparent margin: ${at(4, 4)}`);
    const without = await image({ key: 'hero.jpg', edits: [{ resize: { width: 600 } }], output: { format: 'png' } });
    assert.notEqual(r.headers.get('etag'), without.headers.get('etag'));
    // Surrogate keys reach clients only without the CDN (Varnish keeps them to itself).
    if (r.headers.get('xkey') !== null) {
      assert.equal(r.headers.get('xkey').split(' ').length, 3, 'the original, the overlay and the tenant');
      assert.equal(r.headers.get('cache-tag').split(',').length, 3);
      assert.ok(r.headers.get('xkey').startsWith(without.headers.get('xkey').split(' ')[0] + ' '));
    }
    // A missing overlay is a 404 naming the layer, and at most 4 image layers.
    const missing = await get(url({ key: 'hero.jpg', edits: [{ resize: { width: 60 } }, { image: { key: 'gone.png' } }] }));
    assert.equal(missing.status, 404);
    assert.match(missing.body.toString(), /edits\[1\]\.image\.key/);
    const five = Array.from({ length: 5 }, () => ({ image: { key: 'logo.png' } }));
    const tooMany = await get(url({ key: 'hero.jpg', edits: five }));
    assert.equal(tooMany.status, 400);
    assert.match(tooMany.body.toString(), /"field":"edits\[4\]\.image","message":"at most 4 image layers/);
  });

  test('keys with folders and non-ASCII characters', async () => {
    const r = await image({ key: 'photos/été 1.jpg', edits: { resize: { width: 64 } } });
    assert.equal(r.meta.width, 64);
  });

  test('If-None-Match with the ETag is a 304 without body', async () => {
    const target = url({ key: 'hero.jpg', edits: [{ resize: { width: 120 } }] });
    const first = await get(target);
    const again = await get(target, { 'If-None-Match': first.headers.get('etag') });
    assert.equal(again.status, 304);
    assert.equal(again.body.length, 0);
    assert.equal(again.headers.get('etag'), first.headers.get('etag'));
  });

  test('HEAD answers the headers of GET without a body', async () => {
    const target = url({ key: 'hero.jpg', edits: [{ resize: { width: 100 } }] });
    const head = await get(target, {}, 'HEAD');
    assert.equal(head.status, 200);
    assert.equal(head.body.length, 0);
    assert.equal(head.headers.get('content-type'), 'image/webp');
    assert.equal(head.headers.get('etag'), (await get(target)).headers.get('etag'));
  });

  test('other methods are 405 with Allow', async () => {
    const r = await get(url({ key: 'hero.jpg' }), {}, 'POST');
    assert.equal(r.status, 405);
    assert.match(r.headers.get('allow'), /GET/);
  });

  test('equivalent requests share the ETag; different ones do not', async () => {
    const a = await get(url({ key: 'hero.jpg', edits: { resize: { width: 90 } } }));
    const b = await get(url({ edits: [{ resize: { width: 90, fit: 'cover' } }], key: 'hero.jpg' }));
    const c = await get(url({ key: 'hero.jpg', edits: { resize: { width: 91 } } }));
    assert.equal(a.headers.get('etag'), b.headers.get('etag'));
    assert.notEqual(a.headers.get('etag'), c.headers.get('etag'));
  });
});

describe('signatures', () => {
  const payload = encodePayload({ key: 'hero.jpg', edits: [{ resize: { width: 50 } }] });
  const sig = sign(secret, tenant, payload);
  const swap = (s, i) => s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1);

  test('one changed character in the payload is 403', async () => {
    for (const i of [0, 7, payload.length - 1]) {
      await jsonError(`${base}/${tenant}/${swap(payload, i)}?sig=${sig}`, 403);
    }
  });
  test('one changed character in the signature is 403', async () => {
    await jsonError(`${base}/${tenant}/${payload}?sig=${swap(sig, 5)}`, 403);
    await jsonError(`${base}/${tenant}/${payload}?sig=${sig.slice(0, -1)}`, 403);
  });
  test('a missing signature is 403', async () => {
    await jsonError(`${base}/${tenant}/${payload}`, 403);
  });
  test('another tenant with the same signature is refused', async () => {
    const r = await get(`${base}/${env.CONFORMANCE_SUSPENDED_TENANT}/${payload}?sig=${sig}`);
    assert.ok([403, 404].includes(r.status), String(r.status));
  });
  test('an unknown tenant is 404', async () => {
    await jsonError(url({ key: 'hero.jpg' }, secret, 'no-such-tenant'), 404);
  });
  test('a rotated secret works during its grace period, not after', async () => {
    assert.equal((await get(url({ key: 'hero.jpg', edits: { resize: { width: 40 } } }, env.CONFORMANCE_OLD_SECRET))).status, 200);
    await jsonError(url({ key: 'hero.jpg' }, env.CONFORMANCE_EXPIRED_SECRET), 403);
  });
  test('an expired URL is 410, a future expiry is fine', async () => {
    const now = Math.floor(Date.now() / 1000);
    await jsonError(url({ key: 'hero.jpg', exp: now - 60 }), 410, 'exp');
    assert.equal((await get(url({ key: 'hero.jpg', exp: now + 600, edits: { resize: { width: 30 } } }))).status, 200);
  });
  test('unsigned query parameters are refused', async () => {
    await jsonError(`${url({ key: 'hero.jpg' })}&width=2000`, 400, 'query');
  });
});

describe('errors', () => {
  test('an invalid edit is 400 naming the edit and field', async () => {
    const body = await jsonError(url({ key: 'hero.jpg', edits: [{ blur: 2 }, { resize: { width: 0 } }] }), 400, 'edits[1].resize.width');
    assert.match(body.error.message, /between 1 and 16384/);
  });
  test('an undecodable payload is 400', async () => {
    await jsonError(url('not*base64'), 400, 'payload');
    await jsonError(url(Buffer.from('{"key":').toString('base64url')), 400, 'payload');
  });
  test('a missing original is 404', async () => {
    await jsonError(url({ key: 'missing.jpg' }), 404, 'key');
  });
  test('a file that is not an image is 415', async () => {
    await jsonError(url({ key: 'not-an-image.jpg' }), 415);
  });
  test('a crop outside the image is 400', async () => {
    await jsonError(url({ key: 'hero.jpg', edits: { crop: { left: 1100, top: 0, width: 200, height: 10 } } }), 400, 'crop');
  });
  test('output beyond the configured limit is 422', async () => {
    const limit = Number(env.CONFORMANCE_MAX_OUTPUT);
    await jsonError(url({ key: 'hero.jpg', edits: { resize: { width: limit + 1, upscale: true } } }), 422);
  });
  test('a suspended tenant gets 403, an over-quota tenant 429', async () => {
    await jsonError(url({ key: 'hero.jpg' }, secret, env.CONFORMANCE_SUSPENDED_TENANT), 403, 'tenant');
    await jsonError(url({ key: 'hero.jpg' }, secret, env.CONFORMANCE_OVER_QUOTA_TENANT), 429, 'tenant');
  });
});

describe('edits through HTTP', () => {
  const cases = [
    [{ resize: { width: 200, height: 200 } }, 200, 200],
    [{ resize: { width: 200, height: 200, fit: 'contain', background: 'red' } }, 200, 200],
    [{ resize: { width: 200, height: 200, fit: 'inside' } }, 200, 133],
    [{ resize: { width: 200, height: 200, fit: 'outside' } }, 300, 200],
    [{ resize: { width: 200, height: 100, fit: 'fill' } }, 200, 100],
    [{ resize: { width: 160, height: 160, position: 'attention' } }, 160, 160],
    [{ rotate: { angle: 90 } }, 800, 1200],
    [{ flip: true }, 1200, 800],
    [{ flop: true }, 1200, 800],
    [{ crop: { left: 10, top: 20, width: 300, height: 200 } }, 300, 200],
    [{ extend: { top: 5, bottom: 5, left: 10, right: 10, background: '#00f' } }, 1220, 810],
    [{ blur: 3 }, 1200, 800],
    [{ sharpen: 2 }, 1200, 800],
    [{ grayscale: true }, 1200, 800],
    [{ modulate: { brightness: 1.1, saturation: 0.5, hue: 30 } }, 1200, 800],
    [{ tint: { r: 255, g: 200, b: 0 } }, 1200, 800],
    [{ invert: true }, 1200, 800],
    [{ normalize: { lower: 1, upper: 99 } }, 1200, 800],
    [{ text: { text: '© immagin', position: 'bottom-right', fontSize: 32 } }, 1200, 800],
  ];
  for (const [edit, width, height] of cases) {
    test(Object.keys(edit)[0] + ' ' + JSON.stringify(Object.values(edit)[0]), async () => {
      const r = await image({ key: 'hero.jpg', edits: [edit] });
      assert.equal(r.meta.width, width);
      assert.equal(r.meta.height, height);
    });
  }
  test('trim and flatten on the transparent logo', async () => {
    const trimmed = await image({ key: 'logo.png', edits: [{ trim: true }], output: { format: 'png' } });
    assert.equal(trimmed.meta.width, 360);
    assert.equal(trimmed.meta.height, 260);
    const flat = await image({ key: 'logo.png', edits: [{ flatten: { background: 'white' } }], output: { format: 'png' } });
    assert.equal(flat.meta.hasAlpha, false);
  });
});

describe('outputs', () => {
  const formats = [
    ['jpeg', 'image/jpeg', 'jpeg'], ['png', 'image/png', 'png'], ['webp', 'image/webp', 'webp'],
    ['avif', 'image/avif', 'heif'], ['gif', 'image/gif', 'gif'], ['tiff', 'image/tiff', 'tiff'],
    ['heif', 'image/heif', 'heif'],
  ];
  test('jp2', async () => {
    // sharp's prebuilt libvips has no JPEG 2000: check the JP2 signature box instead.
    const r = await get(url({ key: 'logo.png', edits: { resize: { width: 100 } }, output: { format: 'jp2' } }));
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('content-type'), 'image/jp2');
    assert.equal(r.body.subarray(0, 12).toString('hex'), '0000000c6a5020200d0a870a');
  });
  // heif is AV1-coded on every host; HEVC only by option, where libheif has an HEVC encoder
  // (CONFORMANCE_NO_HEVC=1 for luna.wasm, which has none): otherwise a clear 415.
  if (env.CONFORMANCE_NO_HEVC === '1') {
    test('heif with compression hevc: 415 naming output.compression', async () => {
      await jsonError(url({ key: 'logo.png', output: { format: 'heif', compression: 'hevc' } }), 415, 'output.compression');
    });
  } else {
    test('heif with compression hevc', async () => {
      const r = await image({ key: 'logo.png', edits: { resize: { width: 100 } }, output: { format: 'heif', compression: 'hevc' } });
      assert.equal(r.headers.get('content-type'), 'image/heif');
      assert.equal(r.meta.format, 'heif');
      assert.equal(r.meta.compression, 'hevc');
    });
  }
  test('heif is AV1-coded by default', async () => {
    const r = await image({ key: 'logo.png', edits: { resize: { width: 100 } }, output: { format: 'heif' } });
    assert.equal(r.meta.compression, 'av1');
  });
  for (const [format, type, decoded] of formats) {
    test(format, async () => {
      const r = await image({ key: 'logo.png', edits: { resize: { width: 100 } }, output: { format, quality: 80 } });
      assert.equal(r.headers.get('content-type'), type);
      assert.equal(r.meta.format, decoded);
      assert.equal(r.meta.width, 100);
    });
  }
  test('format auto follows Accept and says Vary: Accept', async () => {
    const p = { key: 'hero.jpg', edits: { resize: { width: 80 } }, output: { format: 'auto' } };
    const avif = await get(url(p), { Accept: 'image/avif,image/webp,*/*' });
    assert.equal(avif.headers.get('content-type'), 'image/avif');
    assert.match(avif.headers.get('vary'), /Accept/);
    assert.equal((await get(url(p), { Accept: 'image/webp,*/*' })).headers.get('content-type'), 'image/webp');
    assert.equal((await get(url(p), { Accept: '*/*' })).headers.get('content-type'), 'image/jpeg');
    const alpha = { ...p, key: 'logo.png' };
    assert.equal((await get(url(alpha), { Accept: '*/*' })).headers.get('content-type'), 'image/png');
    assert.notEqual(avif.headers.get('etag'), (await get(url(p), { Accept: '*/*' })).headers.get('etag'));
  });
  test('metadata requests answer the JSON of the spec', async () => {
    const r = await get(url({ key: 'logo.png', metadata: true }));
    assert.equal(r.status, 200);
    const meta = JSON.parse(r.body.toString());
    assert.deepEqual(
      { width: meta.width, height: meta.height, format: meta.format, channels: meta.channels, hasAlpha: meta.hasAlpha },
      { width: 400, height: 300, format: 'png', channels: 4, hasAlpha: true });
    for (const field of ['space', 'orientation', 'density', 'isProgressive', 'pages', 'size']) {
      assert.ok(field in meta, field);
    }
  });
});

describe('capacity', () => {
  test('beyond the queue, requests get 503 with Retry-After, and nothing breaks', async () => {
    const heavy = (i) => url({ key: 'big.png', edits: [{ resize: { width: 2000 + i } }, { blur: 20 }], output: { format: 'png' } });
    const results = await Promise.all(Array.from({ length: 24 }, (_, i) => get(heavy(i))));
    const busy = results.filter((r) => r.status === 503);
    assert.ok(busy.length > 0, `statuses: ${results.map((r) => r.status).join(',')}`);
    for (const r of busy) assert.ok(Number(r.headers.get('retry-after')) >= 1);
    for (const r of results) assert.ok([200, 503].includes(r.status), `${r.status}: ${r.body.toString().slice(0, 300)}`);
    assert.equal((await get(url({ key: 'hero.jpg', edits: { resize: { width: 10 } } }))).status, 200);
  });
});

// The product as a user meets it: the SDK against the running stack, images delivered
// through the CDN cache (Varnish), usage counted by the control plane.
//   E2E_API (control plane), E2E_EDGE (Varnish), E2E_API_KEY, E2E_EDGE_TOKEN
//   E2E_API2: a second control-plane replica on the same PostgreSQL database; then every
//   other API request goes to it, and the replica tests below run
import { randomBytes } from 'node:crypto';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { before, describe, test } from 'node:test';

import { Immagin, ImmaginError } from '../../sdk/typescript/dist/esm/index.js';

const sharp = createRequire(new URL('../package.json', import.meta.url))('sharp');
const { E2E_API: api, E2E_API2: api2, E2E_API_KEY: apiKey, E2E_EDGE_TOKEN: edgeToken } = process.env;
// Two replicas: requests to the API alternate between them, as behind a load balancer.
let turn = 0;
const alternating = (input, init) => {
  const url = String(input);
  const other = api2 && url.startsWith(api) && turn++ % 2 === 1;
  return fetch(other ? api2 + url.slice(api.length) : url, init);
};
const client = new Immagin({ apiKey, baseUrl: api, fetch: alternating });

async function photo(width, height) {
  const px = Buffer.alloc(width * height * 3);
  for (let i = 0; i < width * height; i++) {
    const x = i % width, y = Math.floor(i / width);
    px[i * 3] = (x * 255) / width; px[i * 3 + 1] = (y * 255) / height; px[i * 3 + 2] = 120;
  }
  return new Uint8Array(await sharp(px, { raw: { width, height, channels: 3 } }).jpeg().toBuffer());
}

async function get(url, init) {
  const r = await fetch(url, init);
  const body = Buffer.from(await r.arrayBuffer());
  return { status: r.status, headers: r.headers, body, meta: r.status === 200 && body.length ? await sharp(body).metadata().catch(() => null) : null };
}

async function usage() {
  const r = await alternating(`${api}/v1/usage`, { headers: { Authorization: `Bearer ${apiKey}` } });
  assert.equal(r.status, 200);
  return (await r.json()).uniqueTransforms;
}

async function eventually(check, what, ms = 10_000) {
  const end = Date.now() + ms;
  for (;;) {
    if (await check()) return;
    if (Date.now() > end) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

before(async () => {
  const uploaded = await client.images.upload(await photo(1600, 1200), 'e2e/hero.jpg');
  assert.equal(uploaded.key, 'e2e/hero.jpg');
});

describe('delivery through the CDN', () => {
  test('upload → url → a transformed image with immutable headers; the repeat is a hit, counted once', async () => {
    const before = await usage();
    const url = await client.images.url('e2e/hero.jpg', [{ resize: { width: 400 } }]);
    const miss = await get(url);
    assert.equal(miss.status, 200);
    assert.equal(miss.headers.get('content-type'), 'image/webp');
    assert.equal(miss.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    assert.equal(miss.headers.get('x-cache'), 'MISS');
    assert.equal(miss.meta.width, 400);
    assert.equal(miss.meta.height, 300);
    const hit = await get(url);
    assert.equal(hit.headers.get('x-cache'), 'HIT');
    assert.match(hit.headers.get('x-varnish'), /^\d+ \d+$/);
    await eventually(async () => (await usage()) === before + 1, 'the usage event');
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(await usage(), before + 1, 'the hit was not billed');
  });

  test('the same URL with one byte changed is 403', async () => {
    const url = await client.images.url('e2e/hero.jpg', [{ resize: { width: 401 } }]);
    const i = url.indexOf('?') - 5;
    const tampered = url.slice(0, i) + (url[i] === 'A' ? 'B' : 'A') + url.slice(i + 1);
    assert.equal((await get(tampered)).status, 403);
  });

  test('an expiring URL (expiresIn) is cached only until exp, then 410 through the CDN', async () => {
    const url = await client.images.url('e2e/hero.jpg', [{ resize: { width: 320 } }], undefined, { expiresIn: 2 });
    const exp = JSON.parse(Buffer.from(new URL(url).pathname.split('/').pop(), 'base64url').toString()).exp;
    const fresh = await get(url);
    assert.equal(fresh.status, 200);
    assert.equal(fresh.meta.width, 320);
    const maxAge = Number(fresh.headers.get('cache-control').match(/max-age=(\d+)/)?.[1]);
    assert.ok(maxAge <= 2, `max-age ${maxAge} outlives exp`);
    assert.doesNotMatch(fresh.headers.get('cache-control'), /immutable/);
    await new Promise((r) => setTimeout(r, Math.max(0, exp * 1000 - Date.now()) + 1100));
    assert.equal((await get(url)).status, 410);
  });

  test('metadata', async () => {
    const meta = await client.images.metadata('e2e/hero.jpg');
    assert.equal(meta.width, 1600);
    assert.equal(meta.height, 1200);
    assert.equal(meta.format, 'jpeg');
    assert.equal(meta.hasAlpha, false);
  });

  test('responsive srcset widths', async () => {
    const srcset = await client.images.srcset('e2e/hero.jpg', [400, 800, 1200, 1600]);
    for (const entry of srcset.split(', ')) {
      const [url, descriptor] = entry.split(' ');
      const r = await get(url);
      assert.equal(`${r.meta.width}w`, descriptor);
    }
  });
});

describe('the product page examples', () => {
  test('OG image: 1200×630 with the title', async () => {
    const r = await get(await client.images.url('e2e/hero.jpg', [
      { resize: { width: 1200, height: 630, fit: 'cover' } },
      { text: { text: 'Hello from the edge', fontSize: 48, position: 'bottom-left', color: 'white', padding: 40 } },
    ]));
    assert.deepEqual([r.meta.width, r.meta.height], [1200, 630]);
  });
  test('avatar: 256×256 attention crop', async () => {
    const r = await get(await client.images.url('e2e/hero.jpg', [{ resize: { width: 256, height: 256, fit: 'cover', position: 'attention' } }]));
    assert.deepEqual([r.meta.width, r.meta.height], [256, 256]);
  });
  test('LQIP: 20 px wide, under 1 KB', async () => {
    const r = await get(await client.images.url('e2e/hero.jpg', [{ resize: { width: 20 } }, { blur: 10 }]));
    assert.equal(r.meta.width, 20);
    assert.ok(r.body.length < 1024, `${r.body.length} bytes`);
  });
  test('product: trim, normalize, 600×600 contain on white, sharpen; gallery thumbnails', async () => {
    const product = await get(await client.images.url('e2e/hero.jpg', [
      { trim: { threshold: 15 } }, { normalize: { lower: 1, upper: 99 } },
      { resize: { width: 600, height: 600, fit: 'contain', background: '#ffffff' } }, { sharpen: 1 },
    ]));
    assert.deepEqual([product.meta.width, product.meta.height], [600, 600]);
    const thumb = await get(await client.images.url('e2e/hero.jpg', [{ resize: { width: 300, height: 300 } }, { sharpen: 1 }], { format: 'jpeg', quality: 85 }));
    assert.equal(thumb.headers.get('content-type'), 'image/jpeg');
    assert.deepEqual([thumb.meta.width, thumb.meta.height], [300, 300]);
  });
});

describe('the new recipes', () => {
  test('retina avatar: 128×128 CSS pixels at dpr 2 is 256×256', async () => {
    const r = await get(await client.images.url('e2e/hero.jpg', [{ resize: { width: 128, height: 128, position: 'attention', dpr: 2 } }]));
    assert.deepEqual([r.meta.width, r.meta.height], [256, 256]);
  });

  test('a focal point keeps the subject in a square crop; animated: false keeps the first frame', async () => {
    // hero.jpg's red grows to the right: a tall strip around x 0.9 is far redder than one
    // around x 0.1 (the 100×400 crop of the 533×400 cover scale).
    const strip = async (x) => {
      const r = await get(await client.images.url('e2e/hero.jpg', [{ resize: { width: 100, height: 400, position: { x, y: 0.5 } } }], { format: 'png' }));
      assert.deepEqual([r.meta.width, r.meta.height], [100, 400]);
      return (await sharp(r.body).stats()).channels[0].mean;
    };
    const [right, left] = [await strip(0.9), await strip(0.1)];
    assert.ok(right > left + 150, `red mean ${right} at x 0.9, ${left} at x 0.1`);
    const frames = Buffer.alloc(40 * 60 * 3);
    for (let i = 0; i < 40 * 60; i++) frames[i * 3 + Math.floor(i / (40 * 20))] = 255;
    const gif = await sharp(frames, { raw: { width: 40, height: 60, channels: 3, pageHeight: 20 } }).gif().toBuffer();
    await client.images.upload(new Uint8Array(gif), 'e2e/spinner.gif');
    const still = await get(await client.images.url('e2e/spinner.gif', [], { format: 'webp', animated: false }));
    const moving = await get(await client.images.url('e2e/spinner.gif', [], { format: 'webp' }));
    assert.equal(still.meta.pages ?? 1, 1);
    assert.equal(moving.meta.pages, 3);
  });

  test('product shot with a logo overlay; replacing the logo purges the shot at the CDN', async () => {
    const logo = async (r, g, b) => new Uint8Array(await sharp({ create: { width: 120, height: 60, channels: 4, background: { r, g, b, alpha: 1 } } }).png().toBuffer());
    await client.images.upload(await logo(255, 0, 0), 'e2e/brand/logo.png');
    const url = await client.images.url('e2e/hero.jpg', [
      { resize: { width: 600, height: 600, fit: 'cover' } },
      { image: { key: 'e2e/brand/logo.png', width: 120, position: 'bottom-right', padding: 20 } },
    ], { format: 'png' });
    const corner = async () => {
      const r = await get(url);
      assert.equal(r.status, 200);
      const { data, info } = await sharp(r.body).raw().toBuffer({ resolveWithObject: true });
      const i = ((600 - 20 - 30) * info.width + (600 - 20 - 60)) * info.channels;
      return { cache: r.headers.get('x-cache'), rgb: [data[i], data[i + 1], data[i + 2]] };
    };
    const first = await corner();
    assert.deepEqual(first.rgb, [255, 0, 0]);
    assert.equal((await corner()).cache, 'HIT');
    await client.images.upload(await logo(0, 0, 255), 'e2e/brand/logo.png');
    await eventually(async () => (await corner()).rgb[2] === 255, 'the shot with the new logo');
    // Deleting the logo purges the shot too: the next request renders again and finds no logo.
    await client.images.delete('e2e/brand/logo.png');
    await eventually(async () => {
      const r = await get(url);
      return r.status === 404 && /edits\[1\]\.image\.key/.test(r.body.toString());
    }, 'a 404 naming the deleted logo');
  });

  test('hero with its ThumbHash placeholder: the same variant, hash and data URL', async () => {
    const edits = [{ resize: { width: 1200, height: 500, fit: 'cover' } }];
    const placeholder = await client.images.placeholder('e2e/hero.jpg', edits);
    assert.deepEqual([placeholder.width, placeholder.height], [1200, 500]);
    assert.ok(Buffer.from(placeholder.thumbhash, 'base64').length >= 5);
    const preview = await sharp(Buffer.from(placeholder.dataUrl.split(',')[1], 'base64')).metadata();
    assert.equal(preview.format, 'png');
    assert.ok(preview.width > preview.height, 'the placeholder keeps the hero\'s landscape shape');
    const hero = await get(await client.images.url('e2e/hero.jpg', edits));
    assert.deepEqual([hero.meta.width, hero.meta.height], [1200, 500]);
  });
});

describe('images and keys', () => {
  test('list with prefix and cursor', async () => {
    const small = await photo(64, 48);
    for (const name of ['a', 'b', 'c']) await client.images.upload(small, `e2e/list/${name}.jpg`);
    const first = await client.images.list({ prefix: 'e2e/list/', limit: 2 });
    assert.equal(first.images.length, 2);
    assert.ok(first.nextCursor);
    const second = await client.images.list({ prefix: 'e2e/list/', limit: 2, cursor: first.nextCursor });
    assert.deepEqual([...first.images, ...second.images].map((i) => i.key), ['e2e/list/a.jpg', 'e2e/list/b.jpg', 'e2e/list/c.jpg']);
    assert.ok(first.images.every((i) => i.size > 0 && i.lastModified));
  });

  test('delete, then a new transform of that key is 404', async () => {
    await client.images.upload(await photo(64, 48), 'e2e/gone.jpg');
    assert.equal((await get(await client.images.url('e2e/gone.jpg', [{ resize: { width: 32 } }]))).status, 200);
    await client.images.delete('e2e/gone.jpg');
    assert.equal((await get(await client.images.url('e2e/gone.jpg', [{ resize: { width: 31 } }]))).status, 404);
  });

  test('a rotated secret signs working URLs at once, though the edge cached the old config', async () => {
    assert.equal((await get(await client.images.url('e2e/hero.jpg', [{ resize: { width: 123 } }]))).status, 200);
    const rotated = await fetch(`${api}/v1/project/rotate-secret`, {
      method: 'POST', headers: { Authorization: `Bearer ${apiKey}` },
    });
    assert.equal(rotated.status, 200);
    // The edge asks the control plane again at most once a second per tenant.
    await new Promise((r) => setTimeout(r, 1100));
    const fresh = new Immagin({ apiKey, baseUrl: api }); // signs with the new secret
    const r = await get(await fresh.images.url('e2e/hero.jpg', [{ resize: { width: 124 } }]));
    assert.equal(r.status, 200, r.body.toString());
    assert.equal(r.meta.width, 124);
  });

  test('keys: create, list, revoke; the revoked key is refused', async () => {
    const created = await client.keys.create({ name: 'temporary' });
    assert.match(created.key, /^imk_[A-Za-z0-9]{22,}$/);
    assert.equal(created.prefix, created.key.slice(0, 8));
    const listed = await client.keys.list();
    assert.ok(listed.some((k) => k.id === created.id && k.prefix === created.prefix && !('key' in k)));
    const other = new Immagin({ apiKey: created.key, baseUrl: api });
    assert.ok(Array.isArray((await other.images.list({ limit: 1 })).images));
    await client.keys.revoke(created.id);
    await assert.rejects(other.images.list({ limit: 1 }), (e) => e instanceof ImmaginError && e.status === 401);
  });
});

describe('two control-plane replicas on one PostgreSQL database', { skip: !api2 && 'one replica' }, () => {
  const first = new Immagin({ apiKey, baseUrl: api });
  const second = new Immagin({ apiKey, baseUrl: api2 });

  test('uploaded through one, listed and deleted through the other', async () => {
    await first.images.upload(await photo(80, 60), 'e2e/replicas/one.jpg');
    const listed = await second.images.list({ prefix: 'e2e/replicas/' });
    assert.deepEqual(listed.images.map((i) => i.key), ['e2e/replicas/one.jpg']);
    assert.equal((await get(await second.images.url('e2e/replicas/one.jpg', [{ resize: { width: 40 } }]))).meta.width, 40);
    await second.images.delete('e2e/replicas/one.jpg');
    assert.deepEqual((await first.images.list({ prefix: 'e2e/replicas/' })).images, []);
    assert.equal((await get(await first.images.url('e2e/replicas/one.jpg', [{ resize: { width: 41 } }]))).status, 404);
  });

  test('a URL presigned by one replica uploads through the other', async () => {
    const r = await fetch(`${api}/v1/images/presign`, {
      method: 'POST', headers: { Authorization: `Bearer ${apiKey}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ key: 'e2e/replicas/presigned.jpg' }),
    });
    assert.equal(r.status, 200);
    const { uploadUrl } = await r.json();
    assert.ok(uploadUrl.startsWith(api), uploadUrl);
    const put = await fetch(api2 + uploadUrl.slice(api.length), { method: 'PUT', body: await photo(32, 24) });
    assert.equal(put.status, 201, await put.text());
    const listed = await first.images.list({ prefix: 'e2e/replicas/' });
    assert.deepEqual(listed.images.map((i) => i.key), ['e2e/replicas/presigned.jpg']);
  });

  test('the same usage batch sent to both replicas is counted once', async () => {
    // Luna flushes the earlier tests' renders every 200 ms: start from a settled count.
    let before = await usage();
    for (let settled = false; !settled;) {
      await new Promise((r) => setTimeout(r, 500));
      const now = await usage();
      settled = now === before;
      before = now;
    }
    const batch = JSON.stringify({
      batchId: `replicas-${randomBytes(8).toString('hex')}`,
      events: [{ tenant: 'e2e-co', transformId: randomBytes(16).toString('hex'), bytes: 100, ms: 3, time: Math.floor(Date.now() / 1000) }],
    });
    const send = (base) => fetch(`${base}/internal/v1/usage`, {
      method: 'POST', headers: { Authorization: `Bearer ${edgeToken}`, 'Content-Type': 'application/json' }, body: batch,
    }).then((r) => r.json());
    const [a, b] = await Promise.all([send(api), send(api2)]);
    assert.equal((a.counted ?? 0) + (b.counted ?? 0), 1, JSON.stringify([a, b]));
    assert.equal([a, b].filter((r) => r.duplicateBatch).length, 1, JSON.stringify([a, b]));
    assert.equal(await usage(), before + 1);
    assert.equal(await usage(), before + 1, 'the other replica sees the same count');
  });
});

// Luna behind the CDN cache (Varnish locally): a repeated request is a hit that never
// reaches Luna and is never billed; errors are not cached; `auto` variants are kept apart.
//   LUNA_BASE_URL (the cache), CONFORMANCE_TENANT/_SECRET, LUNA_USAGE_JOURNAL: where the
//   host's usage events land, one JSON line each (luna-server's pending.jsonl) or one batch
//   {"events": [...]} per line (what the control plane received from a worker);
//   CONFORMANCE_USAGE_SETTLE_MS: how long events take to get there (batched hosts wait).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

import { deliveryUrl } from './mint.mjs';

const env = process.env;
const url = (payload) => deliveryUrl(env.LUNA_BASE_URL, env.CONFORMANCE_TENANT, env.CONFORMANCE_SECRET, payload);
const journaled = () => {
  let text = '';
  try {
    text = readFileSync(env.LUNA_USAGE_JOURNAL, 'utf8');
  } catch {
    return 0; // nothing recorded yet
  }
  return text.split('\n').filter(Boolean).reduce((n, line) => n + (JSON.parse(line).events?.length ?? 1), 0);
};
const settle = () => new Promise((r) => setTimeout(r, Number(env.CONFORMANCE_USAGE_SETTLE_MS ?? 50)));

test('the second request is a cache hit and is not billed', async () => {
  const target = url({ key: 'hero.jpg', edits: [{ resize: { width: 222 } }] });
  const before = journaled();
  const miss = await fetch(target);
  assert.equal(miss.status, 200);
  assert.equal(miss.headers.get('x-cache'), 'MISS');
  const body = Buffer.from(await miss.arrayBuffer());
  await settle();
  assert.equal(journaled(), before + 1);
  const hit = await fetch(target);
  assert.equal(hit.status, 200);
  assert.equal(hit.headers.get('x-cache'), 'HIT');
  assert.match(hit.headers.get('x-varnish'), /^\d+ \d+$/, 'Varnish names the request and the object it hit');
  assert.equal(hit.headers.get('cache-control'), 'public, max-age=31536000, immutable');
  assert.deepEqual(Buffer.from(await hit.arrayBuffer()), body);
  await settle();
  assert.equal(journaled(), before + 1, 'a hit never reaches Luna');
});

test('errors are not cached', async () => {
  const target = url({ key: 'missing-for-cache.jpg' });
  for (let i = 0; i < 2; i++) {
    const r = await fetch(target);
    assert.equal(r.status, 404);
    assert.equal(r.headers.get('x-cache'), 'MISS');
  }
});

test('auto format variants are cached apart, by normalised Accept', async () => {
  const target = url({ key: 'hero.jpg', edits: { resize: { width: 123 } }, output: { format: 'auto' } });
  const avif = await fetch(target, { headers: { Accept: 'image/avif,image/webp,*/*;q=0.8' } });
  assert.equal(avif.headers.get('content-type'), 'image/avif');
  const webp = await fetch(target, { headers: { Accept: 'image/webp,*/*' } });
  assert.equal(webp.headers.get('content-type'), 'image/webp');
  assert.equal(webp.headers.get('x-cache'), 'MISS');
  // Another browser's spelling of "AVIF please" is the same variant: a hit.
  const again = await fetch(target, { headers: { Accept: 'image/avif,*/*' } });
  assert.equal(again.headers.get('content-type'), 'image/avif');
  assert.equal(again.headers.get('x-cache'), 'HIT');
});

test('HEAD through the cache carries the real Content-Length', async () => {
  const target = url({ key: 'hero.jpg', edits: [{ resize: { width: 223 } }] });
  const get = await fetch(target);
  const size = (await get.arrayBuffer()).byteLength;
  const head = await fetch(target, { method: 'HEAD' });
  assert.equal(head.status, 200);
  assert.equal(Number(head.headers.get('content-length')), size);
});

// A URL signed with `exp` must stop working everywhere at `exp`: Luna says 410, and no
// cache may keep answering 200 from a copy (SPEC §5).
import assert from 'node:assert/strict';
import { before, test } from 'node:test';

import { attacker, attackerAuth, env, get, photo, signer } from './stack_client.mjs';

let sign;
before(async () => {
  await attacker.images.upload(await photo(320, 240), 'exp/hero.jpg');
  sign = await signer(attackerAuth);
});

test('ExpiredUrlIsNotServedFromCache', async () => {
  const exp = Math.floor(Date.now() / 1000) + 4;
  const url = sign(env.edge, { key: 'exp/hero.jpg', edits: [{ resize: { width: 80 } }], exp });
  const first = await get(url);
  assert.equal(first.status, 200, first.text);
  const cacheControl = first.headers.get('cache-control');
  assert.doesNotMatch(cacheControl, /immutable/);
  const maxAge = Number(/max-age=(\d+)/.exec(cacheControl)?.[1]);
  assert.ok(maxAge >= 1 && maxAge <= 4, cacheControl);
  assert.equal((await get(url)).headers.get('x-cache'), 'HIT');

  await new Promise((r) => setTimeout(r, (exp + 1) * 1000 - Date.now()));
  const after = await get(url);
  assert.equal(after.status, 410, `${after.headers.get('x-cache')} ${after.text.slice(0, 200)}`);
  assert.equal(after.headers.get('cache-control'), 'no-store');
});

test('UrlWithoutExpiryIsImmutable', async () => {
  const r = await get(sign(env.edge, { key: 'exp/hero.jpg', edits: [{ resize: { width: 81 } }] }));
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('cache-control'), 'public, max-age=31536000, immutable');
});

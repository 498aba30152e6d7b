// "Caches are told": deleting or replacing an original, or deleting or suspending its
// project, removes its transforms from the CDN within seconds (SPEC §5), or a deleted
// image keeps being served for a year.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { before, describe, test } from 'node:test';

import { Immagin } from '../../../sdk/typescript/dist/esm/index.js';
import { attacker, attackerAuth, env, eventually, get, photo, sharp, signer, victim, victimAuth } from './stack_client.mjs';

let sign;
before(async () => {
  sign = await signer(attackerAuth);
});

async function cached(url) {
  const first = await get(url);
  assert.equal(first.status, 200, first.text);
  const second = await get(url);
  assert.equal(second.headers.get('x-cache'), 'HIT');
  return second;
}

describe('purges reach the CDN', () => {
  test('DeletedOriginalIsPurgedFromTheCdn', async () => {
    await attacker.images.upload(await photo(200, 150), 'purge/deleted.jpg');
    const url = sign(env.edge, { key: 'purge/deleted.jpg', edits: [{ resize: { width: 50 } }] });
    await cached(url);
    const deleted = Date.now();
    await attacker.images.delete('purge/deleted.jpg');
    await eventually(async () => (await get(url)).status === 404, 'a 404 at the CDN', 2000);
    console.log(`# deleted original gone from Varnish after ${Date.now() - deleted} ms`);
  });

  test('ReplacedOriginalServesTheNewBytes', async () => {
    await attacker.images.upload(await photo(200, 150, { tint: 0 }), 'purge/replaced.jpg');
    const url = sign(env.edge, { key: 'purge/replaced.jpg', edits: [{ resize: { width: 40 } }], output: { format: 'png' } });
    const old = await cached(url);
    const blue = async (body) => (await sharp(body).stats()).channels[2].mean;
    assert.ok((await blue(old.body)) < 40);
    const replaced = Date.now();
    await attacker.images.upload(await photo(200, 150, { tint: 255 }), 'purge/replaced.jpg');
    await eventually(async () => {
      const r = await get(url);
      return r.status === 200 && (await blue(r.body)) > 200;
    }, 'the new bytes at the CDN', 2000);
    console.log(`# replaced original served anew by Varnish after ${Date.now() - replaced} ms`);
  });

  test('SuspendedProjectIsPurgedFromTheCdn', async () => {
    await victim.images.upload(await photo(120, 90), 'purge/suspended.jpg');
    const url = (await signer(victimAuth))(env.edge, { key: 'purge/suspended.jpg', edits: [{ resize: { width: 30 } }] });
    await cached(url);
    execFileSync(env.admin, ['suspend-project', '--tenant', 'victim-co'], { env: { ...process.env, IMMAGIN_DATA_DIR: env.data } });
    try {
      // The edges keep a tenant config up to 30 s; the control plane purges again after it.
      await eventually(async () => (await get(url)).status === 403, 'a 403 at the CDN', 15_000);
    } finally {
      execFileSync(env.admin, ['resume-project', '--tenant', 'victim-co'], { env: { ...process.env, IMMAGIN_DATA_DIR: env.data } });
    }
  });
});

test('DeletedProjectIsPurgedFromTheCdn', async () => {
  const admin = (...args) => execFileSync(env.admin, args, { env: { ...process.env, IMMAGIN_DATA_DIR: env.data } }).toString();
  admin('create-project', '--tenant', 'doomed-co');
  const apiKey = /"key":"(imk_[A-Za-z0-9]+)"/.exec(admin('create-key', '--tenant', 'doomed-co'))[1];
  const doomed = new Immagin({ apiKey, baseUrl: env.api });
  await doomed.images.upload(await photo(120, 90), 'gone.jpg');
  const url = (await signer({ Authorization: `Bearer ${apiKey}` }))(env.edge, { key: 'gone.jpg', edits: [{ resize: { width: 30 } }] });
  await cached(url);
  admin('delete-project', '--tenant', 'doomed-co');
  await eventually(async () => [403, 404].includes((await get(url)).status), 'a 404 at the CDN', 15_000);
});

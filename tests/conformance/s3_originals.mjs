// luna-server reading originals from S3-compatible storage (s3rver on loopback), with
// SigV4-signed GETs: images render, a missing key is 404, replacing an object changes the
// ETag, and credentials the storage refuses give a 503, not a crash. (s3rver checks the
// access key id; it does not verify the signature itself.)
//   node s3_originals.mjs LUNA_SERVER_BINARY
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { deliveryUrl } from './mint.mjs';

const S3rver = createRequire(new URL('../package.json', import.meta.url))('s3rver');
const [serverBinary] = process.argv.slice(2);
const here = fileURLToPath(new URL('.', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 's3-originals-'));
const freePort = () => new Promise((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
});

execFileSync('node', [join(here, 'fixtures.mjs'), join(work, 'fixtures'), 'demo-co']);
const s3Port = await freePort();
const s3 = new S3rver({ port: s3Port, address: '127.0.0.1', silent: true, directory: join(work, 's3'),
  configureBuckets: [{ name: 'originals' }] });
await s3.run();
const endpoint = `http://127.0.0.1:${s3Port}`;
const put = async (key, bytes) => {
  const r = await fetch(`${endpoint}/originals/${key.split('/').map(encodeURIComponent).join('/')}`, { method: 'PUT', body: bytes });
  assert.equal(r.status, 200, await r.text());
};
await put('live/demo-co/hero.jpg', readFileSync(join(work, 'fixtures', 'demo-co', 'hero.jpg')));
await put('live/demo-co/photos/été 1.jpg', readFileSync(join(work, 'fixtures', 'demo-co', 'photos', 'été 1.jpg')));

const secret = Buffer.alloc(32, 3).toString('base64url');
writeFileSync(join(work, 'tenants.json'), JSON.stringify({ tenants: [{ tenant: 'demo-co', secrets: [{ id: 's1', secret }] }] }));

async function withEdge(credentials, fn) {
  const port = await freePort();
  const edge = spawn(serverBinary, ['--listen', `127.0.0.1:${port}`, '--tenants-file', join(work, 'tenants.json'),
    '--s3-endpoint', endpoint, '--s3-bucket', 'originals', '--s3-prefix', 'live/', '--data-dir', join(work, 'data')],
  { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, ...credentials } });
  try {
    execFileSync('node', [join(here, 'wait_healthy.mjs'), `http://127.0.0.1:${port}/healthz`]);
    await fn(`http://127.0.0.1:${port}`);
  } finally {
    edge.kill('SIGTERM');
    await new Promise((r) => edge.once('exit', r));
  }
}

try {
  await withEdge({ LUNA_S3_ACCESS_KEY_ID: 'S3RVER', LUNA_S3_SECRET_ACCESS_KEY: 'S3RVER' }, async (base) => {
    const url = (payload) => deliveryUrl(base, 'demo-co', secret, payload);
    const first = await fetch(url({ key: 'hero.jpg', edits: { resize: { width: 100 } } }));
    assert.equal(first.status, 200, await first.clone().text());
    assert.equal(first.headers.get('content-type'), 'image/webp');
    assert.equal((await fetch(url({ key: 'photos/été 1.jpg', edits: { resize: { width: 50 } } }))).status, 200);
    const missing = await fetch(url({ key: 'nope.jpg' }));
    assert.equal(missing.status, 404);

    // A replaced original is a new version: same URL, new ETag.
    await put('live/demo-co/hero.jpg', readFileSync(join(work, 'fixtures', 'demo-co', 'logo.png')));
    const second = await fetch(url({ key: 'hero.jpg', edits: { resize: { width: 100 } } }));
    assert.equal(second.status, 200);
    assert.notEqual(second.headers.get('etag'), first.headers.get('etag'));
  });
  await withEdge({ LUNA_S3_ACCESS_KEY_ID: 'NOT-A-KEY', LUNA_S3_SECRET_ACCESS_KEY: 'wrong' }, async (base) => {
    const r = await fetch(deliveryUrl(base, 'demo-co', secret, { key: 'hero.jpg' }));
    assert.equal(r.status, 503, 'the storage refused the signature');
  });
  console.log('s3_originals: luna-server reads originals from S3-compatible storage with SigV4');
} finally {
  await s3.close();
  rmSync(work, { recursive: true, force: true });
}

// An edge reading originals from S3-compatible storage (s3rver on loopback), with
// SigV4-signed GETs: images render, a missing key is 404, replacing an object changes the
// ETag, and credentials the storage refuses give a 503, not a crash. (s3rver checks the
// access key id; it does not verify the signature itself.) The edge is luna-server, or
// luna.wasm in workerd (edge/worker) with its tenants from internal_api.mjs.
//   node s3_originals.mjs LUNA_SERVER_BINARY|LUNA_WASM
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

// luna.wasm in workerd: config.capnp expects the module at ../../build/wasm/edge/wasm.
function spawnWorker(port, credentials) {
  const worker = join(work, 'w', 'edge', 'worker');
  const modules = join(work, 'w', 'build', 'wasm', 'edge', 'wasm');
  mkdirSync(worker, { recursive: true });
  mkdirSync(modules, { recursive: true });
  const source = join(here, '..', '..', 'edge', 'worker');
  for (const f of readdirSync(source).filter((f) => f.endsWith('.js') || f.endsWith('.capnp'))) {
    copyFileSync(join(source, f), join(worker, f));
  }
  copyFileSync(serverBinary, join(modules, 'luna.wasm'));
  const api = spawn('node', [join(here, 'internal_api.mjs'), join(work, 'tenants.json'), join(work, 'fixtures'),
    join(work, 'usage.jsonl'), 'edge-token'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const edge = { kill: () => {}, once: () => {} };
  const started = new Promise((resolve) => api.stdout.once('data', (d) => {
    const w = spawn(join(source, 'node_modules', '.bin', 'workerd'), ['serve', join(worker, 'config.capnp'),
      '--socket-addr', `http=127.0.0.1:${port}`], { stdio: ['ignore', 'ignore', 'inherit'], env: {
      ...process.env, ...credentials, LUNA_CONTROL_PLANE_URL: `http://127.0.0.1:${String(d).trim()}`,
      LUNA_EDGE_TOKEN: 'edge-token', LUNA_S3_ENDPOINT: endpoint, LUNA_S3_BUCKET: 'originals', LUNA_S3_PREFIX: 'live/' } });
    edge.kill = () => { w.kill('SIGTERM'); api.kill('SIGTERM'); };
    edge.once = (event, callback) => w.once(event, callback);
    resolve();
  }));
  return { edge, started };
}

async function withEdge(credentials, fn) {
  const port = await freePort();
  let edge;
  if (serverBinary.endsWith('.wasm')) {
    const worker = spawnWorker(port, credentials);
    await worker.started;
    edge = worker.edge;
  } else {
    edge = spawn(serverBinary, ['--listen', `127.0.0.1:${port}`, '--tenants-file', join(work, 'tenants.json'),
      '--s3-endpoint', endpoint, '--s3-bucket', 'originals', '--s3-prefix', 'live/', '--data-dir', join(work, 'data')],
    { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, ...credentials } });
  }
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
  console.log(`s3_originals: ${serverBinary.endsWith('.wasm') ? 'luna.wasm in workerd' : 'luna-server'} reads originals from S3-compatible storage with SigV4`);
} finally {
  await s3.close();
  rmSync(work, { recursive: true, force: true });
}

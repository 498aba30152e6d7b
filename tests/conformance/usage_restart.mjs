// luna-server against a stand-in control plane (tenants, originals, usage ingestion on its
// internal API): usage events survive an unreachable control plane and a kill -9 of the
// edge, and arrive exactly once (by batch id) after the restart.
//   node usage_restart.mjs LUNA_SERVER_BINARY
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';

import { deliveryUrl } from './mint.mjs';

const [serverBinary] = process.argv.slice(2);
const here = fileURLToPath(new URL('.', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'usage-restart-'));
const token = 'edge-token-for-tests';
const secret = Buffer.alloc(32, 7).toString('base64url');
execFileSync('node', [join(here, 'fixtures.mjs'), join(work, 'originals'), 'demo-co']);

let usageUp = false;
const batches = new Map(); // batchId → events
const freePort = () => new Promise((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
});

const controlPlane = createServer((req, res) => {
  if (req.headers.authorization !== `Bearer ${token}`) { res.writeHead(401).end(); return; }
  const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  if (req.method === 'GET' && path === '/internal/v1/tenants/demo-co') {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ tenant: 'demo-co', state: 'active', secrets: [{ id: 's1', secret, validUntil: null }] }));
  } else if (req.method === 'GET' && path.startsWith('/internal/v1/originals/demo-co/')) {
    try {
      const bytes = readFileSync(join(work, 'originals', 'demo-co', path.slice('/internal/v1/originals/demo-co/'.length)));
      res.writeHead(200, { ETag: `"v${bytes.length}"` }).end(bytes);
    } catch {
      res.writeHead(404).end();
    }
  } else if (req.method === 'POST' && path === '/internal/v1/usage') {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => {
      if (!usageUp) { res.writeHead(503).end(); return; }
      const batch = JSON.parse(body);
      const duplicate = batches.has(batch.batchId);
      batches.set(batch.batchId, batch.events);
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ received: batch.events.length, duplicateBatch: duplicate }));
    });
  } else {
    res.writeHead(404).end();
  }
});
const cpPort = await freePort();
await new Promise((resolve) => controlPlane.listen(cpPort, '127.0.0.1', resolve));
const edgePort = await freePort();
const base = `http://127.0.0.1:${edgePort}`;

function startEdge() {
  const child = spawn(serverBinary, ['--listen', `127.0.0.1:${edgePort}`, '--control-plane-url', `http://127.0.0.1:${cpPort}`,
    '--edge-token', token, '--data-dir', join(work, 'data'), '--usage-flush-ms', '100'], { stdio: ['ignore', 'ignore', 'inherit'] });
  execFileSync('node', [join(here, 'wait_healthy.mjs'), `${base}/healthz`]);
  return child;
}
const events = () => [...batches.values()].flat();
const waitFor = async (predicate, ms = 10_000) => {
  const end = Date.now() + ms;
  while (Date.now() < end && !predicate()) await new Promise((r) => setTimeout(r, 50));
};

try {
  let edge = startEdge();
  const widths = [101, 102, 103, 104, 105];
  for (const width of widths) {
    const r = await fetch(deliveryUrl(base, 'demo-co', secret, { key: 'photos/été 1.jpg', edits: { resize: { width } } }));
    assert.equal(r.status, 200, await r.text());
  }
  await new Promise((r) => setTimeout(r, 400)); // the sender tries and fails meanwhile
  assert.equal(events().length, 0, 'nothing delivered while the control plane is down');
  edge.kill('SIGKILL');
  await new Promise((r) => edge.once('exit', r));

  usageUp = true;
  edge = startEdge();
  await waitFor(() => events().length >= widths.length);
  assert.equal(events().length, widths.length, 'every event of the killed edge arrives once');
  assert.equal(new Set(events().map((e) => e.transformId)).size, widths.length);
  for (const e of events()) {
    assert.equal(e.tenant, 'demo-co');
    assert.match(e.transformId, /^[0-9a-f]{32}$/);
    assert.ok(e.bytes > 0 && e.ms >= 0 && e.time > 1.7e9);
  }

  const r = await fetch(deliveryUrl(base, 'demo-co', secret, { key: 'hero.jpg', edits: { resize: { width: 77 } } }));
  assert.equal(r.status, 200);
  await waitFor(() => events().length >= widths.length + 1);
  assert.equal(events().length, widths.length + 1, 'a new transform is delivered while running');

  edge.kill('SIGTERM');
  const code = await new Promise((r) => edge.once('exit', r));
  assert.equal(code, 0, 'graceful shutdown');
  console.log(`usage_restart: ${events().length} events in ${batches.size} batches, none lost or doubled`);
} finally {
  controlPlane.close();
  rmSync(work, { recursive: true, force: true });
}

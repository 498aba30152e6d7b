// The control plane hangs, then goes down, while originals come straight from S3 (s3rver):
// tenants the edge has seen keep rendering new transforms and answering repeat and
// conditional requests from their stale config, up to LUNA_TENANT_MAX_STALE_SECONDS, then a
// clear 503; a tenant it has never seen is a 503 within the timeout, never a hang; and once
// the control plane is back, rendering resumes.
//   tenant_outage.mjs BUILD_DIR luna-server|workerd [WASM_MODULE]
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { deliveryUrl } from '../conformance/mint.mjs';
import { freePort, reportFailure, sleep, startControlPlane, startEdge, stop, stopAll } from './stack_processes.mjs';

const require = createRequire(new URL('../package.json', import.meta.url));
const sharp = require('sharp');
const S3rver = require('s3rver');
const [buildDir, host, wasmModule] = process.argv.slice(2);
const data = mkdtempSync(join(tmpdir(), 'tenant-outage-'));
const logs = { 'control plane': [], edge: [] };
let s3;

// A request's status, body and how long it took.
async function timed(url, headers = {}) {
  const began = Date.now();
  const r = await fetch(url, { headers });
  const body = Buffer.from(await r.arrayBuffer());
  return { status: r.status, headers: r.headers, body, ms: Date.now() - began };
}

try {
  const token = 'tenant-outage-edge-token-0123456789';
  const cp = await startControlPlane({ buildDir, data, token, tenant: 'outage-co', log: logs['control plane'] });
  const internal = await (await fetch(`${cp.api}/internal/v1/tenants/outage-co`, { headers: { Authorization: `Bearer ${token}` } })).json();
  const project = await (await fetch(`${cp.api}/v1/project`, { headers: { Authorization: `Bearer ${cp.apiKey}` } })).json();
  const secret = project.signingSecret.secret;

  const s3Port = await freePort();
  s3 = new S3rver({ port: s3Port, address: '127.0.0.1', silent: true, directory: join(data, 's3'), configureBuckets: [{ name: 'originals' }] });
  await s3.run();
  const endpoint = `http://127.0.0.1:${s3Port}`;
  const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#3a7' } }).jpeg().toBuffer();
  const put = await fetch(`${endpoint}/originals/live/${internal.storageNamespace}/hero.jpg`, { method: 'PUT', body: jpeg });
  assert.equal(put.status, 200);

  const edge = await startEdge({ host, buildDir, wasmModule, data, log: logs.edge, env: {
    LUNA_CONTROL_PLANE_URL: cp.api, LUNA_EDGE_TOKEN: token,
    LUNA_S3_ENDPOINT: endpoint, LUNA_S3_BUCKET: 'originals', LUNA_S3_PREFIX: 'live/',
    LUNA_S3_ACCESS_KEY_ID: 'S3RVER', LUNA_S3_SECRET_ACCESS_KEY: 'S3RVER',
    LUNA_TENANT_CACHE_SECONDS: '1', LUNA_TENANT_MAX_STALE_SECONDS: '6', LUNA_CONTROL_PLANE_TIMEOUT_MS: '1000',
  } });
  const render = (width) => deliveryUrl(edge, 'outage-co', secret, { key: 'hero.jpg', edits: [{ resize: { width } }] });
  const stranger = deliveryUrl(edge, 'never-seen-co', secret, { key: 'hero.jpg' });

  const first = await timed(render(10));
  const fetchedAt = Date.now(); // about when the edge cached the config
  assert.equal(first.status, 200, first.body.toString());
  const etag = first.headers.get('etag');

  // A control plane that accepts connections and never answers (SIGSTOP): every fetch of a
  // config must give up after LUNA_CONTROL_PLANE_TIMEOUT_MS.
  cp.process.kill('SIGSTOP');
  await sleep(1500); // the cached config is no longer fresh
  const hung = await timed(render(11));
  assert.equal(hung.status, 200, hung.body.toString());
  assert.ok(hung.ms < 3000, `a new transform waited ${hung.ms} ms on a hung control plane`);
  const again = await timed(render(11));
  assert.equal(again.status, 200);
  assert.ok(again.ms < 1000, `right after a failed fetch the edge asked again (${again.ms} ms)`);
  const conditional = await timed(render(10), { 'If-None-Match': etag });
  assert.equal(conditional.status, 304);
  const unknown = await timed(stranger);
  assert.equal(unknown.status, 503, unknown.body.toString());
  assert.ok(unknown.ms < 3000, `an unknown tenant waited ${unknown.ms} ms`);
  assert.equal(JSON.parse(unknown.body).error.code, 'unavailable');
  assert.match(unknown.headers.get('retry-after') ?? '', /^\d+$/);
  assert.equal(unknown.headers.get('cache-control'), 'no-store');

  // Down (connections refused) past the maximum staleness: a clear 503, not a stale forever.
  await stop(cp.process);
  const stale = await timed(render(12));
  assert.equal(stale.status, 200, stale.body.toString());
  await sleep(fetchedAt + 7500 - Date.now()); // past 1 s fresh + 6 s stale
  const expired = await timed(render(13));
  const expiredAt = Date.now();
  assert.equal(expired.status, 503, expired.body.toString());
  assert.match(JSON.parse(expired.body).error.message, /control plane/);

  // Back: rendering resumes once the retry interval of the last failure has passed.
  await cp.restart();
  await sleep(expiredAt + 5200 - Date.now());
  const back = await timed(render(13));
  assert.equal(back.status, 200, back.body.toString());
  console.log(`tenant_outage (${host}): hung ${hung.ms} ms, stale ${stale.ms} ms, unknown ${unknown.ms} ms → 503, expired → 503, back → 200`);
} catch (error) {
  reportFailure(error, logs);
} finally {
  await stopAll();
  await s3?.close();
  rmSync(data, { recursive: true, force: true });
}

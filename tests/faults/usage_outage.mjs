// The control plane goes down across a usage flush and comes back: every render is still
// counted exactly once (issue: one failed flush used to silence the Worker for good).
//   usage_outage.mjs BUILD_DIR luna-server|workerd [WASM_MODULE]
// Real processes on loopback: the control plane over a SQLite file in a fresh data
// directory (stopped with SIGTERM and started again on the same port and data), and the edge.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Immagin } from '../../sdk/typescript/dist/esm/index.js';
import { deliveryUrl } from '../conformance/mint.mjs';
import { reportFailure, sleep, startControlPlane, startEdge, stop, stopAll } from './stack_processes.mjs';

const sharp = createRequire(new URL('../package.json', import.meta.url))('sharp');
const [buildDir, host, wasmModule] = process.argv.slice(2);
const data = mkdtempSync(join(tmpdir(), 'usage-outage-'));

const logs = { 'control plane': [], edge: [] };
try {
  const token = 'usage-outage-edge-token-0123456789';
  const cp = await startControlPlane({ buildDir, data, token, tenant: 'outage-co', log: logs['control plane'] });
  const { api, apiKey } = cp;

  const client = new Immagin({ apiKey, baseUrl: api });
  const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#3a7' } }).jpeg().toBuffer();
  await client.images.upload(new Uint8Array(jpeg), 'hero.jpg');
  const project = await (await fetch(`${api}/v1/project`, { headers: { Authorization: `Bearer ${apiKey}` } })).json();

  const flushMs = 300;
  const edge = await startEdge({ host, buildDir, wasmModule, data, log: logs.edge,
    env: { LUNA_CONTROL_PLANE_URL: api, LUNA_EDGE_TOKEN: token, LUNA_USAGE_FLUSH_MS: String(flushMs) } });

  const render = async (width) => {
    const r = await fetch(deliveryUrl(edge, 'outage-co', project.signingSecret.secret, { key: 'hero.jpg', edits: [{ resize: { width } }] }));
    const body = Buffer.from(await r.arrayBuffer());
    assert.equal(r.status, 200, body.toString().slice(0, 300));
  };
  const counted = async () => {
    const r = await fetch(`${api}/v1/usage`, { headers: { Authorization: `Bearer ${apiKey}` } });
    return r.ok ? (await r.json()).uniqueTransforms : -1;
  };
  const eventually = async (want, ms) => {
    let last;
    for (const end = Date.now() + ms; Date.now() < end; await sleep(100)) if ((last = await counted()) === want) return;
    assert.fail(`the month shows ${last} unique transforms, expected ${want}`);
  };

  await render(10);
  await eventually(1, 5000);
  await render(11); // its flush falls inside the outage
  await stop(cp.process);
  await sleep(2500);
  await cp.restart();
  await render(12);
  await render(13);
  await render(14);
  await eventually(5, 8000);
  // And nothing counted twice once everything has been retried.
  await sleep(1500);
  assert.equal(await counted(), 5);
  await render(14); // the same transform again: a render, but no new unique transform
  await sleep(flushMs * 3);
  assert.equal(await counted(), 5);
  console.log(`usage_outage (${host}): 5 of 5 unique transforms counted across a control-plane outage`);
} catch (error) {
  reportFailure(error, logs);
} finally {
  await stopAll();
  rmSync(data, { recursive: true, force: true });
}

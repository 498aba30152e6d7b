// The control plane goes down across a usage flush and comes back: every render is still
// counted exactly once (issue: one failed flush used to silence the Worker for good).
//   usage_outage.mjs BUILD_DIR luna-server|workerd [WASM_MODULE]
// Real processes on loopback: the control plane over a SQLite file in a fresh data
// directory (stopped with SIGTERM and started again on the same port and data), and the edge.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { Immagin } from '../../sdk/typescript/dist/esm/index.js';
import { deliveryUrl } from '../conformance/mint.mjs';

const sharp = createRequire(new URL('../package.json', import.meta.url))('sharp');
const [buildDir, host, wasmModule] = process.argv.slice(2);
const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const data = mkdtempSync(join(tmpdir(), 'usage-outage-'));
const children = new Set();

const freePort = () => new Promise((resolve) => {
  const s = net.createServer().listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
});
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function start(command, args, env, log) {
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.on('data', (d) => log.push(d.toString()));
  child.stderr.on('data', (d) => log.push(d.toString()));
  children.add(child);
  child.on('exit', () => children.delete(child));
  return child;
}
async function stop(child) {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}
async function healthy(url) {
  for (const end = Date.now() + 20_000; Date.now() < end; await sleep(100)) {
    try { if ((await fetch(url)).ok) return; } catch { /* not yet */ }
  }
  throw new Error(`${url} did not answer`);
}

const logs = { cp: [], edge: [] };
try {
  const token = 'usage-outage-edge-token-0123456789';
  const cpPort = await freePort();
  const api = `http://127.0.0.1:${cpPort}`;
  const cpEnv = { IMMAGIN_DATA_DIR: data, IMMAGIN_EDGE_TOKEN: token };
  const admin = (...args) => execFileSync(join(buildDir, 'control-plane/immagin-admin'), args, { env: { ...process.env, ...cpEnv } }).toString();
  admin('create-project', '--tenant', 'outage-co');
  const apiKey = /"key":"(imk_[A-Za-z0-9]+)"/.exec(admin('create-key', '--tenant', 'outage-co'))[1];
  const startCp = () => start(join(buildDir, 'control-plane/immagin-control-plane'), ['--listen', `127.0.0.1:${cpPort}`], cpEnv, logs.cp);
  let cp = startCp();
  await healthy(`${api}/healthz`);

  const client = new Immagin({ apiKey, baseUrl: api });
  const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#3a7' } }).jpeg().toBuffer();
  await client.images.upload(new Uint8Array(jpeg), 'hero.jpg');
  const project = await (await fetch(`${api}/v1/project`, { headers: { Authorization: `Bearer ${apiKey}` } })).json();

  const edgePort = await freePort();
  const edge = `http://127.0.0.1:${edgePort}`;
  const flushMs = 300;
  if (host === 'workerd') {
    const worker = join(data, 'workerd');
    mkdirSync(join(worker, 'edge/worker'), { recursive: true });
    mkdirSync(join(worker, 'build/wasm/edge/wasm'), { recursive: true });
    for (const f of readdirSync(join(root, 'edge/worker')).filter((f) => f.endsWith('.js') || f === 'config.capnp')) {
      cpSync(join(root, 'edge/worker', f), join(worker, 'edge/worker', f));
    }
    cpSync(wasmModule, join(worker, 'build/wasm/edge/wasm/luna.wasm'));
    start(join(root, 'edge/worker/node_modules/.bin/workerd'),
      ['serve', join(worker, 'edge/worker/config.capnp'), '--socket-addr', `http=127.0.0.1:${edgePort}`],
      { LUNA_CONTROL_PLANE_URL: api, LUNA_EDGE_TOKEN: token, LUNA_USAGE_FLUSH_MS: String(flushMs) }, logs.edge);
  } else {
    writeFileSync(join(data, 'edge-token'), token, { mode: 0o600 });
    start(join(buildDir, 'edge/server/luna-server'),
      ['--listen', `127.0.0.1:${edgePort}`, '--control-plane-url', api, '--edge-token-file', join(data, 'edge-token'),
        '--data-dir', join(data, 'luna'), '--usage-flush-ms', String(flushMs)], {}, logs.edge);
  }
  await healthy(`${edge}/healthz`);

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
  await stop(cp);
  await sleep(2500);
  cp = startCp();
  await healthy(`${api}/healthz`);
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
  console.error(error);
  console.error('--- control plane\n' + logs.cp.join('').slice(-3000));
  console.error('--- edge\n' + logs.edge.join('').slice(-3000));
  process.exitCode = 1;
} finally {
  await Promise.all([...children].map(stop));
  rmSync(data, { recursive: true, force: true });
}

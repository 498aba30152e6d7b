// The real processes of the fault tests, on loopback: the control plane over a SQLite file
// in a data directory, and an edge (luna-server, or luna.wasm in workerd) with LUNA_*
// settings. Every child is stopped by stopAll().
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync } from 'node:fs';
import net from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const children = new Set();

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export const freePort = () => new Promise((resolve) => {
  const s = net.createServer().listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
});

export function start(command, args, env, log) {
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.on('data', (d) => log.push(d.toString()));
  child.stderr.on('data', (d) => log.push(d.toString()));
  children.add(child);
  child.on('exit', () => children.delete(child));
  return child;
}

export async function stop(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGCONT'); // a paused process cannot act on SIGTERM
  child.kill('SIGTERM');
  await exited;
}

export const stopAll = () => Promise.all([...children].map(stop));

export async function healthy(url) {
  for (const end = Date.now() + 20_000; Date.now() < end; await sleep(100)) {
    try { if ((await fetch(url)).ok) return; } catch { /* not yet */ }
  }
  throw new Error(`${url} did not answer`);
}

// The control plane with one project: { api, apiKey, restart(), process, admin() }.
export async function startControlPlane({ buildDir, data, token, tenant, log }) {
  const port = await freePort();
  const api = `http://127.0.0.1:${port}`;
  const env = { IMMAGIN_DATA_DIR: data, IMMAGIN_EDGE_TOKEN: token };
  const admin = (...args) => execFileSync(join(buildDir, 'control-plane/immagin-admin'), args, { env: { ...process.env, ...env } }).toString();
  admin('create-project', '--tenant', tenant);
  const apiKey = /"key":"(imk_[A-Za-z0-9]+)"/.exec(admin('create-key', '--tenant', tenant))[1];
  const cp = { api, apiKey, admin };
  cp.restart = async () => {
    cp.process = start(join(buildDir, 'control-plane/immagin-control-plane'), ['--listen', `127.0.0.1:${port}`], env, log);
    await healthy(`${api}/healthz`);
  };
  await cp.restart();
  return cp;
}

// An edge answering on a free port: its base URL. `env`: LUNA_* settings, the same for both.
export async function startEdge({ host, buildDir, wasmModule, data, env, log }) {
  const port = await freePort();
  if (host === 'workerd') {
    // config.capnp expects the module at ../../build/wasm/edge/wasm beside edge/worker.
    const worker = join(data, 'workerd');
    mkdirSync(join(worker, 'edge/worker'), { recursive: true });
    mkdirSync(join(worker, 'build/wasm/edge/wasm'), { recursive: true });
    for (const f of readdirSync(join(root, 'edge/worker')).filter((f) => f.endsWith('.js') || f === 'config.capnp')) {
      cpSync(join(root, 'edge/worker', f), join(worker, 'edge/worker', f));
    }
    cpSync(wasmModule, join(worker, 'build/wasm/edge/wasm/luna.wasm'));
    start(join(root, 'edge/worker/node_modules/.bin/workerd'),
      ['serve', join(worker, 'edge/worker/config.capnp'), '--socket-addr', `http=127.0.0.1:${port}`], env, log);
  } else {
    start(join(buildDir, 'edge/server/luna-server'), [],
      { ...env, LUNA_LISTEN: `127.0.0.1:${port}`, LUNA_DATA_DIR: join(data, 'luna') }, log);
  }
  const edge = `http://127.0.0.1:${port}`;
  await healthy(`${edge}/healthz`);
  return edge;
}

// A failed test's error, with the end of each process's log.
export function reportFailure(error, logs) {
  console.error(error);
  for (const [name, lines] of Object.entries(logs)) console.error(`--- ${name}\n` + lines.join('').slice(-3000));
  process.exitCode = 1;
}

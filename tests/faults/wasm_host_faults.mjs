// luna.wasm in workerd when things go wrong around it (issue #13, item 4): a module memory
// that cannot grow, a trap while other requests wait on the same instance, originals that
// never end, and a flood of unknown tenants.
//   node wasm_host_faults.mjs LUNA_WASM
// Real processes on loopback: a stand-in control plane (tenant configs, originals, usage) in
// this process and workerd serving edge/worker with the module, one workerd per scenario,
// its log read to the end once it has stopped. The memory ceiling is V8's
// --wasm-max-mem-pages, set through workerd's own `v8Flags` config field.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { deliveryUrl } from '../conformance/mint.mjs';

const sharp = createRequire(new URL('../package.json', import.meta.url))('sharp');
const [wasmModule] = process.argv.slice(2);
if (!existsSync(wasmModule ?? '')) {
  console.error(`wasm_host_faults: ${wasmModule} is missing; build it first: cmake --preset wasm && cmake --build --preset wasm`);
  process.exit(1);
}
const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const token = 'wasm-host-faults-edge-token';
const secret = Buffer.alloc(32, 9).toString('base64url');
const MiB = 1 << 20;

// --- the stand-in control plane: tenant demo-co, every other tenant unknown ---------------

const lookups = new Map(); // tenant id → control-plane lookups
const tenants = new Map([['demo-co', null]]); // known tenant → a promise its config waits for, or null
const originals = new Map(); // key → Buffer, or (req, res) => void for an origin that misbehaves
const controlPlane = createServer(async (req, res) => {
  if (req.headers.authorization !== `Bearer ${token}`) return res.writeHead(401).end();
  const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  const tenant = /^\/internal\/v1\/tenants\/([^/]+)$/.exec(path)?.[1];
  if (tenant) {
    lookups.set(tenant, (lookups.get(tenant) ?? 0) + 1);
    if (!tenants.has(tenant)) return res.writeHead(404, { 'content-type': 'application/json' }).end('{}');
    await tenants.get(tenant);
    res.writeHead(200, { 'content-type': 'application/json' });
    return res.end(JSON.stringify({ tenant, state: 'active', secrets: [{ id: 's1', secret, validUntil: null }] }));
  }
  const original = originals.get(/^\/internal\/v1\/originals\/[^/]+\/(.+)$/.exec(path)?.[1]);
  if (original) {
    if (typeof original === 'function') return original(req, res);
    return res.writeHead(200, { etag: `"${original.length}"` }).end(original);
  }
  if (req.method === 'POST' && path === '/internal/v1/usage') {
    req.resume();
    return req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
  }
  res.writeHead(404).end();
});
await new Promise((resolve) => controlPlane.listen(0, '127.0.0.1', resolve));
const api = `http://127.0.0.1:${controlPlane.address().port}`;
after(() => controlPlane.close());

// --- workerd ------------------------------------------------------------------------------

const freePort = () => new Promise((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
});
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// edge/worker as it is, in a folder laid out the way config.capnp expects; `maxMemoryPages`
// bounds every wasm memory of the process (64 KiB pages).
async function startWorkerd(settings, { maxMemoryPages } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'wasm-host-faults-'));
  mkdirSync(join(dir, 'edge/worker'), { recursive: true });
  mkdirSync(join(dir, 'build/wasm/edge/wasm'), { recursive: true });
  for (const f of readdirSync(join(root, 'edge/worker')).filter((f) => f.endsWith('.js'))) {
    cpSync(join(root, 'edge/worker', f), join(dir, 'edge/worker', f));
  }
  let config = readFileSync(join(root, 'edge/worker/config.capnp'), 'utf8');
  if (maxMemoryPages) {
    const opening = 'const config :Workerd.Config = (';
    assert.ok(config.includes(opening), 'config.capnp declares the Config this test adds v8Flags to');
    config = config.replace(opening, `${opening}\n  v8Flags = ["--wasm-max-mem-pages=${maxMemoryPages}"],`);
  }
  writeFileSync(join(dir, 'edge/worker/config.capnp'), config);
  cpSync(wasmModule, join(dir, 'build/wasm/edge/wasm/luna.wasm'));
  const port = await freePort();
  const child = spawn(join(root, 'edge/worker/node_modules/.bin/workerd'),
    ['serve', join(dir, 'edge/worker/config.capnp'), '--socket-addr', `http=127.0.0.1:${port}`],
    { env: { ...process.env, LUNA_CONTROL_PLANE_URL: api, LUNA_EDGE_TOKEN: token, LUNA_USAGE_FLUSH_MS: '100', ...settings },
      stdio: ['ignore', 'pipe', 'pipe'] });
  const log = [];
  const ended = Promise.all([child.stdout, child.stderr].map((s) => {
    s.on('data', (d) => log.push(d.toString()));
    return new Promise((r) => s.on('end', r));
  }));
  const base = `http://127.0.0.1:${port}`;
  const edge = {
    base,
    log: () => log.join(''),
    // Until the log shows `text` (it is written before the response that caused it is sent).
    async logged(text) {
      for (const end = Date.now() + 10_000; Date.now() < end; await sleep(50)) if (edge.log().includes(text)) return;
      assert.fail(`workerd never logged "${text}":\n${edge.log().slice(-3000)}`);
    },
    // Stops workerd (again: a no-op) and answers its whole log.
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await ended;
      rmSync(dir, { recursive: true, force: true });
      return edge.log();
    },
  };
  for (const end = Date.now() + 20_000; ; await sleep(100)) {
    try { if ((await fetch(`${base}/healthz`)).ok) break; } catch { /* not listening yet */ }
    if (Date.now() > end || child.exitCode !== null) {
      await edge.stop();
      throw new Error(`workerd did not start:\n${edge.log()}`);
    }
  }
  return edge;
}
const instancesIn = (log) => log.split('\n').filter((line) => line.includes('luna: new module instance')).length;

// --- requests -----------------------------------------------------------------------------

const url = (base, key, edits, output, tenant = 'demo-co') =>
  deliveryUrl(base, tenant, secret, { key, edits, ...(output && { output }) });
async function get(target) {
  const r = await fetch(target);
  const body = Buffer.from(await r.arrayBuffer());
  return { status: r.status, headers: r.headers, body, text: body.toString('utf8', 0, 500) };
}
// A JSON error of the module or the Worker: never cached, its code as given.
function assertError(r, status, code) {
  assert.equal(r.status, status, r.text);
  assert.equal(r.headers.get('content-type'), 'application/json');
  assert.equal(r.headers.get('cache-control'), 'no-store');
  assert.equal(JSON.parse(r.body).error.code, code);
}
// A WebP of width × height whose centre pixel is `rgb` (± a lossy encoder's error).
async function assertImage(r, width, height, rgb) {
  assert.equal(r.status, 200, r.text);
  assert.equal(r.headers.get('content-type'), 'image/webp');
  const { data, info } = await sharp(r.body).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  assert.deepEqual([info.width, info.height], [width, height]);
  const at = (Math.floor(height / 2) * width + Math.floor(width / 2)) * 3;
  const centre = [...data.subarray(at, at + 3)];
  for (const [i, want] of rgb.entries()) assert.ok(Math.abs(centre[i] - want) <= 12, `centre ${centre}, expected ${rgb}`);
}
const solid = (width, height, background) => sharp({ create: { width, height, channels: 3, background } }).jpeg().toBuffer();

originals.set('red.jpg', await solid(64, 48, '#ff0000'));
originals.set('green.jpg', await solid(60, 40, '#00ff00'));

// --- the scenarios --------------------------------------------------------------------------

// 512 pages = 32 MiB of linear memory per instance, of which the module itself takes ~6.
const ceiling = { maxMemoryPages: 512 };

describe('an original the module has no memory for', () => {
  let edge;
  before(async () => {
    originals.set('huge.bin', randomBytes(40 * MiB)); // under LUNA_MAX_INPUT_BYTES, over the ceiling
    edge = await startWorkerd({ LUNA_MAX_INPUT_BYTES: String(64 * MiB) }, ceiling);
  });
  after(() => edge?.stop());

  test('IsA503WithRetryAfterAndTheNextRequestGetsANewInstance', async () => {
    await assertImage(await get(url(edge.base, 'red.jpg', [{ resize: { width: 32 } }])), 32, 24, [255, 0, 0]);
    const refused = await get(url(edge.base, 'huge.bin', [{ resize: { width: 32 } }]));
    assertError(refused, 503, 'unavailable');
    assert.equal(refused.headers.get('retry-after'), '1');
    await edge.logged('LunaOutOfMemory');
    await assertImage(await get(url(edge.base, 'green.jpg', [{ resize: { width: 30 } }])), 30, 20, [0, 255, 0]);
    await assertImage(await get(url(edge.base, 'red.jpg', [{ resize: { width: 16 } }])), 16, 12, [255, 0, 0]);
    // One instance before the refusal and one made after it, for both requests that followed.
    assert.equal(instancesIn(await edge.stop()), 2);
  });
});

describe('a trap while other requests wait on the same instance', () => {
  let edge;
  const arrived = [];
  let release;
  const released = new Promise((r) => { release = r; });
  // Originals whose first half comes at once and the rest only after the trap.
  const held = (bytes) => (req, res) => {
    res.writeHead(200, { 'content-length': bytes.length, etag: '"held"' });
    res.write(bytes.subarray(0, bytes.length >> 1), () => arrived.push(req.url));
    released.then(() => res.end(bytes.subarray(bytes.length >> 1)));
  };
  before(async () => {
    tenants.set('held-co', released);
    originals.set('held/red.jpg', held(await solid(64, 48, '#ff0000')));
    originals.set('held/blue.jpg', held(await solid(80, 60, '#0000ff')));
    // A 3000×3000 PNG of noise is ~27 MB: its output buffer outgrows the memory, and
    // GLib aborts on a failed g_realloc, which is a trap (unreachable) in wasm.
    originals.set('noise.jpg', await sharp({ create: { width: 3000, height: 3000, channels: 3, noise: { type: 'gaussian', mean: 128, sigma: 60 } } }).jpeg({ quality: 90 }).toBuffer());
    edge = await startWorkerd({}, ceiling);
  });
  after(() => { release(); return edge?.stop(); });

  test('TheTrapIsA500TheWaitingRequestsRenderCorrectlyOnOneNewInstance', async () => {
    await assertImage(await get(url(edge.base, 'red.jpg', [{ resize: { width: 20 } }])), 20, 15, [255, 0, 0]);
    const red = get(url(edge.base, 'held/red.jpg', [{ resize: { width: 32 } }]));
    const blue = get(url(edge.base, 'held/blue.jpg', [{ resize: { width: 40 } }]));
    // And one whose tenant config comes only after the trap.
    const green = get(url(edge.base, 'green.jpg', [{ resize: { width: 30 } }], undefined, 'held-co'));
    for (const end = Date.now() + 10_000; arrived.length < 2 || !lookups.get('held-co'); await sleep(20)) {
      assert.ok(Date.now() < end, 'both held originals and the held tenant were requested');
    }

    const trapped = await get(url(edge.base, 'noise.jpg', [], { format: 'png' }));
    assertError(trapped, 500, 'internal');
    assert.equal(JSON.parse(trapped.body).error.message, 'the image could not be processed');
    await edge.logged('RuntimeError'); // a trap indeed, not an error the module answered

    release();
    await assertImage(await red, 32, 24, [255, 0, 0]);
    await assertImage(await blue, 40, 30, [0, 0, 255]);
    await assertImage(await green, 30, 20, [0, 255, 0]);
    assert.equal(lookups.get('held-co'), 1);
    await assertImage(await get(url(edge.base, 'green.jpg', [{ resize: { width: 15 } }])), 15, 10, [0, 255, 0]);
    // The first instance, and one new one for the three that waited and everything after.
    assert.equal(instancesIn(await edge.stop()), 2);
  });
});

describe('originals that do not end', () => {
  let edge;
  const origin = new Map(); // key → { sent, closed: Promise }
  // 64 KiB chunks for as long as the connection stays open (the socket's backpressure
  // respected), with or without a Content-Length that says more than the limit.
  const endless = (key, status, headers = {}) => (req, res) => {
    const seen = { sent: 0 };
    seen.closed = new Promise((r) => res.on('close', r));
    origin.set(key, seen);
    res.writeHead(status, headers);
    const chunk = randomBytes(64 * 1024);
    const more = () => {
      while (!res.destroyed && res.write(chunk)) seen.sent += chunk.length;
      if (!res.destroyed) seen.sent += chunk.length, res.once('drain', more);
    };
    more();
  };
  const closedWithin = async (key, ms) => {
    const seen = origin.get(key);
    assert.ok(seen, `${key} was requested`);
    const timeout = sleep(ms).then(() => 'open');
    assert.equal(await Promise.race([seen.closed.then(() => 'closed'), timeout]), 'closed',
      `the edge left the connection for ${key} open (${seen.sent} bytes sent)`);
    return seen.sent;
  };
  before(async () => {
    originals.set('endless.jpg', endless('endless.jpg', 200));
    originals.set('declared.jpg', endless('declared.jpg', 200, { 'content-length': String(1 << 30) }));
    originals.set('missing.jpg', endless('missing.jpg', 404));
    originals.set('broken.jpg', (req, res) => {
      res.writeHead(200, { 'content-length': String(MiB / 2) });
      res.write(randomBytes(MiB / 8), () => res.destroy());
    });
    edge = await startWorkerd({ LUNA_MAX_INPUT_BYTES: String(MiB) });
  });

  test('AChunkedOriginalOverTheLimitIsA413AndTheConnectionIsClosed', async () => {
    assert.equal(origin.get('endless.jpg'), undefined);
    const r = await get(url(edge.base, 'endless.jpg', [{ resize: { width: 32 } }]));
    assertError(r, 413, 'payload_too_large');
    assert.match(JSON.parse(r.body).error.message, /the limit is 1048576/);
    const sent = await closedWithin('endless.jpg', 10_000);
    // What the socket buffers took on top of the limit, not everything the origin had.
    assert.ok(sent < 32 * MiB, `${sent} bytes sent for a 1 MiB limit`);
  });

  test('ADeclaredLengthOverTheLimitIsA413WithoutReadingTheBody', async () => {
    const r = await get(url(edge.base, 'declared.jpg', [{ resize: { width: 32 } }]));
    assertError(r, 413, 'payload_too_large');
    assert.match(JSON.parse(r.body).error.message, /the original is 1073741824 bytes/);
    assert.ok(await closedWithin('declared.jpg', 10_000) < 32 * MiB);
  });

  test('AnErrorPageThatDoesNotEndIsNotRead', async () => {
    assertError(await get(url(edge.base, 'missing.jpg', [{ resize: { width: 32 } }])), 404, 'not_found');
    assert.ok(await closedWithin('missing.jpg', 10_000) < 32 * MiB);
  });

  test('ABodyThatBreaksOffIsA503AndKeepsTheInstance', async () => {
    const r = await get(url(edge.base, 'broken.jpg', [{ resize: { width: 32 } }]));
    assertError(r, 503, 'unavailable');
    assert.match(JSON.parse(r.body).error.message, /storage could not be reached/);
    await assertImage(await get(url(edge.base, 'red.jpg', [{ resize: { width: 32 } }])), 32, 24, [255, 0, 0]);
  });

  after(async () => {
    // Nothing above is a fault of the module: the one instance served it all.
    assert.equal(instancesIn(await edge.stop()), 1);
  });
});

describe('a flood of unknown tenants', () => {
  let edge;
  const cacheEntries = 50;
  const unknown = (i) => `nobody-${i}`;
  // Any well-formed delivery URL makes the edge look its tenant up (a 404 before the signature).
  const ask = async (i) => assertError(await get(deliveryUrl(edge.base, unknown(i), secret, { key: 'a.jpg' })), 404, 'not_found');
  const looked = (i) => lookups.get(unknown(i)) ?? 0;
  before(async () => {
    edge = await startWorkerd({ LUNA_MAX_TENANT_CACHE: String(cacheEntries), LUNA_TENANT_CACHE_SECONDS: '3600' });
  });
  after(() => edge.stop());

  test('EachUnknownTenantIsLookedUpOnceWhileCached', async () => {
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < cacheEntries; i++) await ask(i);
    }
    for (let i = 0; i < cacheEntries; i++) assert.equal(looked(i), 1, unknown(i));
  });

  test('TheCacheKeepsAtMostLunaMaxTenantCacheTenantsOldestOutFirst', async () => {
    await ask(cacheEntries); // the first one past the bound: the oldest, nobody-0, goes
    for (let i = 1; i <= cacheEntries; i++) await ask(i);
    for (let i = 1; i <= cacheEntries; i++) assert.equal(looked(i), 1, unknown(i));
    await ask(0);
    assert.equal(looked(0), 2, 'the evicted tenant is looked up again');
    // Many more: only the last `cacheEntries` of them are still remembered.
    const last = 4 * cacheEntries;
    for (let i = cacheEntries + 1; i <= last; i++) await ask(i);
    for (let i = last - cacheEntries + 1; i <= last; i++) await ask(i);
    for (let i = last - cacheEntries + 1; i <= last; i++) assert.equal(looked(i), 1, unknown(i));
    await ask(last - cacheEntries);
    assert.equal(looked(last - cacheEntries), 2, 'one past the bound was evicted');
  });
});

// Workers' clock stands still inside a call, so LUNA_DEADLINE_MS cannot stop a render there;
// LUNA_MAX_WORK_PIXELS (pixels processed) does. 1 Mpx lets the 64×48 originals through, not a
// 2000×1500 one upscaled to 4000 px (~14 Mpx of work).
describe('a render over its work limit', () => {
  let edge;
  before(async () => {
    originals.set('big.jpg', await solid(2000, 1500, '#0000ff'));
    edge = await startWorkerd({ LUNA_MAX_WORK_PIXELS: '1000000' });
  });
  after(() => edge?.stop());

  test('IsA422NamingTheLimitAndTheInstanceServesOn', async () => {
    await assertImage(await get(url(edge.base, 'red.jpg', [{ resize: { width: 32 } }])), 32, 24, [255, 0, 0]);
    const r = await get(url(edge.base, 'big.jpg', [{ resize: { width: 4000, upscale: true } }]));
    assertError(r, 422, 'unprocessable');
    assert.match(JSON.parse(r.body).error.message, /work limit of 1000000 pixels .*LUNA_MAX_WORK_PIXELS/);
    await assertImage(await get(url(edge.base, 'green.jpg', [{ resize: { width: 30 } }])), 30, 20, [0, 255, 0]);
    assert.equal(instancesIn(await edge.stop()), 1);
  });
});

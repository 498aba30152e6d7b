// Cold start of the Worker (issue #14, item 6), medians of N runs:
//   (a) workerd: process start → the first 200 of a transform (a fresh process, isolate and
//       module instance each run; the stand-in control plane answers at once);
//   (b) a fresh isolate's share, in Node with the same module: compile, instantiate (with
//       C++ static constructors: _initialize), and the first call, which makes the
//       HostProtocol and starts libvips (InitEngine) lazily.
// Inside workerd, Date.now() advances only across I/O, so (b) is measured in Node.
//   node bench/cold_start.mjs LUNA_WASM [N]
import { spawn } from 'node:child_process'
import { createServer } from 'node:http'
import { createRequire } from 'node:module'
import { mkdirSync, mkdtempSync, readFileSync, cpSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { performance } from 'node:perf_hooks'

import { Luna } from '../edge/worker/luna.js'
import { deliveryUrl } from '../tests/conformance/mint.mjs'

const [wasmPath, runsArg] = process.argv.slice(2)
const runs = Number(runsArg ?? 9)
const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const sharp = createRequire(join(root, 'tests/package.json'))('sharp')
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[s.length >> 1] }
const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

// (b) the module in Node.
const bytes = readFileSync(wasmPath)
const phases = { compile: [], instantiate: [], firstCall: [] }
for (let i = 0; i < runs; i++) {
  let t = performance.now()
  const module = new WebAssembly.Module(bytes)
  phases.compile.push(performance.now() - t)
  t = performance.now()
  const luna = await Luna.create(module, { LUNA_CONTROL_PLANE_URL: 'http://127.0.0.1:9', LUNA_EDGE_TOKEN: 't' })
  phases.instantiate.push(performance.now() - t)
  t = performance.now()
  luna.prepare({ method: 'GET', host: 'x', target: '/demo-co/abc?sig=x', accept: '', ifNoneMatch: '', now: 0, nowMs: 0, pending: 0 })
  phases.firstCall.push(performance.now() - t)
}

// (a) workerd, with a stand-in control plane in this process.
const token = 'cold-start-token'
const secret = Buffer.alloc(32, 7).toString('base64url')
const photo = await sharp({ create: { width: 1600, height: 1200, channels: 3, background: '#3366cc' } }).jpeg().toBuffer()
const api = createServer((req, res) => {
  if (req.url === '/internal/v1/tenants/demo-co') {
    res.writeHead(200, { 'content-type': 'application/json' })
    return res.end(JSON.stringify({ tenant: 'demo-co', state: 'active', secrets: [{ id: 's1', secret, validUntil: null }] }))
  }
  if (req.url.startsWith('/internal/v1/originals/')) return res.writeHead(200, { etag: '"p"' }).end(photo)
  req.resume()
  res.writeHead(200, { 'content-type': 'application/json' }).end('{}')
})
await new Promise((r) => api.listen(0, '127.0.0.1', r))
const dir = mkdtempSync(join(tmpdir(), 'cold-start-'))
mkdirSync(join(dir, 'edge/worker'), { recursive: true })
mkdirSync(join(dir, 'build/wasm/edge/wasm'), { recursive: true })
for (const f of readdirSync(join(root, 'edge/worker')).filter((f) => f.endsWith('.js') || f.endsWith('.capnp'))) cpSync(join(root, 'edge/worker', f), join(dir, 'edge/worker', f))
cpSync(wasmPath, join(dir, 'build/wasm/edge/wasm/luna.wasm'))
const first = []
for (let i = 0; i < runs; i++) {
  const port = 18700 + i
  const base = `http://127.0.0.1:${port}`
  const target = deliveryUrl(base, 'demo-co', secret, { key: 'photo.jpg', edits: [{ resize: { width: 400 } }] }) + ''
  const t = performance.now()
  const child = spawn(join(root, 'edge/worker/node_modules/.bin/workerd'),
    ['serve', join(dir, 'edge/worker/config.capnp'), '--socket-addr', `http=127.0.0.1:${port}`],
    { env: { ...process.env, LUNA_CONTROL_PLANE_URL: `http://127.0.0.1:${api.address().port}`, LUNA_EDGE_TOKEN: token }, stdio: 'ignore' })
  let status = 0
  for (const end = t + 30_000; performance.now() < end; await sleep(5)) {
    try { const r = await fetch(target); status = r.status; await r.arrayBuffer(); break } catch { /* not listening yet */ }
  }
  first.push(performance.now() - t)
  child.kill('SIGTERM')
  await new Promise((r) => child.on('exit', r))
  if (status !== 200) { console.error(`run ${i}: status ${status}`); process.exitCode = 1 }
}
api.close()
rmSync(dir, { recursive: true, force: true })

const ms = (x) => x.toFixed(1)
console.log(`cold start, medians of ${runs} runs (ms); Workers' startup budget (global scope) is 1000 ms`)
console.log(`| phase | median | min | max |\n|---|---|---|---|`)
for (const [name, xs] of [['module compile (Node)', phases.compile], ['instantiate + _initialize (Node)', phases.instantiate],
  ['first call: HostProtocol + libvips init (Node)', phases.firstCall], ['workerd: process start → first 200 of a transform', first]]) {
  console.log(`| ${name} | ${ms(median(xs))} | ${ms(Math.min(...xs))} | ${ms(Math.max(...xs))} |`)
}

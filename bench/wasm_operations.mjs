// The five canonical operations (bench/engine_bench.cc) in-process under Node: through
// luna.wasm (its ABI, as the worker calls it) and through wasm-vips, on the same photo,
// one after the other. Also the peak linear memory of a fresh luna.wasm instance for a
// 24-megapixel input (resize 800 → WebP).
//   node wasm_operations.mjs PHOTO ITERATIONS LUNA_WASM AVIF_EFFORT
// Prints JSON: { luna: { op: median_ms }, wasm_vips: { op: median_ms }, memory: {...} }.
import { createHmac, randomBytes } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { Luna } from '../edge/worker/luna.js'
import { operations } from './operations.mjs'

const require = createRequire(new URL('../tests/package.json', import.meta.url))
const sharp = require('sharp')
const Vips = require('wasm-vips')
const [photoPath, iterationsArg = '15', wasmPath, effortArg = '2'] = process.argv.slice(2)
const iterations = Number(iterationsArg)
const effort = Number(effortArg)
const photo = await readFile(photoPath)
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}
const time = (fn) => {
  fn() // warm-up (V8 tier-up, first-use initialisation)
  const times = []
  for (let i = 0; i < iterations; i++) {
    const start = process.hrtime.bigint()
    fn()
    times.push(Number(process.hrtime.bigint() - start) / 1e6)
  }
  return median(times)
}


const module = await WebAssembly.compile(await readFile(wasmPath))
const tenant = 'bench'
const secret = randomBytes(32).toString('base64url')
const env = { LUNA_CONTROL_PLANE_URL: 'http://127.0.0.1:9', LUNA_EDGE_TOKEN: 'bench', LUNA_AVIF_EFFORT: String(effort) }
const tenantAnswer = { status: 200, body: JSON.stringify({ tenant, state: 'active', secrets: [{ id: 'b', secret }] }) }
function request(edits, output) {
  const payload = Buffer.from(JSON.stringify({ key: 'photo.jpg', edits, output })).toString('base64url')
  const sig = createHmac('sha256', Buffer.from(secret, 'base64url')).update(`immagin-v1\n${tenant}\n${payload}`).digest('base64url')
  return { method: 'GET', host: 'bench', target: `/${tenant}/${payload}?sig=${sig}`, accept: '*/*', tenant: tenantAnswer, original: { status: 200, etag: 'v' } }
}
function render(luna, req, bytes) {
  const step = luna.render(req, bytes)
  if (step.status !== 200) throw new Error(`luna.wasm answered ${step.status}: ${Buffer.from(step.body)}`)
  return step.body
}

const result = { luna: {}, wasm_vips: {}, memory: {} }
const luna = await Luna.create(module, env)
for (const [name, [edits, output]] of Object.entries(operations)) {
  const req = request(edits, output)
  result.luna[name] = time(() => render(luna, req, photo))
}

const vips = await Vips()
vips.concurrency(1)
vips.Cache.max(0)
const centre = { height: 400, crop: 'centre' }
const wasmVips = {
  a_resize800_webp: () => vips.Image.thumbnailBuffer(photo, 800).writeToBuffer('.webp', { Q: 90 }),
  b_cover400_webp: () => vips.Image.thumbnailBuffer(photo, 400, centre).writeToBuffer('.webp', { Q: 90 }),
  c_lqip_webp: () => vips.Image.thumbnailBuffer(photo, 20).gaussblur(10).writeToBuffer('.webp', { Q: 90 }),
  d_og1200x630_jpeg: () => vips.Image.thumbnailBuffer(photo, 1200, { height: 630, crop: 'centre' }).writeToBuffer('.jpg', { Q: 85 }),
  e_resize800_avif: () => vips.Image.thumbnailBuffer(photo, 800).writeToBuffer('.avif', { Q: 90, effort }),
}
for (const [name, fn] of Object.entries(wasmVips)) result.wasm_vips[name] = time(fn)

// Peak memory: a fresh instance, one 24 MP JPEG (the photo upscaled to 6000×4000).
const big = await sharp(photo).resize(6000, 4000, { fit: 'fill' }).jpeg({ quality: 90 }).toBuffer()
const fresh = await Luna.create(module, env)
const before = fresh.memoryBytes()
render(fresh, request({ resize: { width: 800 } }, {}), big)
result.memory = { input: '6000x4000 JPEG', start_mib: before / 2 ** 20, peak_mib: fresh.memoryBytes() / 2 ** 20 }
console.log(JSON.stringify(result))

// The five canonical operations (bench/engine_bench.cc) in-process under Node, on the same
// photo, one implementation after the other: luna.wasm (its ABI, as the worker calls it),
// wasm-vips, a jSquash pipeline (mozjpeg decode, Rust resize, libwebp/mozjpeg/libavif
// encode) and Photon (Rust, image-rs codecs). jSquash and Photon are the libraries people
// run on Workers today; wasm-vips needs threads and cannot. Each peer gets Luna's settings
// (edge/engine/src/encode.cc) where its API has them; what a peer cannot do is recorded as
// such, not skipped. Also the peak linear memory of a fresh luna.wasm instance for a
// 24-megapixel input (resize 800 → WebP).
//   node wasm_operations.mjs PHOTO ITERATIONS LUNA_WASM AVIF_EFFORT
// Prints JSON: { luna|wasm_vips|jsquash|photon: { op: { ms, bytes } | { cannot } }, memory }.
import { createHmac, randomBytes } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'
import { Luna } from '../edge/worker/luna.js'
import { operations } from './operations.mjs'

// The peers are installed in tests/ (npm ci --prefix tests); the jSquash and Photon
// packages are ESM, so they are imported from the paths that tests/ resolves.
const require = createRequire(new URL('../tests/package.json', import.meta.url))
const load = (spec) => import(pathToFileURL(require.resolve(spec)))
const compile = async (spec) => WebAssembly.compile(await readFile(require.resolve(spec)))
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
// jSquash's calls are async (their work is not), so every run is awaited alike.
const measure = async (fn) => {
  const output = await fn() // warm-up (V8 tier-up, first-use initialisation); outputs are deterministic
  const times = []
  for (let i = 0; i < iterations; i++) {
    const start = process.hrtime.bigint()
    await fn()
    times.push(Number(process.hrtime.bigint() - start) / 1e6)
  }
  return { ms: median(times), bytes: output.byteLength }
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

const luna = await Luna.create(module, env)
const lunaOps = Object.fromEntries(Object.entries(operations).map(([name, [edits, output]]) => {
  const req = request(edits, output)
  return [name, () => render(luna, req, photo)]
}))

// wasm-vips: the same libvips calls as Luna's; keep 'none' is Luna's strip.
const vips = await Vips()
vips.concurrency(1)
vips.Cache.max(0)
const webpVips = { Q: 90, effort: 4, keep: 'none' }
const centre = { height: 400, crop: 'centre' }
const wasmVipsOps = {
  a_resize800_webp: () => vips.Image.thumbnailBuffer(photo, 800).writeToBuffer('.webp', webpVips),
  b_cover400_webp: () => vips.Image.thumbnailBuffer(photo, 400, centre).writeToBuffer('.webp', webpVips),
  c_lqip_webp: () => vips.Image.thumbnailBuffer(photo, 20).gaussblur(10).writeToBuffer('.webp', webpVips),
  d_og1200x630_jpeg: () => vips.Image.thumbnailBuffer(photo, 1200, { height: 630, crop: 'centre' })
    .writeToBuffer('.jpg', { Q: 85, optimize_coding: true, keep: 'none' }),
  e_resize800_avif: () => vips.Image.thumbnailBuffer(photo, 800).writeToBuffer('.avif', { Q: 90, effort, keep: 'none' }),
}

// jSquash: Emscripten/wasm-bindgen modules that would fetch their .wasm in a browser; in
// Node each init() takes the compiled module instead. Resizing in sRGB like libvips'
// thumbnail (jSquash defaults to linear light); fitMethod 'contain' crops the centre to
// the target's aspect, which is Luna's cover.
const jpegDecode = await load('@jsquash/jpeg/decode.js')
await jpegDecode.init(await compile('@jsquash/jpeg/codec/dec/mozjpeg_dec.wasm'))
const jpegEncode = await load('@jsquash/jpeg/encode.js')
await jpegEncode.init(await compile('@jsquash/jpeg/codec/enc/mozjpeg_enc.wasm'))
const webpEncode = await load('@jsquash/webp/encode.js')
await webpEncode.init(await compile('@jsquash/webp/codec/enc/webp_enc_simd.wasm'))
const avifEncode = await load('@jsquash/avif/encode.js')
await avifEncode.init(await compile('@jsquash/avif/codec/enc/avif_enc.wasm'))
const jsquashResize = await load('@jsquash/resize/index.js')
await jsquashResize.initResize(await compile('@jsquash/resize/lib/resize/pkg/squoosh_resize_bg.wasm'))
const squash = async (width, height, fitMethod, encode) => {
  const decoded = await jpegDecode.default(photo)
  const h = height ?? Math.round(width * decoded.height / decoded.width)
  return encode(await jsquashResize.default(decoded, { width, height: h, fitMethod, linearRGB: false }))
}
// libwebp's defaults are libvips' (method 4 = effort 4, no smart subsampling); mozjpeg
// gets libjpeg's tables (quant_table 0), baseline scans and 4:2:0 like libvips at Q < 90;
// libavif gets aom speed 9 − effort (libvips' mapping) and 4:4:4 (libvips' at Q ≥ 90).
const webpSquash = (image) => webpEncode.default(image, { quality: 90, method: 4 })
const jsquashOps = {
  a_resize800_webp: () => squash(800, undefined, 'stretch', webpSquash),
  b_cover400_webp: () => squash(400, 400, 'contain', webpSquash),
  c_lqip_webp: 'jSquash has no blur',
  d_og1200x630_jpeg: () => squash(1200, 630, 'contain', (image) => jpegEncode.default(image,
    { quality: 85, progressive: false, quant_table: 0, auto_subsample: false, chroma_subsample: 2 })),
  e_resize800_avif: () => squash(800, undefined, 'stretch', (image) => avifEncode.default(image,
    { quality: 90, speed: 9 - effort, subsample: 3 })),
}

// Photon: wasm-bindgen objects live in Photon's linear memory until freed.
const photon = await load('@cf-wasm/photon')
// Cover (both sizes given) crops the centre to the target's aspect first, as Luna does.
const photonCover = (image, width, height) => {
  const w0 = image.get_width(), h0 = image.get_height()
  const scale = Math.max(width / w0, height / h0)
  const cw = Math.round(width / scale), ch = Math.round(height / scale)
  const x = Math.floor((w0 - cw) / 2), y = Math.floor((h0 - ch) / 2)
  return photon.crop(image, x, y, x + cw, y + ch)
}
const photonRun = (width, height, finish) => {
  const images = [photon.PhotonImage.new_from_byteslice(photo)]
  try {
    const decoded = images[0]
    if (height) images.push(photonCover(decoded, width, height))
    const h = height ?? Math.round(width * decoded.get_height() / decoded.get_width())
    images.push(photon.resize(images.at(-1), width, h, photon.SamplingFilter.Lanczos3))
    return finish(images.at(-1))
  } finally {
    for (const image of images) image.free()
  }
}
const photonOps = {
  a_resize800_webp: () => photonRun(800, undefined, (image) => image.get_bytes_webp()),
  b_cover400_webp: () => photonRun(400, 400, (image) => image.get_bytes_webp()),
  // Photon's blur takes a radius where Luna's takes a sigma; 10 for 10.
  c_lqip_webp: () => photonRun(20, undefined, (image) => {
    photon.gaussian_blur(image, 10)
    return image.get_bytes_webp()
  }),
  d_og1200x630_jpeg: () => photonRun(1200, 630, (image) => image.get_bytes_jpeg(85)),
  e_resize800_avif: 'Photon has no AVIF encoder',
}

// Operation by operation, every implementation in turn: a change in the machine's load
// then falls on all sides of one comparison, not on one peer's whole column.
const peers = { luna: lunaOps, wasm_vips: wasmVipsOps, jsquash: jsquashOps, photon: photonOps }
const result = Object.fromEntries(Object.keys(peers).map((peer) => [peer, {}]))
for (const name of Object.keys(operations)) {
  for (const [peer, ops] of Object.entries(peers)) {
    const op = ops[name]
    result[peer][name] = typeof op === 'string' ? { cannot: op } : await measure(op)
  }
}

// Peak memory: a fresh instance, one 24 MP JPEG (the photo upscaled to 6000×4000).
const big = await sharp(photo).resize(6000, 4000, { fit: 'fill' }).jpeg({ quality: 90 }).toBuffer()
const fresh = await Luna.create(module, env)
const before = fresh.memoryBytes()
render(fresh, request({ resize: { width: 800 } }, {}), big)
result.memory = { input: '6000x4000 JPEG', start_mib: before / 2 ** 20, peak_mib: fresh.memoryBytes() / 2 ** 20 }
console.log(JSON.stringify(result))

// Parity of luna.wasm with the native engine: every edit and every output format, on the
// team's test images, through the native `luna` CLI and through the module's own ABI
// (edge/worker/luna.js, a signed request as a worker would send it). Both outputs are
// decoded with sharp; dimensions, format, pages, channels, alpha and EXIF must be equal,
// and the mean absolute pixel difference (0–255, over RGBA at the output size) must stay
// within TOLERANCE; one render may use at most MAX_MEMORY_MIB of linear memory. Exit 77
// (skipped) without ../shared/testdata.
//   node engine_parity.mjs LUNA_CLI LUNA_WASM
import { execFileSync } from 'node:child_process'
import { createHmac, randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Luna } from '../../edge/worker/luna.js'

const here = dirname(fileURLToPath(import.meta.url))
const sharp = createRequire(join(here, '..', 'package.json'))('sharp')
const [cli, wasmPath] = process.argv.slice(2)
const testdata = process.env.IMMAGIN_TESTDATA || join(here, '..', '..', '..', 'shared', 'testdata')
if (!existsSync(join(testdata, 'MANIFEST.tsv'))) {
  console.log(`engine_parity: skipped, no test images at ${testdata}`)
  process.exit(77)
}

// Both builds run the same libvips (8.18, Highway on both) and codec releases: outputs were
// byte-identical on every case but AV1 (aom takes its SIMD paths natively, C ones in the
// module) and the 44-frame GIF (mean |Δ| 0.012). The margins leave room for SIMD kernels
// that round differently, not for different pictures.
const TOLERANCE = { png: 0.1, tiff: 0.1, webp: 0.5, jpeg: 0.5, avif: 1.5, heif: 1.5, jp2: 0.5, gif: 0.5 }

const tenant = 'parity'
const secret = randomBytes(32).toString('base64url')
// A fresh instance per case: linear memory only grows, so its size after one render is
// that render's peak, which must stay within Workers' 128 MB (with room for the isolate).
const module = await WebAssembly.compile(readFileSync(wasmPath))
const instance = () => Luna.create(module, { LUNA_CONTROL_PLANE_URL: 'http://127.0.0.1:9', LUNA_EDGE_TOKEN: 'parity' })
const MAX_MEMORY_MIB = 100
let peak = 0
const tenantAnswer = { status: 200, body: JSON.stringify({ tenant, state: 'active', secrets: [{ id: 'p', secret }] }) }
const work = mkdtempSync(join(tmpdir(), 'luna-parity-'))
// sharp points VIPSHOME at its own libvips; the native engine must find Debian's modules.
const nativeEnv = { ...process.env }
delete nativeEnv.VIPSHOME

// `overlays` ({ key: testdata file }) supply image layers: after the original in the
// module's body (host protocol), through --image for the CLI.
async function viaWasm(file, edits, output, overlays = {}) {
  const luna = await instance()
  const payload = Buffer.from(JSON.stringify({ key: file, edits, output })).toString('base64url')
  const sig = createHmac('sha256', Buffer.from(secret, 'base64url')).update(`immagin-v1\n${tenant}\n${payload}`).digest('base64url')
  const request = {
    method: 'GET', host: '127.0.0.1', target: `/${tenant}/${payload}?sig=${sig}`, accept: '*/*',
    tenant: tenantAnswer, original: { status: 200, etag: 'v1' },
  }
  const parts = [readFileSync(join(testdata, file)), ...Object.values(overlays).map((f) => readFileSync(join(testdata, f)))]
  request.overlays = parts.slice(1).map((bytes) => ({ status: 200, etag: 'o1', length: bytes.length }))
  const step = luna.render(request, Buffer.concat(parts))
  const memory = luna.memoryBytes() / 2 ** 20
  peak = Math.max(peak, memory)
  return { status: step.status, body: Buffer.from(step.body), memory }
}

function viaNative(file, edits, output, overlays = {}) {
  const out = join(work, 'native.out')
  rmSync(out, { force: true })
  const images = Object.entries(overlays).flatMap(([key, f]) => ['--image', `${key}=${join(testdata, f)}`])
  try {
    execFileSync(cli, ['transform', join(testdata, file), out, '--edits', JSON.stringify(edits), '--output', JSON.stringify(output), ...images], { stdio: 'pipe', env: nativeEnv })
    return { status: 200, body: readFileSync(out) }
  } catch (error) {
    return { status: 0, error: error.stderr.toString().trim() }
  }
}

// sharp's prebuilt libvips has no JPEG 2000: those outputs are read through the native
// engine (lossless PNG), after checking their signature box.
function readable(body, format) {
  if (format !== 'jp2') return body
  if (body.subarray(4, 8).toString() !== 'jP  ') throw new Error('not a JPEG 2000 file')
  const [input, out] = [join(work, 'in.jp2'), join(work, 'jp2.png')]
  writeFileSync(input, body)
  execFileSync(cli, ['transform', input, out, '--output', '{"format":"png"}'], { stdio: 'pipe', env: nativeEnv })
  return readFileSync(out)
}

async function describe(body) {
  const image = sharp(body, { pages: -1 })
  const m = await image.metadata()
  const { data } = await sharp(body).ensureAlpha().raw().toBuffer({ resolveWithObject: true })
  return { meta: { width: m.width, height: m.height, format: m.format, pages: m.pages ?? 1, channels: m.channels, hasAlpha: m.hasAlpha, exif: Boolean(m.exif) }, data }
}

const photos = ['photo-2725x2225-sharp-bench.jpg', 'exif-orientation-6.jpg', 'progressive-2560x1600-cups.jpg']
const cases = []
// Every edit, on a photo, as WebP.
for (const edits of [
  [{ resize: { width: 400 } }], [{ resize: { width: 200, dpr: 2 } }], [{ resize: { width: 200, height: 200, position: { x: 0.8, y: 0.3 } } }], [{ resize: { width: 300, height: 300, fit: 'cover', position: 'attention' } }],
  [{ resize: { width: 300, height: 300, fit: 'contain', background: 'red' } }], [{ rotate: { angle: 90 } }],
  [{ flip: true }, { flop: true }], [{ crop: { left: 100, top: 50, width: 500, height: 400 } }],
  [{ resize: { width: 300 } }, { extend: { top: 10, bottom: 10, left: 20, right: 20, background: '#00f' } }],
  [{ resize: { width: 300 } }, { blur: 3 }], [{ resize: { width: 300 } }, { sharpen: 2 }],
  [{ resize: { width: 300 } }, { grayscale: true }], [{ resize: { width: 300 } }, { modulate: { brightness: 1.1, saturation: 0.5, hue: 30 } }],
  [{ resize: { width: 300 } }, { tint: { r: 255, g: 200, b: 0 } }], [{ resize: { width: 300 } }, { invert: true }],
  [{ resize: { width: 300 } }, { normalize: { lower: 1, upper: 99 } }],
  [{ resize: { width: 400 } }, { text: { text: 'Immagin ÉÀ', fontSize: 32, color: 'white', position: 'bottom-right' } }],
]) cases.push({ file: photos[0], edits, output: { format: 'webp' } })
cases.push({ file: 'product-on-white.jpg', edits: [{ trim: { threshold: 10 } }], output: { format: 'png' } })
cases.push({ file: 'alpha-text-transparent-borders.png', edits: [{ trim: true }], output: { format: 'png' } })
cases.push({ file: 'alpha-logo-1689x1800.png', edits: [{ resize: { width: 300 } }, { flatten: { background: 'white' } }], output: { format: 'jpeg' } })
// Every output format, from a photo and from an image with alpha.
for (const format of ['webp', 'jpeg', 'png', 'avif', 'heif', 'gif', 'tiff', 'jp2']) {
  cases.push({ file: photos[2], edits: [{ resize: { width: 320 } }], output: { format, quality: 80 } })
  cases.push({ file: 'alpha-logo-1689x1800.png', edits: [{ resize: { width: 200 } }], output: { format } })
}
// Every input the engine decodes (auto-orient, 16-bit, palette, animation, AVIF, TIFF, WebP).
for (const file of ['exif-orientation-3.jpg', 'exif-orientation-6.jpg', 'exif-orientation-8.jpg', 'png-16bit-rgb.png', 'png-palette.png', 'lossy.webp', 'uncompressed.tiff', 'face-portrait.jpg', photos[1]]) {
  cases.push({ file, edits: [{ resize: { width: 240 } }], output: { format: 'webp' } })
}
// A 12 MP AVIF original: 100 MiB with dav1d decoding (198 MiB with aom's decoder), within
// Workers' 128 MB.
cases.push({ file: 'avif-orientation-6.avif', edits: [{ resize: { width: 240 } }], output: { format: 'webp' }, maxMemory: 120 })
cases.push({ file: 'animated-44frames.gif', edits: [{ resize: { width: 120 } }], output: { format: 'gif' } })
// An image layer: a logo with alpha over a photo, scaled and half transparent.
cases.push({
  file: photos[0], edits: [{ resize: { width: 480 } }, { image: { key: 'brand/logo.png', width: 120, opacity: 0.6, position: 'top-right' } }],
  output: { format: 'webp' }, overlays: { 'brand/logo.png': 'alpha-logo-1689x1800.png' },
})
cases.push({ file: 'animated-44frames.gif', edits: [{ resize: { width: 120 } }], output: { format: 'webp', animated: false } })
cases.push({ file: 'animated-44frames.gif', edits: [{ resize: { width: 120 } }], output: { format: 'webp' } })
for (const file of [photos[0], 'alpha-logo-1689x1800.png']) {
  cases.push({ file, edits: [{ resize: { width: 100 } }], output: { format: 'thumbhash' } })
}

let failures = 0
for (const { file, edits, output, overlays, tolerance = TOLERANCE[output.format], maxMemory = MAX_MEMORY_MIB } of cases) {
  const name = `${file} ${JSON.stringify(edits)} → ${output.format}`
  const native = viaNative(file, edits, output, overlays)
  const wasm = await viaWasm(file, edits, output, overlays)
  if (native.status !== 200 || wasm.status !== 200) {
    console.log(`not ok ${name}: native ${native.status || native.error}, wasm ${wasm.status} ${wasm.status === 200 ? '' : wasm.body.toString()}`)
    failures++
    continue
  }
  if (output.format === 'thumbhash') {
    // A placeholder is JSON: the same hash and size, and a data URL of the same pixels (the
    // PNG bytes may differ: the two builds have different zlibs).
    const [n, w] = [JSON.parse(native.body), JSON.parse(wasm.body)]
    const pixels = (p) => sharp(Buffer.from(p.dataUrl.split(',')[1], 'base64')).raw().toBuffer()
    const same = n.thumbhash === w.thumbhash && n.width === w.width && n.height === w.height &&
      (await pixels(n)).equals(await pixels(w))
    if (!same) failures++
    console.log(`${same ? 'ok' : 'not ok'} ${name}: native ${n.thumbhash} ${n.width}x${n.height}, wasm ${w.thumbhash} ${w.width}x${w.height}`)
    continue
  }
  const [a, b] = [await describe(readable(native.body, output.format)), await describe(readable(wasm.body, output.format))]
  const sameMeta = JSON.stringify(a.meta) === JSON.stringify(b.meta)
  let diff = Infinity
  if (sameMeta && a.data.length === b.data.length) {
    let sum = 0
    for (let i = 0; i < a.data.length; i++) sum += Math.abs(a.data[i] - b.data[i])
    diff = sum / a.data.length
  }
  const ok = sameMeta && diff <= tolerance && wasm.memory <= maxMemory
  if (!ok) failures++
  console.log(`${ok ? 'ok' : 'not ok'} ${name}: ${a.meta.width}x${a.meta.height} ${a.meta.format}, mean |Δ| ${diff.toFixed(3)} (≤ ${tolerance}), bytes native ${native.body.length} wasm ${wasm.body.length}, wasm memory ${wasm.memory.toFixed(0)} MiB (≤ ${maxMemory})${sameMeta ? '' : `\n  native ${JSON.stringify(a.meta)}\n  wasm   ${JSON.stringify(b.meta)}`}`)
}
// SVG needs librsvg, which is not in the module: a clear 415, never a crash.
const svg = await viaWasm('commons-logo.svg', [], { format: 'png' })
if (svg.status !== 415) {
  console.log(`not ok commons-logo.svg: wasm answered ${svg.status}, expected 415`)
  failures++
} else {
  console.log('ok commons-logo.svg: 415 in wasm (no librsvg in the module)')
}
rmSync(work, { recursive: true, force: true })
console.log(`engine_parity: ${cases.length + 1 - failures}/${cases.length + 1} cases agree; peak linear memory of one render ${peak.toFixed(1)} MiB`)
process.exit(failures ? 1 : 0)

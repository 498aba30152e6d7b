// Signed Luna paths for the load and soak scripts, one per line:
//   node signed_paths.mjs TENANT SECRET canonical KEY        the five canonical operations
//   node signed_paths.mjs TENANT SECRET soak COUNT KEY...    COUNT mixed requests over the
//     given originals: every edit family, every output format, animated outputs, metadata,
//     with sizes drawn from a fixed seed (the same list on every run)
import { createHmac } from 'node:crypto'
import { operations } from './operations.mjs'

const [tenant, secret, mode, ...rest] = process.argv.slice(2)

function sign(payload) {
  const encoded = Buffer.from(JSON.stringify(payload)).toString('base64url')
  const sig = createHmac('sha256', Buffer.from(secret, 'base64url'))
    .update(`immagin-v1\n${tenant}\n${encoded}`).digest('base64url')
  return `/${tenant}/${encoded}?sig=${sig}`
}

let seed = 0x5eed
function random() { // mulberry32: the list must not change between runs
  seed = (seed + 0x6d2b79f5) | 0
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}
const pick = (list) => list[Math.floor(random() * list.length)]
const between = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1))

// Each family starts from a resize so that crops and text fit whatever the original is.
const families = [
  (w) => [{ resize: { width: w, height: between(100, 900), fit: pick(['cover', 'contain', 'fill', 'inside', 'outside']) } }],
  (w) => [{ resize: { width: w, height: w, position: pick(['entropy', 'attention', 'top', 'left']) } }],
  (w) => [{ resize: { width: w } }, { rotate: { angle: pick([90, 180, 270, 17, -33]), background: '#336699' } }],
  (w) => [{ resize: { width: w } }, { flip: true }, { flop: true }],
  (w) => [{ resize: { width: w, height: w } }, { crop: { left: 10, top: 10, width: Math.floor(w / 2), height: Math.floor(w / 3) } }],
  (w) => [{ resize: { width: w } }, { extend: { top: 20, bottom: 20, left: 8, right: 8, background: 'white' } }],
  (w) => [{ resize: { width: w } }, { trim: { threshold: 12 } }],
  (w) => [{ resize: { width: w } }, { blur: between(1, 30) }],
  (w) => [{ resize: { width: w } }, { sharpen: between(1, 5) }],
  (w) => [{ resize: { width: w } }, { grayscale: true }, { invert: true }],
  (w) => [{ resize: { width: w } }, { modulate: { brightness: 1.2, saturation: 0.7, hue: 40 } }],
  (w) => [{ resize: { width: w } }, { tint: { r: 200, g: 120, b: 40 } }],
  (w) => [{ resize: { width: w } }, { normalize: { lower: 2, upper: 98 } }],
  (w) => [{ resize: { width: w } }, { flatten: { background: '#ffeedd' } }],
  (w) => [{ resize: { width: w, height: w } }, { text: { text: `soak ${w}`, fontSize: 24, color: 'white', position: 'bottom-right', opacity: 0.8 } }],
]
// HEIF (x265) costs several times any other encoder: it comes up less often.
const outputs = [
  {}, {}, {}, { format: 'jpeg', quality: 80, progressive: true }, { format: 'jpeg' }, { format: 'png' },
  { format: 'avif' }, { format: 'gif' }, { format: 'jp2' }, { format: 'tiff' }, { format: 'webp', lossless: true },
]
const output = () => (random() < 0.03 ? { format: 'heif' } : pick(outputs))

if (mode === 'canonical') {
  for (const [edits, output] of Object.values(operations)) console.log(sign({ key: rest[0], edits, output }))
} else if (mode === 'soak') {
  const [count, ...keys] = rest
  const animated = keys.filter((k) => k.endsWith('.gif'))
  for (let n = 0; n < Number(count); n++) {
    const roll = random()
    if (roll < 0.05) {
      console.log(sign({ key: pick(keys), metadata: true }))
    } else if (roll < 0.12 && animated.length) { // every frame, animated output
      console.log(sign({ key: pick(animated), edits: [{ resize: { width: between(60, 300) } }], output: pick([{}, { format: 'gif' }]) }))
    } else {
      console.log(sign({ key: pick(keys), edits: pick(families)(between(48, 640)), output: output() }))
    }
  }
} else {
  console.error('usage: signed_paths.mjs TENANT SECRET canonical KEY | soak COUNT KEY...')
  process.exit(2)
}

// Against a running stack (control plane + Luna), not part of `npm test`:
//   IMMAGIN_API_URL=http://127.0.0.1:8081 IMMAGIN_API_KEY=imk_... npm run test:live
// Optional: IMMAGIN_CDN_URL to override the project's delivery base.
// It uploads, lists, transforms, reads metadata and deletes images under a fresh prefix, and
// creates then revokes one API key.

import assert from 'node:assert/strict'
import { before, describe, test } from 'node:test'
import { deflateSync } from 'node:zlib'

import { Immagin, ImmaginError } from '../../dist/esm/index.js'

const apiUrl = process.env.IMMAGIN_API_URL
const apiKey = process.env.IMMAGIN_API_KEY
if (!apiUrl || !apiKey) {
  throw new Error('set IMMAGIN_API_URL and IMMAGIN_API_KEY to run the live tests')
}
const client = new Immagin({ apiKey, baseUrl: apiUrl, cdnUrl: process.env.IMMAGIN_CDN_URL || undefined })
const prefix = `sdk-live-${Date.now().toString(36)}/`

/** A width × height RGB PNG (a gradient), made here so the test ships no binary. */
function png(width, height) {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    return c >>> 0
  })
  const crc = (bytes) => {
    let c = 0xffffffff
    for (const b of bytes) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8)
    return (c ^ 0xffffffff) >>> 0
  }
  const chunk = (type, data) => {
    const out = Buffer.alloc(12 + data.length)
    out.writeUInt32BE(data.length, 0)
    out.write(type, 4, 'latin1')
    data.copy(out, 8)
    out.writeUInt32BE(crc(out.subarray(4, 8 + data.length)), 8 + data.length)
    return out
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header.set([8, 2, 0, 0, 0], 8)
  const rows = Buffer.alloc((width * 3 + 1) * height)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const o = y * (width * 3 + 1) + 1 + x * 3
      rows[o] = (x * 255) / width
      rows[o + 1] = (y * 255) / height
      rows[o + 2] = 128
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

const image = png(64, 48)

describe('live stack', () => {
  before(async () => {
    await client.images.upload(image, `${prefix}a.png`)
  })

  test('uploads from a Blob and a ReadableStream, and lists them with size and lastModified', async () => {
    await client.images.upload(new Blob([image], { type: 'image/png' }), `${prefix}b.png`)
    await client.images.upload(new Blob([image]).stream(), `${prefix}c.png`)
    const { images } = await client.images.list({ prefix })
    assert.deepEqual(images.map((i) => i.key), [`${prefix}a.png`, `${prefix}b.png`, `${prefix}c.png`])
    for (const i of images) {
      assert.equal(i.size, image.length)
      assert.ok(!Number.isNaN(Date.parse(i.lastModified)))
    }
  })

  test('pages with limit and cursor', async () => {
    const first = await client.images.list({ prefix, limit: 1 })
    assert.equal(first.images.length, 1)
    assert.ok(first.nextCursor)
    const second = await client.images.list({ prefix, limit: 1, cursor: first.nextCursor })
    assert.notEqual(second.images[0].key, first.images[0].key)
  })

  test('signUrl then a plain PUT, as a browser would', async () => {
    const { uploadUrl, key, expiresAt } = await client.images.signUrl(`${prefix}browser.png`)
    assert.equal(key, `${prefix}browser.png`)
    const ttl = Date.parse(expiresAt) - Date.now()
    assert.ok(ttl > 200_000 && ttl <= 301_000, `expires in ${ttl} ms`)
    const put = await fetch(uploadUrl, { method: 'PUT', body: image })
    assert.ok(put.ok, `PUT answered ${put.status}`)
  })

  test('a signed transform URL is served by Luna', async () => {
    const url = await client.images.url(`${prefix}a.png`, [{ resize: { width: 32 } }, { blur: 1 }], { format: 'jpeg', quality: 80 })
    const response = await fetch(url)
    assert.equal(response.status, 200, await response.clone().text())
    assert.equal(response.headers.get('content-type'), 'image/jpeg')
    const bytes = new Uint8Array(await response.arrayBuffer())
    assert.deepEqual([...bytes.subarray(0, 3)], [0xff, 0xd8, 0xff])
  })

  test('a tampered signature is refused with 403', async () => {
    const url = new URL(await client.images.url(`${prefix}a.png`, { resize: { width: 16 } }))
    const sig = url.searchParams.get('sig')
    url.searchParams.set('sig', (sig[0] === 'A' ? 'B' : 'A') + sig.slice(1))
    assert.equal((await fetch(url)).status, 403)
  })

  test('metadata comes from Luna', async () => {
    const meta = await client.images.metadata(`${prefix}a.png`)
    assert.equal(meta.width, 64)
    assert.equal(meta.height, 48)
    assert.equal(meta.format, 'png')
    assert.equal(meta.hasAlpha, false)
    assert.equal(meta.size, image.length)
  })

  test('metadata of a missing image is an ImmaginError 404', async () => {
    await assert.rejects(client.images.metadata(`${prefix}missing.png`), { name: 'ImmaginError', status: 404 })
  })

  test('delete removes the original; deleting again is a 404', async () => {
    for (const name of ['a.png', 'b.png', 'c.png', 'browser.png']) await client.images.delete(`${prefix}${name}`)
    assert.deepEqual((await client.images.list({ prefix })).images, [])
    await assert.rejects(client.images.delete(`${prefix}a.png`), (err) => {
      assert.ok(err instanceof ImmaginError)
      assert.equal(err.status, 404)
      return true
    })
  })

  test('keys: create, list, use, revoke', async () => {
    const created = await client.keys.create({ name: 'sdk live test' })
    assert.match(created.key, /^imk_[A-Za-z0-9]{22,}$/)
    assert.equal(created.prefix, created.key.slice(0, 8))
    const listed = await client.keys.list()
    assert.ok(listed.some((k) => k.id === created.id && k.prefix === created.prefix && !('key' in k)))
    const other = new Immagin({ apiKey: created.key, baseUrl: apiUrl })
    await other.keys.list()
    await client.keys.revoke(created.id)
    await assert.rejects(other.keys.list(), { name: 'ImmaginError', status: 401 })
    assert.ok(!(await client.keys.list()).some((k) => k.id === created.id))
  })
})

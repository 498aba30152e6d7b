import assert from 'node:assert/strict'
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { describe, test } from 'node:test'

import { Immagin, ImmaginError } from '../dist/esm/index.js'
import { API_KEY, BASE_URL, TENANT, fakeFetch, json } from './helpers.mjs'

const BYTES = Uint8Array.from({ length: 3000 }, (_, i) => (i * 31 + 7) & 0xff)
const UPLOAD_PATH = `/uploads/${TENANT}/photos/hero.jpg`

function setup({ put } = {}) {
  const fake = fakeFetch({
    'POST /v1/images/presign': (req) =>
      json({
        uploadUrl: `http://storage.test${UPLOAD_PATH}?max=${req.json.size ?? 1000000}&exp=1800000300&sig=s1g`,
        key: req.json.key,
        expiresAt: '2027-01-15T08:05:00Z',
        maxSize: req.json.size ?? 1000000,
      }),
    [`PUT ${UPLOAD_PATH}`]:
      put ?? ((req) => json({ key: 'photos/hero.jpg', size: req.bytes.length, etag: '"abc123"' }, 201, { ETag: '"abc123"' })),
  })
  const client = new Immagin({ apiKey: API_KEY, baseUrl: BASE_URL, fetch: fake.fetch })
  return { client, ...fake }
}

function streamOf(bytes, chunkSize) {
  let offset = 0
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) return controller.close()
      controller.enqueue(bytes.slice(offset, offset + chunkSize))
      offset += chunkSize
    },
  })
}

function assertUploaded(requests, expected = BYTES, contentType = 'application/octet-stream') {
  assert.equal(requests.length, 2)
  const [presign, put] = requests
  assert.equal(presign.method, 'POST')
  assert.equal(presign.path, '/v1/images/presign')
  assert.equal(presign.headers.authorization, `Bearer ${API_KEY}`)
  assert.deepEqual(presign.json, { key: 'photos/hero.jpg', size: expected.length })
  assert.equal(put.method, 'PUT')
  assert.equal(put.origin, 'http://storage.test')
  assert.equal(put.path, UPLOAD_PATH)
  assert.deepEqual(put.query, { max: String(expected.length), exp: '1800000300', sig: 's1g' })
  assert.equal(put.headers.authorization, undefined, 'the presigned URL is the only credential')
  assert.equal(put.headers['content-type'], contentType)
  assert.deepEqual(put.bytes, expected)
}

describe('images.upload', () => {
  test('from a Uint8Array: presign, then PUT the same bytes', async () => {
    const { client, requests } = setup()
    assert.deepEqual(await client.images.upload(BYTES, 'photos/hero.jpg'), {
      key: 'photos/hero.jpg',
      size: BYTES.length,
      etag: '"abc123"',
    })
    assertUploaded(requests)
  })

  test('from a Buffer that is a view into a larger pool', async () => {
    const { client, requests } = setup()
    const pool = Buffer.concat([Buffer.from('junk-before'), Buffer.from(BYTES), Buffer.from('junk-after')])
    const view = pool.subarray(11, 11 + BYTES.length)
    await client.images.upload(view, 'photos/hero.jpg')
    assertUploaded(requests)
  })

  test('from an ArrayBuffer', async () => {
    const { client, requests } = setup()
    await client.images.upload(BYTES.slice().buffer, 'photos/hero.jpg')
    assertUploaded(requests)
  })

  test('from a Blob, with its type as Content-Type', async () => {
    const { client, requests } = setup()
    await client.images.upload(new Blob([BYTES.slice(0, 1000), BYTES.slice(1000)], { type: 'image/jpeg' }), 'photos/hero.jpg')
    assertUploaded(requests, BYTES, 'image/jpeg')
  })

  test('from a ReadableStream, read to the end and sent with its length', async () => {
    const { client, requests } = setup()
    await client.images.upload(streamOf(BYTES, 700), 'photos/hero.jpg')
    assertUploaded(requests)
    // Not the stream itself: a streamed body would go out chunked, without a Content-Length.
    assert.ok(requests[1].rawBody instanceof Uint8Array)
  })

  test('from a Node.js stream (async iterable): fs.createReadStream and Readable.from', async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'immagin-upload-'))
    t.after(() => rmSync(dir, { recursive: true, force: true }))
    const file = join(dir, 'hero.jpg')
    writeFileSync(file, BYTES)
    const fromFile = setup()
    await fromFile.client.images.upload(createReadStream(file, { highWaterMark: 512 }), 'photos/hero.jpg')
    assertUploaded(fromFile.requests)
    const fromChunks = setup()
    await fromChunks.client.images.upload(Readable.from([Buffer.from(BYTES.subarray(0, 10)), Buffer.from(BYTES.subarray(10))]), 'photos/hero.jpg')
    assertUploaded(fromChunks.requests)
  })

  test('an empty stream uploads zero bytes', async () => {
    const { client, requests } = setup()
    await client.images.upload(streamOf(new Uint8Array(0), 1), 'photos/hero.jpg')
    assertUploaded(requests, new Uint8Array(0))
  })

  test('S3-style answer (200, empty body, ETag header)', async () => {
    const { client } = setup({ put: () => new Response(null, { status: 200, headers: { ETag: '"s3etag"' } }) })
    assert.deepEqual(await client.images.upload(BYTES, 'photos/hero.jpg'), { key: 'photos/hero.jpg', etag: '"s3etag"' })
  })

  test('a refused PUT is an ImmaginError', async () => {
    const body = { error: { code: 'expired', message: 'the upload URL has expired' } }
    const { client } = setup({ put: () => json(body, 410) })
    await assert.rejects(client.images.upload(BYTES, 'photos/hero.jpg'), (err) => {
      assert.ok(err instanceof ImmaginError)
      assert.equal(err.status, 410)
      assert.equal(err.message, 'the upload URL has expired')
      assert.deepEqual(err.body, body)
      return true
    })
  })

  test('a refused presign (402, unpaid bill) stops before the PUT', async () => {
    const fake = fakeFetch({
      'POST /v1/images/presign': () => json({ error: { code: 'payment_required', message: 'uploads are suspended' } }, 402),
    })
    const client = new Immagin({ apiKey: API_KEY, baseUrl: BASE_URL, fetch: fake.fetch })
    await assert.rejects(client.images.upload(BYTES, 'a.jpg'), { name: 'ImmaginError', status: 402 })
    assert.equal(fake.requests.length, 1)
  })

  test('anything else is a TypeError before any request', async () => {
    const { client, requests } = setup()
    await assert.rejects(client.images.upload('not bytes', 'a.jpg'), TypeError)
    await assert.rejects(client.images.upload(streamOf(['strings'], 1), 'a.jpg'), TypeError)
    await assert.rejects(client.images.upload(Readable.from(['text chunks']), 'a.jpg'), TypeError)
    assert.equal(requests.length, 0)
  })
})

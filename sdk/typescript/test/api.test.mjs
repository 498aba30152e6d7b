import assert from 'node:assert/strict'
import { describe, test } from 'node:test'

import { DEFAULT_BASE_URL, Immagin, ImmaginError } from '../dist/esm/index.js'
import { API_KEY, BASE_URL, SECRET, TENANT, expectedSignature, fakeFetch, json, parseDeliveryUrl, project } from './helpers.mjs'

function setup(routes) {
  const fake = fakeFetch(routes)
  const client = new Immagin({ apiKey: API_KEY, baseUrl: `${BASE_URL}/`, fetch: fake.fetch })
  return { client, ...fake }
}

function assertApiRequest(req, method, path) {
  assert.equal(req.method, method)
  assert.equal(req.origin, BASE_URL)
  assert.equal(req.path, path)
  assert.equal(req.headers.authorization, `Bearer ${API_KEY}`)
  assert.equal(req.headers.accept, 'application/json')
}

describe('construction', () => {
  test('apiKey is required', () => {
    assert.throws(() => new Immagin({ apiKey: undefined }), { name: 'TypeError', message: /apiKey/ })
    assert.throws(() => new Immagin({ apiKey: '' }), TypeError)
  })

  test('baseUrl defaults to the hosted API', async () => {
    const fake = fakeFetch({ 'GET /v1/keys': () => json({ keys: [] }) })
    const client = new Immagin({ apiKey: API_KEY, fetch: fake.fetch })
    await client.keys.list()
    assert.equal(fake.requests[0].origin, DEFAULT_BASE_URL)
  })

  test('uses globalThis.fetch when none is injected, looked up at call time', async (t) => {
    const original = globalThis.fetch
    t.after(() => {
      globalThis.fetch = original
    })
    const fake = fakeFetch({ 'GET /v1/keys': () => json({ keys: [] }) })
    const client = new Immagin({ apiKey: API_KEY, baseUrl: BASE_URL })
    globalThis.fetch = fake.fetch
    await client.keys.list()
    assert.equal(fake.requests.length, 1)
  })
})

describe('images', () => {
  test('list sends limit, cursor and prefix and returns the page', async () => {
    const page = {
      images: [{ key: 'gallery/a.jpg', size: 1234, lastModified: '2026-11-27T10:00:00.123Z' }],
      nextCursor: 'azE6Z2FsbGVyeS9hLmpwZw',
    }
    const { client, requests } = setup({ 'GET /v1/images': () => json(page) })
    assert.deepEqual(await client.images.list({ limit: 50, cursor: 'abc', prefix: 'gallery/' }), page)
    assertApiRequest(requests[0], 'GET', '/v1/images')
    assert.deepEqual(requests[0].query, { limit: '50', cursor: 'abc', prefix: 'gallery/' })
    assert.equal(requests[0].search, '?limit=50&cursor=abc&prefix=gallery/', "'/' stays literal")
    assert.equal(requests[0].headers['content-type'], undefined)
    assert.equal(requests[0].bytes.length, 0)
  })

  test('list percent-encodes other characters of a prefix', async () => {
    const { client, requests } = setup({ 'GET /v1/images': () => json({ images: [] }) })
    await client.images.list({ prefix: 'a b&c=d/é' })
    assert.equal(requests[0].search, '?prefix=a%20b%26c%3Dd/%C3%A9')
    assert.deepEqual(requests[0].query, { prefix: 'a b&c=d/é' })
  })

  test('list without options sends no query; a last page has no nextCursor', async () => {
    const { client, requests } = setup({ 'GET /v1/images': () => json({ images: [] }) })
    const page = await client.images.list()
    assert.deepEqual(page, { images: [] })
    assert.equal(page.nextCursor, undefined)
    assert.equal(requests[0].search, '')
  })

  test('list refuses an answer without images', async () => {
    const { client } = setup({ 'GET /v1/images': () => json({ items: [] }) })
    await assert.rejects(client.images.list(), /images is missing/)
  })

  test('delete sends DELETE with each key segment percent-encoded; 204 resolves to undefined', async () => {
    const { client, requests } = setup({
      'DELETE /v1/images/old%20avatars/%C3%A9t%C3%A9%3F.jpg': () => new Response(null, { status: 204 }),
    })
    assert.equal(await client.images.delete('old avatars/été?.jpg'), undefined)
    assertApiRequest(requests[0], 'DELETE', '/v1/images/old%20avatars/%C3%A9t%C3%A9%3F.jpg')
  })

  test('delete refuses an empty key before any request', async () => {
    const { client, requests } = setup({})
    await assert.rejects(client.images.delete(''), TypeError)
    await assert.rejects(client.keys.revoke(''), TypeError)
    assert.equal(requests.length, 0)
  })

  test('signUrl presigns with a JSON body and returns uploadUrl, key, expiresAt', async () => {
    const answer = {
      uploadUrl: `${BASE_URL}/uploads/${TENANT}/avatar.jpg?max=10485760&exp=1800000300&sig=abc`,
      key: 'avatar.jpg',
      expiresAt: '2027-01-15T08:05:00Z',
      maxSize: 10485760,
    }
    const { client, requests } = setup({ 'POST /v1/images/presign': () => json(answer) })
    assert.deepEqual(await client.images.signUrl('avatar.jpg'), answer)
    assertApiRequest(requests[0], 'POST', '/v1/images/presign')
    assert.equal(requests[0].headers['content-type'], 'application/json')
    assert.deepEqual(requests[0].json, { key: 'avatar.jpg' })
  })

  test('signUrl passes a size bound when given', async () => {
    const { client, requests } = setup({
      'POST /v1/images/presign': () => json({ uploadUrl: 'http://x/u', key: 'a.jpg', expiresAt: 'x', maxSize: 10 }),
    })
    await client.images.signUrl('a.jpg', { size: 10 })
    assert.deepEqual(requests[0].json, { key: 'a.jpg', size: 10 })
  })

  test('metadata signs {key, metadata: true} and GETs the delivery URL without the API key', async () => {
    const meta = {
      width: 1920, height: 1080, format: 'jpeg', space: 'srgb', channels: 3, hasAlpha: false,
      orientation: 1, density: 72, isProgressive: false, pages: 1, size: 204800,
    }
    const { client, requests } = setup({
      'GET /v1/project': () => json(project()),
      [`GET /${TENANT}/${Buffer.from('{"key":"photo.jpg","metadata":true}').toString('base64url')}`]: () => json(meta),
    })
    assert.deepEqual(await client.images.metadata('photo.jpg'), meta)
    assert.equal(requests.length, 2)
    const edge = requests[1]
    assert.equal(edge.method, 'GET')
    assert.equal(edge.origin, 'http://edge.test:8080')
    assert.equal(edge.headers.authorization, undefined)
    const parts = parseDeliveryUrl(edge.url)
    assert.deepEqual(parts.json, { key: 'photo.jpg', metadata: true })
    assert.equal(parts.sig, expectedSignature(SECRET, TENANT, parts.payload))
  })

  test('placeholder signs the edits with format thumbhash and returns the JSON', async () => {
    const answer = { thumbhash: '3OcRJYB4d3h/iIeHeEh3eIhw+j3A', width: 400, height: 300, dataUrl: 'data:image/png;base64,iVBOR' }
    const payload = { key: 'photo.jpg', edits: [{ resize: { width: 400 } }], output: { format: 'thumbhash' } }
    const { client, requests } = setup({
      'GET /v1/project': () => json(project()),
      [`GET /${TENANT}/${Buffer.from(JSON.stringify(payload)).toString('base64url')}`]: () => json(answer),
    })
    assert.deepEqual(await client.images.placeholder('photo.jpg', { resize: { width: 400 } }), answer)
    const parts = parseDeliveryUrl(requests[1].url)
    assert.deepEqual(parts.json, payload)
    assert.equal(requests[1].headers.authorization, undefined)
  })

  test('metadata: an edge error is an ImmaginError with the edge body', async () => {
    const body = { error: { code: 'not_found', field: 'key', message: 'no such image' } }
    const fake = fakeFetch({ 'GET /v1/project': () => json(project()) })
    const client = new Immagin({
      apiKey: API_KEY,
      baseUrl: BASE_URL,
      fetch: async (input, init) => (String(input).startsWith('http://edge.test') ? json(body, 404) : fake.fetch(input, init)),
    })
    await assert.rejects(client.images.metadata('missing.jpg'), (err) => {
      assert.ok(err instanceof ImmaginError)
      assert.equal(err.status, 404)
      assert.equal(err.message, 'no such image')
      assert.deepEqual(err.body, body)
      return true
    })
  })
})

describe('keys', () => {
  const created = {
    id: 'key_7',
    key: 'imk_aBcDeFgHiJkLmNoPqRsTuVwX',
    prefix: 'imk_aBcD',
    name: 'Production',
    createdAt: '2026-11-27T10:00:00Z',
  }

  test('create POSTs {name} and returns the key shown once', async () => {
    const { client, requests } = setup({ 'POST /v1/keys': () => json(created, 201) })
    assert.deepEqual(await client.keys.create({ name: 'Production' }), created)
    assertApiRequest(requests[0], 'POST', '/v1/keys')
    assert.equal(requests[0].headers['content-type'], 'application/json')
    assert.deepEqual(requests[0].json, { name: 'Production' })
  })

  test('list unwraps {keys: [...]} into an array', async () => {
    const keys = [
      { id: 'key_1', prefix: 'imk_Zzzz', name: 'CI', createdAt: '2026-11-01T00:00:00Z', lastUsedAt: '2026-11-26T00:00:00Z' },
      { id: 'key_7', prefix: 'imk_aBcD', name: 'Production', createdAt: '2026-11-27T10:00:00Z' },
    ]
    const { client, requests } = setup({ 'GET /v1/keys': () => json({ keys }) })
    assert.deepEqual(await client.keys.list(), keys)
    assertApiRequest(requests[0], 'GET', '/v1/keys')
  })

  test('revoke DELETEs the key by id', async () => {
    const { client, requests } = setup({ 'DELETE /v1/keys/key%2F7': () => new Response(null, { status: 204 }) })
    assert.equal(await client.keys.revoke('key/7'), undefined)
    assertApiRequest(requests[0], 'DELETE', '/v1/keys/key%2F7')
  })
})

describe('errors', () => {
  test('4xx: ImmaginError with status, the body message, the parsed body, code and field', async () => {
    const body = { error: { code: 'invalid_argument', field: 'name', message: 'name: must not be empty' } }
    const { client } = setup({ 'POST /v1/keys': () => json(body, 400) })
    const err = await client.keys.create({ name: '' }).then(
      () => assert.fail('expected a rejection'),
      (e) => e,
    )
    assert.ok(err instanceof ImmaginError)
    assert.ok(err instanceof Error)
    assert.equal(err.name, 'ImmaginError')
    assert.equal(err.status, 400)
    assert.equal(err.message, 'name: must not be empty')
    assert.deepEqual(err.body, body)
    assert.equal(err.code, 'invalid_argument')
    assert.equal(err.field, 'name')
  })

  test('404 on delete', async () => {
    const body = { error: { code: 'not_found', message: 'Not Found' } }
    const { client } = setup({ 'DELETE /v1/images/missing.jpg': () => json(body, 404) })
    await assert.rejects(client.images.delete('missing.jpg'), { name: 'ImmaginError', status: 404, message: 'Not Found', body })
  })

  test('401 from every method', async () => {
    const body = { error: { code: 'unauthenticated', message: 'invalid API key' } }
    const answer = () => json(body, 401)
    const { client } = setup({
      'GET /v1/project': answer,
      'GET /v1/images': answer,
      'POST /v1/images/presign': answer,
      'DELETE /v1/images/a.jpg': answer,
      'GET /v1/keys': answer,
      'POST /v1/keys': answer,
      'DELETE /v1/keys/k1': answer,
    })
    const calls = [
      client.images.url('a.jpg'),
      client.images.metadata('a.jpg'),
      client.images.list(),
      client.images.signUrl('a.jpg'),
      client.images.upload(new Uint8Array(1), 'a.jpg'),
      client.images.delete('a.jpg'),
      client.keys.list(),
      client.keys.create({ name: 'x' }),
      client.keys.revoke('k1'),
    ]
    for (const call of calls) {
      await assert.rejects(call, { name: 'ImmaginError', status: 401, message: 'invalid API key', body })
    }
  })

  test('5xx with a non-JSON body: message is the status text, body the text', async () => {
    const { client } = setup({
      'GET /v1/keys': () => new Response('<html>upstream down</html>', { status: 502, statusText: 'Bad Gateway' }),
    })
    await assert.rejects(client.keys.list(), {
      name: 'ImmaginError',
      status: 502,
      message: 'Bad Gateway',
      body: '<html>upstream down</html>',
    })
  })

  test('an error without body or status text still has a message', async () => {
    const { client } = setup({ 'GET /v1/keys': () => new Response(null, { status: 500 }) })
    await assert.rejects(client.keys.list(), { status: 500, message: 'HTTP 500', body: undefined })
  })

  test('network errors propagate unchanged', async () => {
    const failure = new TypeError('fetch failed')
    const client = new Immagin({ apiKey: API_KEY, baseUrl: BASE_URL, fetch: async () => { throw failure } })
    for (const call of [client.keys.list(), client.images.list(), client.images.url('a.jpg'), client.images.upload(new Uint8Array(1), 'a')]) {
      await assert.rejects(call, (err) => err === failure)
    }
  })
})

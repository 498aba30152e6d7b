import assert from 'node:assert/strict'
import { describe, test } from 'node:test'

import { Immagin, ImmaginError } from '../dist/esm/index.js'
import { base64UrlDecode, base64UrlEncode } from '../dist/esm/base64url.js'
import { importHmacKey } from '../dist/esm/crypto.js'
import { signPayload, tenantBase } from '../dist/esm/signing.js'
import {
  API_KEY,
  BASE_URL,
  SECRET,
  TENANT,
  expectedSignature,
  fakeFetch,
  json,
  parseDeliveryUrl,
  project,
} from './helpers.mjs'

function clientWith(projectBody = project(), options = {}) {
  const fake = fakeFetch({ 'GET /v1/project': () => json(projectBody) })
  const client = new Immagin({ apiKey: API_KEY, baseUrl: BASE_URL, fetch: fake.fetch, ...options })
  return { client, ...fake }
}

describe('signature', () => {
  test('matches the shared test vector (secret 0x00..0x1f, demo-project, {"key":"hero.jpg"})', async () => {
    const key = await importHmacKey(SECRET)
    assert.equal(
      await signPayload(key, 'demo-project', 'eyJrZXkiOiJoZXJvLmpwZyJ9'),
      'l2NDf1mFGBfe41C30JPOnChik1Cdxck3tj-cqbwu_KE',
    )
  })

  test('url() with no edits yields exactly the test vector URL', async () => {
    const { client } = clientWith()
    assert.equal(
      await client.images.url('hero.jpg'),
      'http://edge.test:8080/demo-project/eyJrZXkiOiJoZXJvLmpwZyJ9?sig=l2NDf1mFGBfe41C30JPOnChik1Cdxck3tj-cqbwu_KE',
    )
  })
})

describe('images.url', () => {
  test('signature verifies with node:crypto over "immagin-v1\\n" + tenant + "\\n" + payload', async () => {
    const { client } = clientWith()
    const edits = [{ resize: { width: 800, height: 600, fit: 'contain', background: '#000000' } }, { blur: 5 }]
    const output = { format: 'jpeg', quality: 85, progressive: true }
    const parts = parseDeliveryUrl(await client.images.url('photos/été 1.jpg', edits, output))
    assert.equal(parts.sig, expectedSignature(SECRET, TENANT, parts.payload))
    assert.deepEqual(parts.json, { key: 'photos/été 1.jpg', edits, output })
    assert.equal(parts.base, `http://edge.test:8080/${TENANT}`)
    assert.match(parts.payload, /^[A-Za-z0-9_-]+$/, 'base64url without padding')
    assert.equal(parts.search, `?sig=${parts.sig}`)
  })

  test('expiresIn signs exp, now + that many seconds, into the payload', async () => {
    const { client } = clientWith()
    const before = Math.floor(Date.now() / 1000)
    const parts = parseDeliveryUrl(await client.images.url('a.jpg', { blur: 5 }, undefined, { expiresIn: 3600 }))
    const after = Math.floor(Date.now() / 1000)
    assert.ok(parts.json.exp >= before + 3600 && parts.json.exp <= after + 3600, `exp ${parts.json.exp}`)
    assert.deepEqual(parts.json, { key: 'a.jpg', edits: [{ blur: 5 }], exp: parts.json.exp })
    assert.equal(parts.sig, expectedSignature(SECRET, TENANT, parts.payload), 'exp is signed')
    const forever = parseDeliveryUrl(await client.images.url('a.jpg', { blur: 5 }, undefined, {}))
    assert.equal('exp' in forever.json, false)
  })

  test('an expiresIn that is not a whole number of seconds ≥ 1 is refused, not ignored', async () => {
    const { client } = clientWith()
    for (const expiresIn of [0, -60, 1.5, Number.NaN, Infinity, '60']) {
      await assert.rejects(client.images.url('a.jpg', undefined, undefined, { expiresIn }),
        (e) => e instanceof TypeError && /expiresIn/.test(e.message), String(expiresIn))
    }
  })

  test('srcset: one signed URL per width, the resize last, "url Ww" joined by ", "', async () => {
    const { client } = clientWith()
    const srcset = await client.images.srcset('a.jpg', [400, 800], { grayscale: true }, { format: 'avif' })
    const entries = srcset.split(', ').map((entry) => entry.split(' '))
    assert.deepEqual(entries.map(([, w]) => w), ['400w', '800w'])
    for (const [[url], width] of entries.map((e, i) => [e, [400, 800][i]])) {
      const parts = parseDeliveryUrl(url)
      assert.deepEqual(parts.json, { key: 'a.jpg', edits: [{ grayscale: true }, { resize: { width } }], output: { format: 'avif' } })
      assert.equal(parts.sig, expectedSignature(SECRET, TENANT, parts.payload))
    }
    for (const widths of [[], [0], [400, 400], [1.5], 'x']) {
      await assert.rejects(client.images.srcset('a.jpg', widths), TypeError, JSON.stringify(widths))
    }
  })

  test('a tampered payload does not verify', async () => {
    const { client } = clientWith()
    const a = parseDeliveryUrl(await client.images.url('a.jpg', { blur: 5 }))
    const b = parseDeliveryUrl(await client.images.url('a.jpg', { blur: 6 }))
    assert.notEqual(a.sig, b.sig)
    assert.notEqual(a.sig, expectedSignature(SECRET, TENANT, b.payload))
    assert.notEqual(a.sig, expectedSignature(SECRET, 'other-project', a.payload))
  })

  test('one edit object is sent as a one-element list, the same as the array form', async () => {
    const { client } = clientWith()
    const one = parseDeliveryUrl(await client.images.url('photo.jpg', { resize: { width: 800 } }))
    const list = parseDeliveryUrl(await client.images.url('photo.jpg', [{ resize: { width: 800 } }]))
    assert.deepEqual(one.json, { key: 'photo.jpg', edits: [{ resize: { width: 800 } }] })
    assert.equal(one.payload, list.payload)
    assert.equal(one.sig, list.sig)
  })

  test('chained edits keep their order; autoOrient and text pass through', async () => {
    const { client } = clientWith()
    const edits = [
      { autoOrient: false },
      { trim: { threshold: 15 } },
      { normalize: { lower: 1, upper: 99 } },
      { resize: { width: 600, height: 600, fit: 'contain', background: '#ffffff' } },
      { sharpen: 1 },
      { text: { text: '© Acme Inc', position: 'bottom-right', fontSize: 24, color: '#ffffff', opacity: 0.8 } },
    ]
    const parts = parseDeliveryUrl(await client.images.url('products/shoe.jpg', edits))
    assert.deepEqual(parts.json.edits, edits)
    assert.deepEqual(Object.keys(parts.json), ['key', 'edits'])
  })

  test('output alone, without edits', async () => {
    const { client } = clientWith()
    const parts = parseDeliveryUrl(await client.images.url('photo.png', undefined, { format: 'webp', lossless: true }))
    assert.deepEqual(parts.json, { key: 'photo.png', output: { format: 'webp', lossless: true } })
    const empty = parseDeliveryUrl(await client.images.url('photo.png', []))
    assert.deepEqual(empty.json, { key: 'photo.png' })
  })

  test('an edit object naming two edits, or none, is refused before any request', async () => {
    const { client, requests } = clientWith()
    await assert.rejects(client.images.url('a.jpg', [{ resize: { width: 1 }, blur: 5 }]), {
      name: 'TypeError',
      message: /edits\[0\]/,
    })
    await assert.rejects(client.images.url('a.jpg', [{ blur: 2 }, {}]), { message: /edits\[1\]/ })
    await assert.rejects(client.images.url(''), TypeError)
    assert.equal(requests.length, 0)
  })

  test('signing material is fetched once per client, also by concurrent calls', async () => {
    const { client, requests } = clientWith()
    await Promise.all([client.images.url('a.jpg'), client.images.url('b.jpg'), client.images.url('c.jpg')])
    await client.images.url('d.jpg', { blur: 1 })
    const projectRequests = requests.filter((r) => r.path === '/v1/project')
    assert.equal(projectRequests.length, 1)
    assert.equal(projectRequests[0].method, 'GET')
    assert.equal(projectRequests[0].headers.authorization, `Bearer ${API_KEY}`)
    assert.equal(requests.length, 1)
  })

  test('each client has its own cache', async () => {
    const fake = fakeFetch({ 'GET /v1/project': () => json(project()) })
    const a = new Immagin({ apiKey: API_KEY, baseUrl: BASE_URL, fetch: fake.fetch })
    const b = new Immagin({ apiKey: API_KEY, baseUrl: BASE_URL, fetch: fake.fetch })
    await a.images.url('x.jpg')
    await b.images.url('x.jpg')
    assert.equal(fake.requests.length, 2)
  })

  test('a failed project fetch is not cached: it throws ImmaginError, the next call retries', async () => {
    let calls = 0
    const fake = fakeFetch({
      'GET /v1/project': () =>
        ++calls === 1
          ? json({ error: { code: 'unavailable', message: 'try again' } }, 503)
          : json(project()),
    })
    const client = new Immagin({ apiKey: API_KEY, baseUrl: BASE_URL, fetch: fake.fetch })
    await assert.rejects(client.images.url('a.jpg'), (err) => {
      assert.ok(err instanceof ImmaginError)
      assert.equal(err.status, 503)
      assert.equal(err.message, 'try again')
      return true
    })
    const parts = parseDeliveryUrl(await client.images.url('a.jpg'))
    assert.equal(parts.sig, expectedSignature(SECRET, TENANT, parts.payload))
    assert.equal(calls, 2)
  })

  test('a secret past its validUntil (rotated out) is fetched again', async () => {
    const rotated = Uint8Array.from({ length: 32 }, (_, i) => 255 - i)
    let calls = 0
    const fake = fakeFetch({
      'GET /v1/project': () =>
        ++calls === 1
          ? json(project({ signingSecret: { id: 's1', secret: Buffer.from(SECRET).toString('base64url'), validUntil: '2000-01-01T00:00:00Z' } }))
          : json(project({ signingSecret: { id: 's2', secret: Buffer.from(rotated).toString('base64url') } })),
    })
    const client = new Immagin({ apiKey: API_KEY, baseUrl: BASE_URL, fetch: fake.fetch })
    const all = await Promise.all(['a.jpg', 'b.jpg', 'c.jpg'].map((key) => client.images.url(key)))
    for (const href of all) {
      const parts = parseDeliveryUrl(href)
      assert.equal(parts.sig, expectedSignature(rotated, TENANT, parts.payload))
    }
    await client.images.url('d.jpg')
    assert.equal(calls, 2, 'one refetch, shared by the concurrent callers')
  })

  test('host-form delivery base: {base}/{payload}?sig=', async () => {
    const { client } = clientWith(project({ deliveryBaseUrl: `https://${TENANT}.immag.in` }))
    const href = await client.images.url('hero.jpg')
    assert.equal(href, `https://${TENANT}.immag.in/eyJrZXkiOiJoZXJvLmpwZyJ9?sig=l2NDf1mFGBfe41C30JPOnChik1Cdxck3tj-cqbwu_KE`)
  })

  test('cdnUrl overrides the delivery base, in host form or path form', async () => {
    const host = clientWith(project(), { cdnUrl: `https://${TENANT}.cdn.example/` }).client
    assert.match(await host.images.url('hero.jpg'), /^https:\/\/demo-project\.cdn\.example\/eyJrZXkiOiJoZXJvLmpwZyJ9\?sig=/)
    const path = clientWith(project(), { cdnUrl: 'http://127.0.0.1:9000' }).client
    assert.match(await path.images.url('hero.jpg'), /^http:\/\/127\.0\.0\.1:9000\/demo-project\/eyJrZXkiOiJoZXJvLmpwZyJ9\?sig=/)
  })

  test('tenantBase appends the tenant only when the base does not name it', () => {
    assert.equal(tenantBase('http://127.0.0.1:8080', 'demo'), 'http://127.0.0.1:8080/demo')
    assert.equal(tenantBase('http://127.0.0.1:8080/demo/', 'demo'), 'http://127.0.0.1:8080/demo')
    assert.equal(tenantBase('https://demo.immag.in', 'demo'), 'https://demo.immag.in')
    assert.equal(tenantBase('https://demo-2.immag.in', 'demo'), 'https://demo-2.immag.in/demo')
    assert.equal(tenantBase('https://edge.example/luna', 'demo'), 'https://edge.example/luna/demo')
    assert.throws(() => tenantBase('not a url', 'demo'), TypeError)
  })

  test('a project answer without a secret is an error, not a URL signed with nothing', async () => {
    const { client } = clientWith(project({ signingSecret: {} }))
    await assert.rejects(client.images.url('a.jpg'), /signingSecret\.secret/)
  })

  test('falls back to node:crypto webcrypto when globalThis.crypto is missing (Node.js 18)', async (t) => {
    const descriptor = Object.getOwnPropertyDescriptor(globalThis, 'crypto')
    Object.defineProperty(globalThis, 'crypto', { value: undefined, configurable: true, writable: true })
    // Node.js 18 may have no global crypto at all: then there is nothing to restore.
    t.after(() => (descriptor ? Object.defineProperty(globalThis, 'crypto', descriptor) : delete globalThis.crypto))
    assert.equal(globalThis.crypto, undefined)
    // A fresh module instance, so that no CryptoKey from the global Web Crypto is reused.
    const { Immagin: Fresh } = await import(`../dist/esm/index.js?fallback=${Date.now()}`)
    const fake = fakeFetch({ 'GET /v1/project': () => json(project()) })
    const client = new Fresh({ apiKey: API_KEY, baseUrl: BASE_URL, fetch: fake.fetch })
    const parts = parseDeliveryUrl(await client.images.url('hero.jpg'))
    assert.equal(parts.sig, 'l2NDf1mFGBfe41C30JPOnChik1Cdxck3tj-cqbwu_KE')
  })
})

describe('base64url', () => {
  test('matches Buffer for every length 0..64 and round-trips', () => {
    for (let n = 0; n <= 64; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 97 + n * 13) & 0xff)
      const encoded = base64UrlEncode(bytes)
      assert.equal(encoded, Buffer.from(bytes).toString('base64url'))
      assert.deepEqual(base64UrlDecode(encoded), bytes)
    }
  })

  test('decoding tolerates padding and rejects other characters', () => {
    assert.deepEqual(base64UrlDecode('AAE='), Uint8Array.of(0, 1))
    assert.throws(() => base64UrlDecode('AA+E'), TypeError)
    assert.throws(() => base64UrlDecode('A'), TypeError)
  })
})

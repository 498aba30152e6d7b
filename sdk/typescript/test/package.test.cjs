// The published entry points: `require` and `import` of '@immagin/client' resolve through
// package.json "exports" (Node resolves a package's own name from inside it).
const assert = require('node:assert/strict')
const { createHmac } = require('node:crypto')
const { test } = require('node:test')
const path = require('node:path')

const secret = Buffer.from(Array.from({ length: 32 }, (_, i) => i))

function fakeProjectFetch() {
  return async (input) => {
    assert.equal(new URL(input).pathname, '/v1/project')
    return new Response(
      JSON.stringify({
        tenantId: 'demo-project',
        deliveryBaseUrl: 'https://demo-project.immag.in',
        signingSecret: { id: 's1', secret: secret.toString('base64url') },
      }),
      { status: 200 },
    )
  }
}

test('require() loads the CommonJS build, which signs like the C++ core', async () => {
  const resolved = require.resolve('@immagin/client')
  assert.equal(resolved, path.join(__dirname, '..', 'dist', 'cjs', 'index.js'))
  const { Immagin, ImmaginError } = require('@immagin/client')
  const client = new Immagin({ apiKey: 'imk_x', baseUrl: 'http://cp.test', fetch: fakeProjectFetch() })
  const href = await client.images.url('hero.jpg', [{ resize: { width: 200, height: 150 } }])
  const url = new URL(href)
  const payload = url.pathname.slice(1)
  assert.equal(url.origin, 'https://demo-project.immag.in')
  assert.deepEqual(JSON.parse(Buffer.from(payload, 'base64url')), {
    key: 'hero.jpg',
    edits: [{ resize: { width: 200, height: 150 } }],
  })
  const expected = createHmac('sha256', secret).update(`immagin-v1\ndemo-project\n${payload}`).digest('base64url')
  assert.equal(url.searchParams.get('sig'), expected)
  const err = new ImmaginError(404, 'Not Found', undefined)
  assert.ok(err instanceof ImmaginError && err instanceof Error)
  assert.equal(err.message, 'Not Found')
})

test('import() loads the ES module build', async () => {
  const esm = await import('@immagin/client')
  assert.equal(typeof esm.Immagin, 'function')
  assert.notEqual(esm.Immagin, require('@immagin/client').Immagin)
  const client = new esm.Immagin({ apiKey: 'imk_x', baseUrl: 'http://cp.test', fetch: fakeProjectFetch() })
  assert.equal(
    await client.images.url('hero.jpg'),
    'https://demo-project.immag.in/eyJrZXkiOiJoZXJvLmpwZyJ9?sig=l2NDf1mFGBfe41C30JPOnChik1Cdxck3tj-cqbwu_KE',
  )
})

test('the runtime code imports no Node.js built-in', () => {
  const fs = require('node:fs')
  for (const dir of ['esm', 'cjs']) {
    const root = path.join(__dirname, '..', 'dist', dir)
    for (const file of fs.readdirSync(root).filter((f) => f.endsWith('.js'))) {
      const source = fs.readFileSync(path.join(root, file), 'utf8')
      const specifiers = [...source.matchAll(/(?:from\s+|require\(|import\()\s*['"]([^'"]+)['"]/g)].map((m) => m[1])
      for (const s of specifiers) assert.match(s, /^\.\//, `${dir}/${file} imports ${s}`)
      assert.doesNotMatch(source, /\b(?:Buffer|process)\./, `${dir}/${file} uses a Node.js global`)
    }
  }
})

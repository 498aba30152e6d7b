// Runs inside workerd (scripts/test-workerd.mjs): the ES module build with no Node.js
// compatibility, signing with the runtime's own Web Crypto, and ImmaginError across calls.
import { Immagin, ImmaginError } from './index.js'

// The bytes 0x00..0x1f, base64url: the shared test vector's secret.
const SECRET = 'AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8'

export default {
  async fetch() {
    const calls = []
    const client = new Immagin({
      apiKey: 'imk_workerd',
      baseUrl: 'http://cp.test',
      fetch: async (url, init) => {
        calls.push(`${init?.method ?? 'GET'} ${url}`)
        if (url.endsWith('/v1/project')) {
          return Response.json({
            tenantId: 'demo-project',
            deliveryBaseUrl: 'https://demo-project.immag.in',
            signingSecret: { id: 's1', secret: SECRET },
          })
        }
        return Response.json({ error: { code: 'not_found', message: 'no such image' } }, { status: 404 })
      },
    })
    const vector = await client.images.url('hero.jpg')
    const chained = await client.images.url('photo.jpg', [{ resize: { width: 800 } }, { text: { text: '© immagin' } }])
    let error
    try {
      await client.images.delete('missing.jpg')
    } catch (e) {
      error = e
    }
    const stream = new Blob([new Uint8Array([1, 2, 3])]).stream()
    const upload = await client.images.upload(stream, 'a.jpg').catch((e) => (e instanceof ImmaginError ? e.status : String(e)))
    return Response.json({
      vector,
      chained,
      error: { isImmaginError: error instanceof ImmaginError, status: error?.status, message: error?.message },
      upload,
      calls,
    })
  },
}

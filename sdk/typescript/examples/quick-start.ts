// Product page: "Quick Start" and "Built for developers" (server.ts).
import { Immagin } from '@immagin/client'

export function createClient(): Immagin {
  const client = new Immagin({
    apiKey: 'imk_your_api_key',
  })
  return client
}

export async function serverSideSigning(): Promise<string> {
  const client = new Immagin({
    apiKey: process.env.IMMAGIN_API_KEY,
  })
  const url = await client.images.url('photos/avatar.jpg', [
    { resize: { width: 400, height: 400 } },
    { text: { text: '@username', position: 'bottom-right' } },
  ])
  // https://my-project.immag.in/eyJr...?sig=a1b2c3d4
  return url
}

/** A self-hosted deployment: own control plane, own edge. */
export function selfHosted(): Immagin {
  return new Immagin({
    apiKey: process.env.IMMAGIN_API_KEY,
    baseUrl: 'http://127.0.0.1:8081',
    cdnUrl: 'http://127.0.0.1:8080',
    fetch: globalThis.fetch,
  })
}

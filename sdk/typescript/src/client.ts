import { ApiClient } from './http.js'
import { Images } from './images.js'
import { Keys } from './keys.js'
import { SigningMaterialCache } from './signing-material.js'
import type { FetchLike, ImmaginOptions } from './types.js'

export const DEFAULT_BASE_URL = 'https://api.immag.in'

export class Immagin {
  readonly images: Images
  readonly keys: Keys

  constructor(options: ImmaginOptions) {
    const { apiKey } = options ?? ({} as Partial<ImmaginOptions>)
    if (typeof apiKey !== 'string' || apiKey === '') {
      throw new TypeError('Immagin: apiKey is required (an imk_… key from the console)')
    }
    const baseUrl = (options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, '')
    const api = new ApiClient(baseUrl, apiKey, options.fetch ?? defaultFetch)
    this.images = new Images(api, new SigningMaterialCache(api, options.cdnUrl))
    this.keys = new Keys(api)
  }
}

// Called through globalThis at request time: a detached `fetch` throws "Illegal invocation"
// in browsers, and tests or polyfills may install fetch after the client was created.
const defaultFetch: FetchLike = (input, init) => {
  if (typeof globalThis.fetch !== 'function') {
    throw new TypeError('Immagin: no global fetch in this runtime; pass options.fetch')
  }
  return globalThis.fetch(input, init)
}

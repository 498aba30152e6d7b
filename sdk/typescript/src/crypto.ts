// HMAC-SHA256 through Web Crypto, the one crypto API present in browsers, workerd and Node.js.

/**
 * Node.js 18 has Web Crypto only as the `webcrypto` export of node:crypto (it is on
 * `globalThis.crypto` from Node.js 19), so the module is loaded then, and only then. The
 * specifier is a variable and the import is marked ignored so that bundlers for browsers and
 * workers neither resolve nor bundle `node:crypto`; those runtimes never reach this branch.
 */
const NODE_CRYPTO = 'node:crypto'

let subtlePromise: Promise<SubtleCrypto> | undefined

export function getSubtle(): Promise<SubtleCrypto> {
  const subtle = globalThis.crypto?.subtle
  if (subtle) return Promise.resolve(subtle)
  subtlePromise ??= import(/* webpackIgnore: true */ /* @vite-ignore */ NODE_CRYPTO).then(
    (mod: { webcrypto?: { subtle?: SubtleCrypto } }) => {
      const fallback = mod.webcrypto?.subtle
      if (!fallback) throw new Error('Immagin: Web Crypto (crypto.subtle) is not available in this runtime')
      return fallback
    },
    (cause: unknown) => {
      subtlePromise = undefined
      throw new Error('Immagin: Web Crypto (crypto.subtle) is not available in this runtime', { cause })
    },
  )
  return subtlePromise
}

export async function importHmacKey(secret: Uint8Array): Promise<CryptoKey> {
  const subtle = await getSubtle()
  return subtle.importKey('raw', secret as Uint8Array<ArrayBuffer>, { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
  ])
}

export async function hmacSha256(key: CryptoKey, message: string): Promise<Uint8Array> {
  const subtle = await getSubtle()
  const mac = await subtle.sign('HMAC', key, new TextEncoder().encode(message))
  return new Uint8Array(mac)
}

// Signed delivery URLs (SPEC §3, README "Design notes"):
//
//   payload = base64url(JSON {"key", "edits"?, "output"?, "metadata"?, "exp"?})
//   sig     = base64url(HMAC-SHA256(secret, "immagin-v1\n" + tenantId + "\n" + payload))
//   URL     = {tenant base}/{payload}?sig={sig}
//
// where the tenant base is `https://{tenantId}.{cdn-domain}` (host form) or
// `{edge origin}/{tenantId}` (path form).

import { base64UrlEncode } from './base64url.js'
import { hmacSha256 } from './crypto.js'
import type { Edit, Edits, OutputOptions } from './edits.js'

export const SIGNATURE_VERSION = 'immagin-v1'

export interface DeliveryPayload {
  key: string
  edits?: readonly Edit[]
  output?: OutputOptions
  metadata?: true
  exp?: number
}

/** The string the signature covers; neither a tenant id nor base64url contains "\n". */
export function signingString(tenantId: string, payload: string): string {
  return `${SIGNATURE_VERSION}\n${tenantId}\n${payload}`
}

export function encodePayload(payload: DeliveryPayload): string {
  return base64UrlEncode(new TextEncoder().encode(JSON.stringify(payload)))
}

export async function signPayload(key: CryptoKey, tenantId: string, payload: string): Promise<string> {
  return base64UrlEncode(await hmacSha256(key, signingString(tenantId, payload)))
}

/**
 * The payload of a transform URL. One edit object becomes a one-element list, so every URL
 * has the shape of SPEC §3 (Luna treats both the same); no edits and no output are left out.
 */
export function transformPayload(key: string, edits?: Edits, output?: OutputOptions): DeliveryPayload {
  checkKey(key)
  const list = edits === undefined || edits === null ? [] : isEditList(edits) ? edits : [edits]
  list.forEach(checkEdit)
  const payload: DeliveryPayload = { key }
  if (list.length > 0) payload.edits = list
  if (output !== undefined && output !== null) {
    if (typeof output !== 'object' || Array.isArray(output)) throw new TypeError('Immagin: output must be an object')
    payload.output = output
  }
  return payload
}

export function metadataPayload(key: string): DeliveryPayload {
  checkKey(key)
  return { key, metadata: true }
}

/**
 * The URL prefix that payloads are appended to. Accepts a base that already names the
 * tenant (`https://{tenantId}.cdn…` or `…/{tenantId}`, which is what `GET /v1/project`
 * answers) or an edge origin, to which `/{tenantId}` is appended (path form).
 */
export function tenantBase(base: string, tenantId: string): string {
  const trimmed = base.replace(/\/+$/, '')
  let url: URL
  try {
    url = new URL(trimmed)
  } catch {
    throw new TypeError(`Immagin: invalid delivery base URL '${base}'`)
  }
  if (url.search || url.hash) throw new TypeError(`Immagin: delivery base URL '${base}' must not have a query or fragment`)
  const hostNamesTenant = url.hostname.toLowerCase().startsWith(`${tenantId}.`)
  const pathNamesTenant = url.pathname.split('/').pop() === tenantId
  return hostNamesTenant || pathNamesTenant ? trimmed : `${trimmed}/${tenantId}`
}

export function deliveryUrl(base: string, payload: string, sig: string): string {
  return `${base}/${payload}?sig=${sig}`
}

function isEditList(edits: Edits): edits is readonly Edit[] {
  return Array.isArray(edits)
}

function checkKey(key: string): void {
  if (typeof key !== 'string' || key.length === 0) throw new TypeError('Immagin: key must be a non-empty string')
}

// TypeScript cannot stop `{ resize: …, blur: 5 }` built at run time; Luna would answer 400,
// but only once the URL is fetched, so the mistake is reported here, where it was made.
function checkEdit(edit: unknown, index: number): void {
  if (typeof edit !== 'object' || edit === null || Array.isArray(edit) || Object.keys(edit).length !== 1) {
    throw new TypeError(
      `Immagin: edits[${index}] must be an object with exactly one edit name, such as { resize: { width: 800 } }`,
    )
  }
}

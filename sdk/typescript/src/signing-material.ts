// The project's signing material (tenant id, delivery base, active secret), fetched from
// `GET /v1/project` once per client and shared by concurrent callers.

import { base64UrlDecode } from './base64url.js'
import { importHmacKey } from './crypto.js'
import type { ApiClient } from './http.js'
import { tenantBase } from './signing.js'
import type { Project } from './types.js'

export interface SigningMaterial {
  tenantId: string
  /** The prefix payloads are appended to: `https://{tenant}.{cdn}` or `{edge}/{tenant}`. */
  base: string
  key: CryptoKey
  /** Unix milliseconds after which the secret no longer verifies; Infinity when open-ended. */
  validUntil: number
}

export class SigningMaterialCache {
  private pending: Promise<SigningMaterial> | undefined

  constructor(
    private readonly api: ApiClient,
    private readonly cdnUrl: string | undefined,
  ) {}

  async get(): Promise<SigningMaterial> {
    const current = this.pending ?? this.refresh()
    const material = await current
    if (material.validUntil > Date.now()) return material
    // A secret in its rotation grace period stops verifying at validUntil: fetch the new one
    // instead of signing URLs that Luna would refuse (once, for all callers waiting on it).
    if (this.pending === current) this.refresh()
    return this.pending ?? this.refresh()
  }

  private refresh(): Promise<SigningMaterial> {
    const pending = this.load()
    this.pending = pending
    // A failed fetch is not cached: the next call tries again.
    pending.catch(() => {
      if (this.pending === pending) this.pending = undefined
    })
    return pending
  }

  private async load(): Promise<SigningMaterial> {
    const project = await this.api.request<Project>({ method: 'GET', path: '/v1/project' })
    const { tenantId, deliveryBaseUrl, signingSecret } = project ?? ({} as Partial<Project>)
    if (typeof tenantId !== 'string' || !tenantId) throw unexpected('tenantId')
    if (typeof signingSecret?.secret !== 'string' || !signingSecret.secret) throw unexpected('signingSecret.secret')
    const base = this.cdnUrl ?? deliveryBaseUrl
    if (typeof base !== 'string' || !base) throw unexpected('deliveryBaseUrl')
    let secret: Uint8Array
    try {
      secret = base64UrlDecode(signingSecret.secret)
    } catch {
      throw unexpected('signingSecret.secret')
    }
    const validUntil = signingSecret.validUntil ? Date.parse(signingSecret.validUntil) : Number.POSITIVE_INFINITY
    return {
      tenantId,
      base: tenantBase(base, tenantId),
      key: await importHmacKey(secret),
      validUntil: Number.isNaN(validUntil) ? Number.POSITIVE_INFINITY : validUntil,
    }
  }
}

function unexpected(field: string): Error {
  return new Error(`Immagin: unexpected GET /v1/project answer: ${field} is missing or invalid`)
}

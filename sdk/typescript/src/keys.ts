import type { ApiClient } from './http.js'
import type { ApiKey, CreatedApiKey, CreateKeyRequest } from './types.js'

export class Keys {
  /** @internal */
  constructor(private readonly api: ApiClient) {}

  /** Creates an API key for the project; the full `key` is in this answer only. */
  async create(request: CreateKeyRequest): Promise<CreatedApiKey> {
    return this.api.request<CreatedApiKey>({ method: 'POST', path: '/v1/keys', body: { name: request.name } })
  }

  /** The project's live keys (prefixes only, never the keys themselves). */
  async list(): Promise<ApiKey[]> {
    const answer = await this.api.request<{ keys?: ApiKey[] }>({ method: 'GET', path: '/v1/keys' })
    if (typeof answer !== 'object' || answer === null || !Array.isArray(answer.keys)) {
      throw new Error('Immagin: unexpected GET /v1/keys answer: keys is missing')
    }
    return answer.keys
  }

  /** Revokes a key by id; it is refused from then on. */
  async revoke(id: string): Promise<void> {
    if (typeof id !== 'string' || id === '') throw new TypeError('Immagin: id must be a non-empty string')
    await this.api.request<void>({ method: 'DELETE', path: `/v1/keys/${encodeURIComponent(id)}` })
  }
}

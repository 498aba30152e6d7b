// Talking to the control plane: Bearer authentication, JSON in and out, and one mapping of
// non-2xx answers to ImmaginError.

import { ImmaginError } from './errors.js'
import type { FetchLike } from './types.js'

export type Query = Record<string, string | number | undefined>

export interface ApiRequest {
  method: 'GET' | 'POST' | 'DELETE'
  path: string
  query?: Query
  body?: unknown
}

export class ApiClient {
  constructor(
    private readonly baseUrl: string,
    private readonly apiKey: string,
    readonly fetch: FetchLike,
  ) {}

  /** Sends an authenticated request and returns the parsed JSON (undefined for 204). */
  async request<T>(req: ApiRequest): Promise<T> {
    const headers: Record<string, string> = {
      Authorization: `Bearer ${this.apiKey}`,
      Accept: 'application/json',
    }
    const init: RequestInit = { method: req.method, headers }
    if (req.body !== undefined) {
      headers['Content-Type'] = 'application/json'
      init.body = JSON.stringify(req.body)
    }
    const response = await this.fetch(this.baseUrl + req.path + queryString(req.query), init)
    return (await readResponse(response)) as T
  }
}

/** Parses a response body; throws ImmaginError for a non-2xx status. */
export async function readResponse(response: Response): Promise<unknown> {
  const text = await response.text()
  const body = parseBody(text)
  if (!response.ok) throw new ImmaginError(response.status, response.statusText, body)
  return body
}

/** JSON when it parses, otherwise the text itself (S3 answers XML, proxies HTML). */
function parseBody(text: string): unknown {
  if (text === '') return undefined
  try {
    return JSON.parse(text) as unknown
  } catch {
    return text
  }
}

function queryString(query: Query | undefined): string {
  if (!query) return ''
  const pairs: string[] = []
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined) pairs.push(`${encodeURIComponent(name)}=${encodeQueryValue(String(value))}`)
  }
  return pairs.length > 0 ? `?${pairs.join('&')}` : ''
}

// '/' is legal in a query (RFC 3986 §3.4) and is left as is: prefixes are usually folders
// ("gallery/"), and the control plane currently matches query values without
// percent-decoding them, so "gallery%2F" would match nothing.
function encodeQueryValue(value: string): string {
  return encodeURIComponent(value).replace(/%2F/g, '/')
}

/** An image key as a path: each '/'-separated segment percent-encoded (openapi.json). */
export function keyPath(key: string): string {
  return key.split('/').map(encodeURIComponent).join('/')
}

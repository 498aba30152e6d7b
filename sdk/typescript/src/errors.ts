import type { ApiErrorBody } from './types.js'

/**
 * Thrown for every non-2xx answer from the control plane, an upload URL or Luna.
 * Network failures are not wrapped: they reject with whatever `fetch` threw.
 */
export class ImmaginError extends Error {
  /** The HTTP status. */
  readonly status: number
  /** The parsed JSON body, or the body text when it is not JSON (`undefined` when empty). */
  readonly body: unknown
  /** `error.code` from the body, e.g. `invalid_argument`, when present. */
  readonly code: string | undefined
  /** `error.field` from the body, the offending field, when present. */
  readonly field: string | undefined

  constructor(status: number, statusText: string, body: unknown) {
    const error = errorOf(body)
    super(error?.message || statusText || `HTTP ${status}`)
    this.name = 'ImmaginError'
    this.status = status
    this.body = body
    this.code = error?.code
    this.field = error?.field
    // Keeps `instanceof` working when compiled to ES5-style classes by a consumer's bundler.
    Object.setPrototypeOf(this, new.target.prototype)
  }
}

function errorOf(body: unknown): Partial<ApiErrorBody['error']> | undefined {
  if (typeof body !== 'object' || body === null) return undefined
  const error = (body as { error?: unknown }).error
  if (typeof error !== 'object' || error === null) return undefined
  const { code, field, message } = error as Record<string, unknown>
  return {
    code: typeof code === 'string' ? code : undefined,
    field: typeof field === 'string' ? field : undefined,
    message: typeof message === 'string' ? message : undefined,
  }
}

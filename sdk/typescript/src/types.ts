// Request and response shapes of the control plane's HTTP API (control-plane/openapi.json)
// and of Luna's metadata answer. Timestamps stay ISO 8601 strings, exactly as sent.

export interface ImmaginOptions {
  /**
   * The project's API key, `imk_…`. Typed to accept `undefined` so that
   * `process.env.IMMAGIN_API_KEY` can be passed as is; a missing key throws at construction.
   */
  apiKey: string | undefined
  /** The control plane API. Default `https://api.immag.in`. */
  baseUrl?: string
  /**
   * Overrides the project's delivery base for `images.url()` and `images.metadata()`:
   * either the tenant's host (`https://{tenantId}.{cdn-domain}`) or an edge origin used in
   * path form (`http://127.0.0.1:8080`, to which `/{tenantId}` is appended).
   */
  cdnUrl?: string
  /** The `fetch` to use; default `globalThis.fetch`. */
  fetch?: FetchLike
}

/** The subset of `fetch` the client uses. */
export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>

/**
 * Bytes `images.upload()` accepts. A Node.js `Buffer` is a `Uint8Array`; a Node.js stream
 * (`fs.createReadStream(…)`) is an `AsyncIterable<Uint8Array>`.
 */
export type UploadData = Blob | ArrayBuffer | ArrayBufferView | ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>

export interface UploadResult {
  key: string
  /** Stored size in bytes, when the storage answers with it. */
  size?: number
  /** The stored object's ETag, when the storage answers with it. */
  etag?: string
}

export interface DeliveryUrlOptions {
  /**
   * Seconds the URL stays valid, signed into the payload as `exp` (unix seconds). Luna
   * answers 410 past it, and caches never keep the response longer. Default: no expiry.
   */
  expiresIn?: number
}

export interface SignUrlOptions {
  /**
   * The upload's size in bytes (default: any size up to the server's limit). The embedded
   * storage takes it as an upper bound; an S3 presigned URL signs it as the exact
   * Content-Length, so the PUT must send exactly that many bytes.
   */
  size?: number
}

/** A presigned upload: `PUT` the bytes to `uploadUrl` before `expiresAt` (5 minutes). */
export interface SignedUpload {
  uploadUrl: string
  key: string
  /** ISO 8601. */
  expiresAt: string
  /** The largest body `uploadUrl` accepts, in bytes. */
  maxSize: number
}

export interface ListImagesOptions {
  /** 1–1000; default 100. */
  limit?: number
  /** The previous page's `nextCursor`. */
  cursor?: string
  /** Only keys starting with this. */
  prefix?: string
}

export interface ImageInfo {
  key: string
  /** Bytes. */
  size: number
  /** ISO 8601. */
  lastModified: string
}

export interface ImageList {
  images: ImageInfo[]
  /** Present when there is a next page. */
  nextCursor?: string
}

/** What Luna answers for `images.placeholder()`: the ThumbHash of exactly that variant. */
export interface Placeholder {
  /** The ThumbHash bytes, base64. */
  thumbhash: string
  /** The variant's own size, for the placeholder's aspect ratio. */
  width: number
  height: number
  /** A small PNG of what the hash decodes to, ready for `<img src>` or CSS. */
  dataUrl: string
}

/** What Luna answers for `images.metadata()`. */
export interface Metadata {
  width: number
  height: number
  /** Source format: `'jpeg'`, `'png'`, `'webp'`, … */
  format: string
  /** Colour space: `'srgb'`, `'cmyk'`, `'b-w'`, … */
  space: string
  channels: number
  hasAlpha: boolean
  /** EXIF orientation, 1–8. */
  orientation: number
  /** Dots per inch. */
  density: number
  isProgressive: boolean
  /** Pages or frames (GIF, TIFF, …). */
  pages: number
  /** Bytes of the original. */
  size: number
}

export interface CreateKeyRequest {
  name: string
}

export interface ApiKey {
  id: string
  /** The first 8 characters of the key, e.g. `imk_aBcD`. */
  prefix: string
  name: string
  /** ISO 8601. */
  createdAt: string
  /** ISO 8601; absent when the key was never used. */
  lastUsedAt?: string
}

/** A new key: `key` is the full secret, returned this once only. */
export interface CreatedApiKey extends ApiKey {
  key: string
}

export interface SigningSecret {
  id: string
  /** base64url of the 32 secret bytes. */
  secret: string
  /** ISO 8601; set when the secret has been rotated out and is in its grace period. */
  validUntil?: string
}

/** `GET /v1/project`: what the client needs to sign delivery URLs. */
export interface Project {
  tenantId: string
  name: string
  /** Where signed URLs point, e.g. `https://my-project.immag.in` or `http://127.0.0.1:8080/my-project`. */
  deliveryBaseUrl: string
  signingSecret: SigningSecret
  state: 'active' | 'suspended' | 'over_quota'
  createdAt: string
}

/** The control plane's error body. */
export interface ApiErrorBody {
  error: {
    code: string
    field?: string
    message: string
  }
}

import type { Edits, OutputOptions } from './edits.js'
import { type ApiClient, keyPath, readResponse } from './http.js'
import {
  type DeliveryPayload,
  deliveryUrl,
  encodePayload,
  metadataPayload,
  signPayload,
  transformPayload,
} from './signing.js'
import type { SigningMaterialCache } from './signing-material.js'
import type {
  DeliveryUrlOptions,
  ImageList,
  ListImagesOptions,
  Metadata,
  Placeholder,
  SignedUpload,
  SignUrlOptions,
  UploadData,
  UploadResult,
} from './types.js'
import { toUploadBody } from './upload-body.js'

export class Images {
  /** @internal */
  constructor(
    private readonly api: ApiClient,
    private readonly signing: SigningMaterialCache,
  ) {}

  /**
   * A signed delivery URL for `key` with `edits` (one edit or a list, applied in order) and
   * `output` options. Signed locally; the project's signing material is fetched once.
   * `options.expiresIn` (seconds) makes the URL expire: it is signed in as `exp`.
   */
  async url(key: string, edits?: Edits, output?: OutputOptions, options: DeliveryUrlOptions = {}): Promise<string> {
    const payload = transformPayload(key, edits, output)
    if (options.expiresIn !== undefined) payload.exp = expiryFrom(options.expiresIn)
    return this.sign(payload)
  }

  /**
   * A `srcset` value, `"url 400w, url 800w, …"`: for each width, `edits` followed by a resize
   * to that width (last, so the variant is exactly that wide), with the same `output`.
   */
  async srcset(key: string, widths: readonly number[], edits?: Edits, output?: OutputOptions): Promise<string> {
    if (!Array.isArray(widths) || widths.length === 0) {
      throw new TypeError('Immagin: srcset widths must be a non-empty array')
    }
    for (const w of widths) {
      if (!Number.isInteger(w) || w < 1) throw new TypeError(`Immagin: srcset width ${String(w)} is not a whole number ≥ 1`)
    }
    if (new Set(widths).size !== widths.length) throw new TypeError('Immagin: srcset widths repeat')
    const base = transformPayload(key, edits, output).edits ?? []
    const urls = await Promise.all(
      widths.map((width) => this.sign(transformPayload(key, [...base, { resize: { width } }], output))),
    )
    return urls.map((url, i) => `${url} ${widths[i]}w`).join(', ')
  }

  /** Uploads `data` as `key`: presigns, then PUTs the bytes straight to storage. */
  async upload(data: UploadData, key: string): Promise<UploadResult> {
    const body = await toUploadBody(data)
    const signed = await this.signUrl(key, { size: body.size })
    const response = await this.api.fetch(signed.uploadUrl, {
      method: 'PUT',
      // No Authorization: the URL is the credential, and S3 rejects a second one.
      headers: { 'Content-Type': body.contentType },
      body: body.body as BodyInit,
    })
    const answer = await readResponse(response)
    const result: UploadResult = { key: signed.key }
    if (isObject(answer)) {
      if (typeof answer.size === 'number') result.size = answer.size
      if (typeof answer.etag === 'string') result.etag = answer.etag
    }
    if (result.etag === undefined) {
      const etag = response.headers.get('ETag')
      if (etag) result.etag = etag
    }
    return result
  }

  /** A presigned upload URL (valid 5 minutes): PUT the bytes to `uploadUrl`. */
  async signUrl(key: string, options: SignUrlOptions = {}): Promise<SignedUpload> {
    const body: { key: string; size?: number } = { key }
    if (options.size !== undefined) body.size = options.size
    const signed = await this.api.request<SignedUpload>({ method: 'POST', path: '/v1/images/presign', body })
    if (!isObject(signed) || typeof signed.uploadUrl !== 'string') {
      throw new Error('Immagin: unexpected POST /v1/images/presign answer: uploadUrl is missing')
    }
    return signed
  }

  /** One page of the project's images, in key order. */
  async list(options: ListImagesOptions = {}): Promise<ImageList> {
    const page = await this.api.request<ImageList>({
      method: 'GET',
      path: '/v1/images',
      query: { limit: options.limit, cursor: options.cursor, prefix: options.prefix },
    })
    if (!isObject(page) || !Array.isArray(page.images)) {
      throw new Error('Immagin: unexpected GET /v1/images answer: images is missing')
    }
    return page
  }

  /** Deletes the original; cached variants live until they expire. */
  async delete(key: string): Promise<void> {
    // An empty key would address the collection (`DELETE /v1/images/`), not an image.
    if (typeof key !== 'string' || key === '') throw new TypeError('Immagin: key must be a non-empty string')
    await this.api.request<void>({ method: 'DELETE', path: `/v1/images/${keyPath(key)}` })
  }

  /**
   * The original's metadata, from Luna through a signed metadata URL. Meant for servers:
   * it fetches the project's signing material with the API key.
   */
  async metadata(key: string): Promise<Metadata> {
    const url = await this.sign(metadataPayload(key))
    // The API key is not sent: Luna needs only the signature.
    const response = await this.api.fetch(url, { method: 'GET', headers: { Accept: 'application/json' } })
    const metadata = await readResponse(response)
    if (!isObject(metadata) || typeof metadata.width !== 'number') {
      throw new Error('Immagin: unexpected metadata answer from the delivery URL')
    }
    return metadata as unknown as Metadata
  }

  /**
   * The ThumbHash placeholder of the variant `edits` make (a server call, like `metadata`):
   * show `dataUrl` while the image at `url(key, edits)` loads.
   */
  async placeholder(key: string, edits?: Edits): Promise<Placeholder> {
    const url = await this.sign(transformPayload(key, edits, { format: 'thumbhash' }))
    const response = await this.api.fetch(url, { method: 'GET', headers: { Accept: 'application/json' } })
    const placeholder = await readResponse(response)
    if (!isObject(placeholder) || typeof placeholder.thumbhash !== 'string' || typeof placeholder.dataUrl !== 'string') {
      throw new Error('Immagin: unexpected placeholder answer from the delivery URL')
    }
    return placeholder as unknown as Placeholder
  }

  private async sign(payload: DeliveryPayload): Promise<string> {
    const material = await this.signing.get()
    const encoded = encodePayload(payload)
    const sig = await signPayload(material.key, material.tenantId, encoded)
    return deliveryUrl(material.base, encoded, sig)
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

// Whole seconds from now; checked here so a typo is an error, not a URL that never expires.
function expiryFrom(expiresIn: unknown): number {
  if (typeof expiresIn !== 'number' || !Number.isInteger(expiresIn) || expiresIn < 1) {
    throw new TypeError('Immagin: options.expiresIn must be a whole number of seconds, at least 1')
  }
  return Math.floor(Date.now() / 1000) + expiresIn
}

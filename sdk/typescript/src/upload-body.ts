// Turns what `images.upload()` accepts into a body with a known length.
//
// Streams are read to the end first: presigned PUTs need a Content-Length (S3 refuses chunked
// uploads to presigned URLs, and so does the control plane's embedded storage), and
// streaming request bodies need `duplex: 'half'`, which most browsers do not support.

import type { UploadData } from './types.js'

export interface UploadBody {
  body: Blob | Uint8Array
  size: number
  contentType: string
}

const OCTET_STREAM = 'application/octet-stream'

export async function toUploadBody(data: UploadData): Promise<UploadBody> {
  if (typeof Blob !== 'undefined' && data instanceof Blob) {
    return { body: data, size: data.size, contentType: data.type || OCTET_STREAM }
  }
  if (data instanceof ArrayBuffer) {
    return { body: new Uint8Array(data), size: data.byteLength, contentType: OCTET_STREAM }
  }
  if (ArrayBuffer.isView(data)) {
    const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
    return { body: bytes, size: bytes.byteLength, contentType: OCTET_STREAM }
  }
  if (isReadableStream(data)) {
    const bytes = await readAll(data)
    return { body: bytes, size: bytes.byteLength, contentType: OCTET_STREAM }
  }
  throw new TypeError('Immagin: upload data must be a Blob, Buffer, Uint8Array, ArrayBuffer or ReadableStream')
}

function isReadableStream(data: unknown): data is ReadableStream<Uint8Array> {
  return typeof data === 'object' && data !== null && typeof (data as ReadableStream).getReader === 'function'
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const reader = stream.getReader()
  const chunks: Uint8Array[] = []
  let total = 0
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      if (!(value instanceof Uint8Array)) throw new TypeError('Immagin: upload streams must yield Uint8Array chunks')
      chunks.push(value)
      total += value.byteLength
    }
  } finally {
    reader.releaseLock()
  }
  const out = new Uint8Array(total)
  let offset = 0
  for (const chunk of chunks) {
    out.set(chunk, offset)
    offset += chunk.byteLength
  }
  return out
}

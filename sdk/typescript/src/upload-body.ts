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
    const bytes = concat(await readStream(data))
    return { body: bytes, size: bytes.byteLength, contentType: OCTET_STREAM }
  }
  if (isAsyncIterable(data)) {
    const bytes = concat(await readIterable(data))
    return { body: bytes, size: bytes.byteLength, contentType: OCTET_STREAM }
  }
  throw new TypeError(
    'Immagin: upload data must be a Blob, Buffer, Uint8Array, ArrayBuffer, ReadableStream or async iterable of Uint8Array',
  )
}

function isReadableStream(data: unknown): data is ReadableStream<Uint8Array> {
  return typeof data === 'object' && data !== null && typeof (data as ReadableStream).getReader === 'function'
}

function isAsyncIterable(data: unknown): data is AsyncIterable<Uint8Array> {
  return (
    typeof data === 'object' &&
    data !== null &&
    typeof (data as AsyncIterable<Uint8Array>)[Symbol.asyncIterator] === 'function'
  )
}

function checkChunk(chunk: unknown): Uint8Array {
  if (!(chunk instanceof Uint8Array)) throw new TypeError('Immagin: upload streams must yield Uint8Array chunks')
  return chunk
}

async function readStream(stream: ReadableStream<Uint8Array>): Promise<Uint8Array[]> {
  const reader = stream.getReader()
  const chunks: Uint8Array[] = []
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      chunks.push(checkChunk(value))
    }
  } finally {
    reader.releaseLock()
  }
  return chunks
}

async function readIterable(iterable: AsyncIterable<Uint8Array>): Promise<Uint8Array[]> {
  const chunks: Uint8Array[] = []
  for await (const chunk of iterable) chunks.push(checkChunk(chunk))
  return chunks
}

function concat(chunks: Uint8Array[]): Uint8Array {
  const total = chunks.reduce((n, chunk) => n + chunk.byteLength, 0)
  const out = new Uint8Array(total)
  let offset = 0
  for (const chunk of chunks) {
    out.set(chunk, offset)
    offset += chunk.byteLength
  }
  return out
}

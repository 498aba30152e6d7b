// Product page: "Uploading Images", "Listing & Deleting", "Metadata".
import type { Immagin, ImageInfo, Metadata } from '@immagin/client'

export async function simpleUpload(client: Immagin, file: Blob): Promise<string> {
  const result = await client.images.upload(file, 'hero.jpg')
  // result.key → 'hero.jpg'
  return result.key
}

export async function uploadFromNode(client: Immagin, bytes: Buffer, stream: ReadableStream<Uint8Array>): Promise<void> {
  await client.images.upload(bytes, 'from-buffer.jpg')
  await client.images.upload(new Uint8Array(bytes), 'from-uint8array.jpg')
  await client.images.upload(stream, 'from-stream.jpg')
  const { createReadStream } = await import('node:fs')
  await client.images.upload(createReadStream('hero.jpg'), 'from-file.jpg')
}

export async function listImages(client: Immagin): Promise<ImageInfo[]> {
  const { images, nextCursor } = await client.images.list({
    limit: 50,
  })
  // images → [{ key, size, lastModified }]
  // Next page
  if (nextCursor) {
    const page2 = await client.images.list({ cursor: nextCursor })
    return [...images, ...page2.images]
  }
  return images
}

export async function deleteImage(client: Immagin): Promise<void> {
  await client.images.delete('old-avatar.jpg')
}

export async function metadata(client: Immagin): Promise<Metadata> {
  const meta = await client.images.metadata('photo.jpg')
  // meta.width → 1920
  // meta.height → 1080
  // meta.format → 'jpeg'
  // meta.hasAlpha → false
  // meta.size → 204800 (bytes)
  const _checks: [number, number, string, boolean, number] = [meta.width, meta.height, meta.format, meta.hasAlpha, meta.size]
  return meta
}

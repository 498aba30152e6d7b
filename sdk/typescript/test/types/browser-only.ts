// A browser project (DOM library, no @types/node), checked with skipLibCheck off.
import { Immagin, type Metadata } from '@immagin/client'

export async function browserOnly(file: File): Promise<Metadata> {
  const client = new Immagin({ apiKey: 'imk_x', fetch: (input, init) => window.fetch(input, init) })
  await client.images.upload(file, 'a.jpg')
  await client.images.upload(file.stream(), 'b.jpg')
  return client.images.metadata('a.jpg')
}

// A Node.js project without the DOM library (only @types/node): the published declarations
// must not need DOM-only types such as CryptoKey. Checked with skipLibCheck off.
import { Immagin, ImmaginError, type Edit, type ImageList } from '@immagin/client'

export async function nodeOnly(): Promise<ImageList> {
  const client = new Immagin({ apiKey: process.env.IMMAGIN_API_KEY })
  const edit: Edit = { blur: 3 }
  await client.images.url('a.jpg', edit)
  await client.images.upload(Buffer.from('bytes'), 'a.bin')
  try {
    return await client.images.list()
  } catch (err) {
    if (err instanceof ImmaginError) console.error(err.status, err.body)
    throw err
  }
}

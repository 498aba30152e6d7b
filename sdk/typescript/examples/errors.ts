// Product page: "Error Handling".
import { Immagin, ImmaginError } from '@immagin/client'

export async function errorHandling(): Promise<void> {
  const client = new Immagin({ apiKey: process.env.IMMAGIN_API_KEY })
  try {
    await client.images.delete('missing.jpg')
  } catch (err) {
    if (err instanceof ImmaginError) {
      console.log(err.status) // 404
      console.log(err.message) // 'Not Found'
      console.log(err.body) // response body
    }
  }
}

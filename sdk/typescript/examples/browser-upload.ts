// Product page: "Browser upload flow". The server presigns with its API key; the browser
// PUTs the file to the returned URL and never sees the key.
import type { Immagin, SignedUpload } from '@immagin/client'

// server.ts
export async function presignForBrowser(client: Immagin): Promise<Pick<SignedUpload, 'uploadUrl' | 'key'>> {
  // 1. Server: get a presigned upload URL
  const { uploadUrl, key } = await client.images.signUrl('avatar.jpg')
  // 2. Return uploadUrl to browser
  return { uploadUrl, key }
}

// browser.ts
export async function uploadFromBrowser(uploadUrl: string, file: File): Promise<void> {
  // 3. Browser: upload directly
  await fetch(uploadUrl, {
    method: 'PUT',
    body: file,
  })
}

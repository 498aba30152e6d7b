// Product page: the headline sample ("Resize + watermark") and "Watermark".
import type { Immagin } from '@immagin/client'

export async function resizeAndWatermark(client: Immagin): Promise<string> {
  return await client.images.url(
    'photo.jpg',
    [{ resize: { width: 800 } },
      { text: {
        text: '© immagin',
        position: 'bottom-right',
      } }],
  )
}

export async function watermark(client: Immagin): Promise<void> {
  await client.images.url('photo.jpg', {
    text: {
      text: '© Acme Inc',
      position: 'bottom-right',
      fontSize: 24,
      color: '#ffffff',
      opacity: 0.8,
    },
  })
  await client.images.url('photo.jpg', [
    { resize: { width: 1200, height: 630 } },
    { text: {
      text: '© Acme Inc',
      position: 'bottom-right',
      fontSize: 24,
      color: '#ffffff',
      opacity: 0.8,
    } },
  ])
}

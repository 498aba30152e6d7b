// The additions of this release: retina sizes, focal points, a logo layer, a placeholder
// matching the variant shown, and URLs that expire.
import type { Immagin, Placeholder } from '@immagin/client'

// A 128×128 CSS-pixel avatar for a 2× screen: 256×256 pixels.
export async function retinaAvatar(client: Immagin): Promise<string> {
  return await client.images.url('users/ada.jpg', {
    resize: { width: 128, height: 128, position: 'attention', dpr: 2 },
  })
}

// A product shot cropped around the product (the point at 70% across, 40% down), with the
// brand's logo from the same project in the corner.
export async function productShot(client: Immagin): Promise<string> {
  return await client.images.url('products/chair.jpg', [
    { resize: { width: 800, height: 800, position: { x: 0.7, y: 0.4 } } },
    { image: { key: 'brand/logo.png', width: 160, opacity: 0.9, position: 'bottom-right' } },
  ])
}

// A hero with its srcset and the ThumbHash placeholder to show while it loads.
export async function hero(client: Immagin): Promise<{ srcset: string; placeholder: Placeholder }> {
  const edits = { resize: { width: 1600, height: 600 } } as const
  const srcset = await client.images.srcset('home/hero.jpg', [640, 1280, 1920], edits)
  const placeholder = await client.images.placeholder('home/hero.jpg', edits)
  return { srcset, placeholder }
}

// A link that works for one hour, then answers 410.
export async function shareForAnHour(client: Immagin): Promise<string> {
  return await client.images.url('private/report.png', [], { format: 'png' }, { expiresIn: 3600 })
}

// Compile-time tests (`npm run typecheck`): every `@ts-expect-error` line must be an error,
// or tsc fails with "Unused '@ts-expect-error' directive".
import type { Edit, Edits, Immagin, OutputOptions } from '@immagin/client'

export async function rejectedAtCompileTime(client: Immagin): Promise<void> {
  // @ts-expect-error two edits in one object
  await client.images.url('a.jpg', [{ resize: { width: 800 }, blur: 5 }])
  // @ts-expect-error resize needs a width
  await client.images.url('a.jpg', { resize: { height: 100 } })
  // @ts-expect-error unknown fit
  await client.images.url('a.jpg', { resize: { width: 100, fit: 'crop' } })
  // @ts-expect-error unknown option
  await client.images.url('a.jpg', { resize: { width: 100, withoutEnlargement: true } })
  // @ts-expect-error a focal point needs both fractions
  await client.images.url('a.jpg', { resize: { width: 100, height: 100, position: { x: 0.5 } } })
  // @ts-expect-error an image layer needs its key
  await client.images.url('a.jpg', { image: { width: 100 } })
  // @ts-expect-error unknown edit
  await client.images.url('a.jpg', { sepia: true })
  // @ts-expect-error flip is a switch
  await client.images.url('a.jpg', { flip: 'yes' })
  // @ts-expect-error unknown text position
  await client.images.url('a.jpg', { text: { text: 'hi', position: 'middle' } })
  // @ts-expect-error text needs its text
  await client.images.url('a.jpg', { text: { fontSize: 12 } })
  // @ts-expect-error crop needs all four numbers
  await client.images.url('a.jpg', { crop: { left: 0, top: 0, width: 10 } })
  // @ts-expect-error unknown output format
  await client.images.url('a.jpg', [], { format: 'bmp' })
  // @ts-expect-error quality is a number
  await client.images.url('a.jpg', undefined, { quality: 'high' })
  // @ts-expect-error expiresIn is a number of seconds
  await client.images.url('a.jpg', [], {}, { expiresIn: '1h' })
  // @ts-expect-error unknown url option
  await client.images.url('a.jpg', [], {}, { expires: 60 })
  // @ts-expect-error srcset widths are numbers
  await client.images.srcset('a.jpg', ['400w'])
  // @ts-expect-error key is required
  await client.images.url()
  // @ts-expect-error upload takes bytes, not a string
  await client.images.upload('hello', 'a.txt')
  // @ts-expect-error keys.create needs a name
  await client.keys.create({})
}

export async function expiringUrl(client: Immagin): Promise<string> {
  return client.images.url('a.jpg', { resize: { width: 400 } }, { format: 'avif' }, { expiresIn: 3600 })
}

export async function responsive(client: Immagin): Promise<string> {
  return client.images.srcset('a.jpg', [400, 800, 1200], [{ grayscale: true }], { format: 'webp' })
}

export function acceptedForms(): [Edit[], Edits, OutputOptions] {
  const edits: Edit[] = [
    { blur: { sigma: 2 } },
    { sharpen: 1.5 },
    { trim: true },
    { normalize: true },
    { flatten: true },
    { invert: false },
    { autoOrient: false },
    { modulate: { hue: 90, lightness: 10 } },
    { resize: { width: 10, upscale: true, downscale: false, position: 'entropy', fit: 'outside' } },
    { resize: { width: 10, height: 10, position: { x: 0.2, y: 0.8 } } },
    { image: { key: 'brand/logo.png', position: 'top-left', width: 120, opacity: 0.8, padding: 24 } },
  ]
  const readonlyList: Edits = [{ grayscale: true }] as const
  return [edits, readonlyList, { format: 'auto', progressive: true }]
}

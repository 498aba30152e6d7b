// Product page: hero "resize.ts" and "Resizing" (single edit and chained forms).
import { Immagin } from '@immagin/client'

export async function hero(): Promise<string> {
  const client = new Immagin({ apiKey: 'imk_...' })
  const url = await client.images.url('hero.jpg', [{
    resize: { width: 200, height: 150 },
  }])
  return url
}

export async function singleEdit(client: Immagin): Promise<void> {
  // Width only (proportional height)
  await client.images.url('photo.jpg', { resize: { width: 800 } })
  // Exact dimensions (cover fit, crops to fill)
  await client.images.url('photo.jpg', { resize: { width: 400, height: 400 } })
  // Contain fit with background color
  await client.images.url('photo.jpg', { resize: {
    width: 800,
    height: 600,
    fit: 'contain',
    background: '#000000',
  } })
}

export async function chained(client: Immagin): Promise<void> {
  // Width only (proportional height)
  await client.images.url('photo.jpg', [
    { resize: { width: 800 } },
  ])
  // Exact dimensions (cover fit, crops to fill)
  await client.images.url('photo.jpg', [
    { resize: { width: 400, height: 400 } },
  ])
  // Contain fit with background color
  await client.images.url('photo.jpg', [
    { resize: {
      width: 800,
      height: 600,
      fit: 'contain',
      background: '#000000',
    } },
  ])
}

export async function responsive(client: Immagin): Promise<string> {
  const widths = [400, 800, 1200, 1600]
  const srcset = await Promise.all(
    widths.map(async (w) => {
      const url = await client.images.url('hero.jpg', [
        { resize: { width: w } },
      ])
      return `${url} ${w}w`
    }),
  )
  return srcset.join(', ')
}

// Product page: "Examples" (OG image, user avatar, photo gallery, blur placeholder, product image).
import type { Immagin } from '@immagin/client'

interface Post {
  title: string
  coverImage: string
}

export async function ogImage(client: Immagin, post: Post): Promise<string> {
  function getOgImage(post: Post) {
    return client.images.url(post.coverImage, [
      { resize: { width: 1200, height: 630, fit: 'cover' } },
      { text: {
        text: post.title,
        fontSize: 48,
        position: 'bottom-left',
        color: 'white',
        padding: 40,
      } },
    ])
  }
  // In your page's <head>
  const ogUrl = await getOgImage(post)
  return `<meta property="og:image" content="${ogUrl}" />`
}

export async function avatar(client: Immagin): Promise<string> {
  const avatar = await client.images.url('users/profile.jpg', [
    { resize: {
      width: 256,
      height: 256,
      fit: 'cover',
      position: 'attention',
    } },
  ])
  return avatar
}

export async function gallery(client: Immagin): Promise<string[]> {
  const { images } = await client.images.list({ prefix: 'gallery/' })
  const thumbs = await Promise.all(
    images.map((img) =>
      client.images.url(img.key, [
        { resize: { width: 300, height: 300 } },
        { sharpen: 1 },
      ]),
    ),
  )
  return thumbs
}

export async function blurPlaceholder(client: Immagin): Promise<{ placeholder: string; full: string }> {
  // Tiny blurred thumbnail for inline placeholder
  const placeholder = await client.images.url('photos/hero.jpg', [
    { resize: { width: 20 } },
    { blur: 10 },
  ])
  // Full-size image
  const full = await client.images.url('photos/hero.jpg', [
    { resize: { width: 1200 } },
  ])
  return { placeholder, full }
}

export async function productImage(client: Immagin): Promise<string> {
  const product = await client.images.url('products/shoe.jpg', [
    { trim: { threshold: 15 } },
    { normalize: { lower: 1, upper: 99 } },
    { resize: {
      width: 600,
      height: 600,
      fit: 'contain',
      background: '#ffffff',
    } },
    { sharpen: 1 },
  ])
  return product
}

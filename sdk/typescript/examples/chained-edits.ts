// Product page: "Rotate & Flip", "Auto-orient", "Crop & Extend", "Adjustments", "Output format".
import type { Immagin } from '@immagin/client'

export async function rotateAndFlip(client: Immagin): Promise<void> {
  // Rotate 90 degrees
  await client.images.url('photo.jpg', { rotate: { angle: 90 } })
  // Rotate with background fill
  await client.images.url('photo.jpg', { rotate: { angle: 45, background: '#000000' } })
  // Flip vertically / flop horizontally
  await client.images.url('photo.jpg', { flip: true })
  await client.images.url('photo.jpg', { flop: true })
  // Resize, rotate, and flip in one pipeline
  await client.images.url('photo.jpg', [
    { resize: { width: 800 } },
    { rotate: { angle: 45, background: '#000000' } },
    { flip: true },
  ])
}

export async function noAutoOrient(client: Immagin): Promise<void> {
  await client.images.url('photo.jpg', [{ autoOrient: false }, { resize: { width: 800 } }])
}

export async function cropAndExtend(client: Immagin): Promise<void> {
  // Crop a 400x300 region starting at (100, 50)
  await client.images.url('photo.jpg', { crop: {
    left: 100, top: 50, width: 400, height: 300,
  } })
  // Add 20px red border on all sides
  await client.images.url('photo.jpg', { extend: {
    top: 20, bottom: 20, left: 20, right: 20,
    background: '#ff0000',
  } })
  // Auto-trim borders
  await client.images.url('photo.jpg', { trim: { threshold: 10 } })
  // Crop a region then add border
  await client.images.url('photo.jpg', [
    { crop: { left: 100, top: 50, width: 400, height: 300 } },
    { extend: {
      top: 20, bottom: 20, left: 20, right: 20,
      background: '#ff0000',
    } },
  ])
  // Auto-trim then resize
  await client.images.url('photo.jpg', [
    { trim: { threshold: 10 } },
    { resize: { width: 800 } },
  ])
}

export async function adjustments(client: Immagin): Promise<void> {
  // Gaussian blur
  await client.images.url('photo.jpg', { blur: 5 })
  // Sharpen
  await client.images.url('photo.jpg', { sharpen: 2 })
  // Grayscale
  await client.images.url('photo.jpg', { grayscale: true })
  // Adjust brightness and saturation
  await client.images.url('photo.jpg', { modulate: {
    brightness: 1.2, saturation: 0.8,
  } })
  // Tint with a color
  await client.images.url('photo.jpg', { tint: { r: 255, g: 200, b: 0 } })
  // Invert colors (negate)
  await client.images.url('photo.jpg', { invert: true })
  // Normalize (auto-contrast)
  await client.images.url('photo.jpg', { normalize: { lower: 2, upper: 98 } })
  // Flatten alpha channel with white background
  await client.images.url('logo.png', { flatten: { background: '#ffffff' } })

  // Resize, sharpen, and boost contrast
  await client.images.url('photo.jpg', [
    { resize: { width: 800 } },
    { sharpen: 2 },
    { normalize: { lower: 2, upper: 98 } },
  ])
  // Grayscale thumbnail with blur
  await client.images.url('photo.jpg', [
    { resize: { width: 400 } },
    { grayscale: true },
    { blur: 3 },
  ])
  // Flatten PNG alpha, tint, and adjust brightness
  await client.images.url('logo.png', [
    { flatten: { background: '#ffffff' } },
    { tint: { r: 255, g: 200, b: 0 } },
    { modulate: { brightness: 1.2 } },
  ])
}

export async function outputFormat(client: Immagin): Promise<void> {
  // Force JPEG at quality 85
  await client.images.url(
    'photo.jpg',
    [{ resize: { width: 800 } }],
    { format: 'jpeg', quality: 85 },
  )
  // Lossless WebP
  await client.images.url(
    'photo.png',
    [{ resize: { width: 1200 } }],
    { format: 'webp', lossless: true },
  )
}

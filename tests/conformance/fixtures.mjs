// Originals for the conformance suite, made with sharp (tests/oracle): written as
// {dir}/{tenant}/{key}, the layout of luna-server's --originals-dir.
//   node fixtures.mjs DIR TENANT
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const sharp = createRequire(new URL('../package.json', import.meta.url))('sharp');
const [dir, tenant] = process.argv.slice(2);
const root = join(dir, tenant);
mkdirSync(join(root, 'photos'), { recursive: true });

function gradient(width, height, channels) {
  const px = Buffer.alloc(width * height * channels);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * channels;
      px[i] = Math.round((x * 255) / (width - 1));
      px[i + 1] = Math.round((y * 255) / (height - 1));
      px[i + 2] = 90;
      if (channels === 4) px[i + 3] = x < 40 || y < 40 ? 0 : 255;
    }
  }
  return sharp(px, { raw: { width, height, channels } });
}

writeFileSync(join(root, 'hero.jpg'), await gradient(1200, 800, 3).jpeg({ quality: 90 }).toBuffer());
writeFileSync(join(root, 'photos', 'été 1.jpg'), await gradient(640, 480, 3).jpeg().toBuffer());
writeFileSync(join(root, 'logo.png'), await gradient(400, 300, 4).png().toBuffer());
writeFileSync(join(root, 'big.png'), await gradient(3000, 3000, 3).png({ compressionLevel: 1 }).toBuffer());
// Three 60×40 frames: red, green, blue.
const frames = Buffer.alloc(60 * 120 * 3);
for (let i = 0; i < 60 * 120; i++) frames[i * 3 + Math.floor(i / (60 * 40))] = 255;
writeFileSync(join(root, 'spinner.gif'),
  await sharp(frames, { raw: { width: 60, height: 120, channels: 3, pageHeight: 40 } }).gif({ delay: [100, 100, 100] }).toBuffer());
writeFileSync(join(root, 'not-an-image.jpg'), 'this is text, not a JPEG');

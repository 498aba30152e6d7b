// A minimal HTTP image server on sharp, the peer of luna-server in load-luna-server.sh:
// GET /{op} runs one of the five canonical operations on the photo held in memory.
//   node sharp_server.mjs PHOTO PORT AVIF_EFFORT
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';

const sharp = createRequire(new URL('../tests/package.json', import.meta.url))('sharp');
const [photoPath, port, effortArg = '2'] = process.argv.slice(2);
const effort = Number(effortArg);
const photo = readFileSync(photoPath);
sharp.concurrency(1);
sharp.cache(false);

const operations = {
  a: [(img) => img.resize({ width: 800 }).webp({ quality: 90 }), 'image/webp'],
  b: [(img) => img.resize({ width: 400, height: 400 }).webp({ quality: 90 }), 'image/webp'],
  c: [(img) => img.resize({ width: 20 }).blur(10).webp({ quality: 90 }), 'image/webp'],
  d: [(img) => img.resize({ width: 1200, height: 630 }).jpeg({ quality: 85 }), 'image/jpeg'],
  e: [(img) => img.resize({ width: 800 }).avif({ quality: 90, effort }), 'image/avif'],
};

createServer(async (req, res) => {
  const op = operations[req.url.slice(1)];
  if (!op) {
    res.writeHead(req.url === '/healthz' ? 200 : 404).end();
    return;
  }
  const body = await op[0](sharp(photo)).toBuffer();
  res.writeHead(200, { 'Content-Type': op[1], 'Content-Length': body.length,
    'Cache-Control': 'public, max-age=31536000, immutable' });
  res.end(body);
}).listen(Number(port), '127.0.0.1');

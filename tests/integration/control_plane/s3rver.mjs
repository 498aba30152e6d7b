// Starts s3rver (an S3 API server) on an ephemeral loopback port with the bucket the tests
// use, prints "listening on 127.0.0.1:PORT" and runs until SIGTERM.
//   node s3rver.mjs DIRECTORY BUCKET [--verify-presigned]
// s3rver checks no SigV4 signature at all. With --verify-presigned, requests authenticated
// by a presigned URL (X-Amz-Signature in the query) are verified here first, as S3 does,
// signed headers included: a presigned PUT with a signed Content-Length then refuses a body
// of another size (403 SignatureDoesNotMatch). Header-signed requests pass unchecked.
import { createHash, createHmac } from 'node:crypto';
import S3rver from 's3rver';

const [directory, bucket, ...flags] = process.argv.slice(2);
const secretKey = 'S3RVER';  // s3rver's default account
const server = new S3rver({
  address: '127.0.0.1',
  port: 0,
  silent: true,
  directory,
  configureBuckets: [{ name: bucket }],
});

// RFC 3986 unreserved characters stay, everything else is %XX (AWS's UriEncode).
const uriEncode = (text) =>
  encodeURIComponent(text).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
const hmac = (key, data) => createHmac('sha256', key).update(data).digest();

function presignedSignatureMatches(req) {
  const [path, rawQuery = ''] = req.url.split('?');
  const params = rawQuery.split('&').filter(Boolean).map((part) => {
    const eq = part.indexOf('=');
    const name = decodeURIComponent(eq < 0 ? part : part.slice(0, eq));
    const value = eq < 0 ? '' : decodeURIComponent(part.slice(eq + 1).replace(/\+/g, '%20'));
    return [name, value];
  });
  const get = (name) => params.find(([n]) => n === name)?.[1];
  const signature = get('X-Amz-Signature');
  const credential = get('X-Amz-Credential');
  const date = get('X-Amz-Date');
  const signedHeaders = get('X-Amz-SignedHeaders');
  if (!signature || !credential || !date || !signedHeaders) return false;
  const canonicalQuery = params
    .filter(([name]) => name !== 'X-Amz-Signature')
    .map(([name, value]) => [uriEncode(name), uriEncode(value)])
    .sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
  const headerLines = signedHeaders
    .split(';')
    .map((name) => `${name}:${String(req.headers[name] ?? '').trim()}\n`)
    .join('');
  const canonicalRequest = [req.method, path, canonicalQuery, headerLines, signedHeaders, 'UNSIGNED-PAYLOAD'].join('\n');
  const [, day, region, service] = credential.split('/');
  const scope = `${day}/${region}/${service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', date, scope, createHash('sha256').update(canonicalRequest).digest('hex')].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${secretKey}`, day), region), service), 'aws4_request');
  return hmac(key, stringToSign).toString('hex') === signature;
}

if (flags.includes('--verify-presigned')) {
  server.middleware.unshift(async (ctx, next) => {
    if (ctx.req.url.includes('X-Amz-Signature=') && !presignedSignatureMatches(ctx.req)) {
      ctx.status = 403;
      ctx.type = 'application/xml';
      ctx.body = '<?xml version="1.0" encoding="UTF-8"?><Error><Code>SignatureDoesNotMatch</Code></Error>';
      return;
    }
    await next();
  });
}

const { address, port } = await server.run();
console.log(`listening on ${address}:${port}`);
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, async () => {
    await server.close();
    process.exit(0);
  });
}

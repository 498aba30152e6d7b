// What every stack attack starts from: the running stack's addresses (run-stack.sh) and an
// SDK client for each of the two tenants, the attacker and the victim.
import { createRequire } from 'node:module';

import { Immagin } from '../../../sdk/typescript/dist/esm/index.js';

export const sharp = createRequire(new URL('../../package.json', import.meta.url))('sharp');
export const env = {
  api: process.env.ADV_API, // control plane
  internalApi: process.env.ADV_INTERNAL_API, // its internal listener (tenants, originals, usage)
  edge: process.env.ADV_EDGE, // Varnish, the public delivery URL
  luna: process.env.ADV_LUNA, // the edge host itself, behind Varnish
  data: process.env.ADV_DATA, // the stack's data directory
  admin: process.env.ADV_ADMIN, // immagin-admin
  host: process.env.ADV_HOST, // luna-server | workerd
};
export const attacker = new Immagin({ apiKey: process.env.ADV_ATTACKER_KEY, baseUrl: env.api });
export const victim = new Immagin({ apiKey: process.env.ADV_VICTIM_KEY, baseUrl: env.api });
export const attackerAuth = { Authorization: `Bearer ${process.env.ADV_ATTACKER_KEY}` };
export const victimAuth = { Authorization: `Bearer ${process.env.ADV_VICTIM_KEY}` };

// A gradient JPEG (or `format`) of the given size; `tint` makes two uploads tell apart.
export async function photo(width, height, { tint = 120, format = 'jpeg' } = {}) {
  const px = Buffer.alloc(width * height * 3);
  for (let i = 0; i < width * height; i++) {
    const x = i % width, y = Math.floor(i / width);
    px[i * 3] = (x * 255) / width; px[i * 3 + 1] = (y * 255) / height; px[i * 3 + 2] = tint;
  }
  return new Uint8Array(await sharp(px, { raw: { width, height, channels: 3 } })[format]().toBuffer());
}

export async function get(url, init) {
  const r = await fetch(url, init);
  const body = Buffer.from(await r.arrayBuffer());
  return { status: r.status, headers: r.headers, body, text: body.toString('utf8') };
}

export async function eventually(check, what, ms = 10_000) {
  const end = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

// A delivery URL signed by hand with the tenant's current secret, for payloads the SDK
// would not make (`exp`, hostile edits): GET /v1/project names the tenant and the secret.
import { deliveryUrl } from '../../conformance/mint.mjs';

export async function signer(auth) {
  const r = await fetch(`${env.api}/v1/project`, { headers: auth });
  if (r.status !== 200) throw new Error(`GET /v1/project → ${r.status}`);
  const project = await r.json();
  const tenant = project.tenantId ?? project.tenant;
  const secret = project.signingSecret.secret;
  return (base, payload) => deliveryUrl(base, tenant, secret, payload);
}

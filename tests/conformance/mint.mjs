// Signed delivery URLs for the conformance suite, written from the URL contract of the
// README (not from Luna's code), so the suite also checks that contract:
//   payload = base64url(JSON); sig = base64url(HMAC-SHA256(secret, "immagin-v1\n" + tenant + "\n" + payload))
import { createHmac } from 'node:crypto';

export function encodePayload(object) {
  return Buffer.from(JSON.stringify(object)).toString('base64url');
}

export function sign(secretB64, tenant, payload) {
  return createHmac('sha256', Buffer.from(secretB64, 'base64url'))
    .update(`immagin-v1\n${tenant}\n${payload}`)
    .digest('base64url');
}

// Path form: {base}/{tenant}/{payload}?sig=...
export function deliveryUrl(base, tenant, secretB64, object) {
  const payload = typeof object === 'string' ? object : encodePayload(object);
  return `${base}/${tenant}/${payload}?sig=${sign(secretB64, tenant, payload)}`;
}

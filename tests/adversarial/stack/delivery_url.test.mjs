// Attacks on the delivery URL itself: more than one signed request out of one signature,
// methods a cache would pass through, tenant ids that cost a control-plane lookup each.
import assert from 'node:assert/strict';
import net from 'node:net';
import { before, describe, test } from 'node:test';

import { attacker, attackerAuth, env, get, photo, signer } from './stack_client.mjs';

let sign;
before(async () => {
  await attacker.images.upload(await photo(320, 240), 'url/hero.jpg');
  sign = await signer(attackerAuth);
});

// One raw request on its own connection, the request line exactly as given (a client
// library might normalise it); the answer is read up to its Content-Length (Pistache keeps
// connections open whatever the client says).
export function rawRequest(base, head) {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => socket.write(head));
    let data = Buffer.alloc(0);
    const finish = () => {
      socket.destroy();
      const text = data.toString('latin1');
      resolve({ status: Number(text.slice(9, 12)), text });
    };
    socket.on('data', (d) => {
      data = Buffer.concat([data, d]);
      const end = data.indexOf('\r\n\r\n');
      if (end < 0) return;
      const length = /\r\ncontent-length:\s*(\d+)/i.exec(data.subarray(0, end).toString('latin1'));
      if (length && data.length >= end + 4 + Number(length[1])) finish();
    });
    socket.on('end', finish);
    socket.on('error', reject);
    socket.setTimeout(20_000, () => reject(new Error(`no answer to ${head.split('\r\n')[0]}`)));
  });
}

function rawGet(base, target) {
  const { host } = new URL(base);
  return rawRequest(base, `GET ${target} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
}

describe('one signature is one request', () => {
  for (const where of ['edge', 'luna']) {
    test(`RepeatedSigIsRefused (${where})`, async () => {
      const url = new URL(sign(env[where], { key: 'url/hero.jpg', edits: [{ resize: { width: 64 } }] }));
      const target = url.pathname + url.search;
      assert.equal((await rawGet(env[where], target)).status, 200);
      for (const extra of ['&sig=junk', '&sig=' + url.searchParams.get('sig'), '&sig=', '&', '&x=1']) {
        const r = await rawGet(env[where], target + extra);
        assert.equal(r.status, 400, `${extra}: ${r.text.slice(0, 300)}`);
        assert.match(r.text, /"field":"query"/);
      }
      // A second sig in front of the valid one is no better.
      const r = await rawGet(env[where], `${url.pathname}?sig=junk&${url.search.slice(1)}`);
      assert.equal(r.status, 400, r.text.slice(0, 300));
    });
  }
});

describe('the CDN answers only what delivery needs', () => {
  for (const method of ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'BREW', 'CONNECT']) {
    test(`OtherMethodsAre405AtTheCdn (${method})`, async () => {
      const url = sign(env.edge, { key: 'url/hero.jpg' });
      const { hostname, port } = new URL(env.edge);
      const target = method === 'CONNECT' ? `${hostname}:${port}` : new URL(url).pathname + new URL(url).search;
      const { text: r } = await rawRequest(env.edge,
        `${method} ${target} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
      assert.equal(r.slice(9, 12), '405', r.slice(0, 300));
      assert.match(r, /Allow: GET, HEAD/i);
      assert.match(r, /"field":"method"/);
    });
  }
});

describe('unknown tenants', () => {
  test('UnknownTenantIsLookedUpOnce', async () => {
    const lookups = async () => {
      const metrics = await (await fetch(`${env.internalApi}/metrics`)).text();
      return [...metrics.matchAll(/immagin_http_requests_total\{route="GET \/internal\/v1\/tenants\/\{tenant\}",status="404"\} (\d+)/g)]
        .reduce((n, m) => n + Number(m[1]), 0);
    };
    const tenant = `nobody-${Date.now()}`;
    const before = await lookups();
    for (let i = 0; i < 5; i++) {
      // Straight to Luna: Varnish does not cache the 404.
      const r = await get(`${env.luna}/${tenant}/eyJrZXkiOiJhLmpwZyJ9?sig=AAAA${i}`);
      assert.equal(r.status, 404, r.text);
    }
    assert.equal(await lookups() - before, 1, 'the control plane was asked more than once');
  });
});

describe('what Luna echoes', () => {
  test('ErrorMessagesQuotingTheUrlAreNeverSniffedAsHtml', async () => {
    const url = sign(env.luna, { key: 'url/hero.jpg' });
    const r = await get(`${url}&${encodeURIComponent('<script>alert(1)</script>')}=1`);
    assert.equal(r.status, 400);
    assert.equal(r.headers.get('content-type'), 'application/json');
    assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(JSON.parse(r.text).error.field, 'query');
  });
});

// Bytes after a HEAD answer's head would be read as the next answer on a kept-alive
// connection (response splitting for a proxy that pipelines).
describe('a HEAD answer has no body', () => {
  test('HeadOfHealthzSendsNoBody (luna)', async () => {
    const { hostname, port, host } = new URL(env.luna);
    const data = await new Promise((resolve, reject) => {
      const socket = net.connect(Number(port), hostname, () =>
        socket.write(`HEAD /healthz HTTP/1.1\r\nHost: ${host}\r\n\r\n`));
      let bytes = Buffer.alloc(0);
      socket.on('data', (d) => { bytes = Buffer.concat([bytes, d]); });
      socket.on('error', reject);
      setTimeout(() => { socket.destroy(); resolve(bytes); }, 700);
    });
    const text = data.toString('latin1');
    assert.equal(Number(text.slice(9, 12)), 200, text);
    assert.equal(text.slice(text.indexOf('\r\n\r\n') + 4), '', text);
  });
});

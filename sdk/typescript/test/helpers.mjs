// A fake fetch that records every request and answers from a route table, and the fixtures
// the tests share (a project whose secret is the bytes 0x00..0x1f).

import { createHmac } from 'node:crypto'

export const API_KEY = 'imk_testTestTestTestTestTest'
export const BASE_URL = 'http://cp.test'
export const TENANT = 'demo-project'
export const SECRET = Uint8Array.from({ length: 32 }, (_, i) => i)

export function project(overrides = {}) {
  return {
    tenantId: TENANT,
    name: 'Demo',
    deliveryBaseUrl: `http://edge.test:8080/${TENANT}`,
    signingSecret: { id: 's1', secret: Buffer.from(SECRET).toString('base64url') },
    state: 'active',
    createdAt: '2026-11-01T00:00:00Z',
    ...overrides,
  }
}

export function json(body, status = 200, headers = {}) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  })
}

/**
 * routes: { 'GET /v1/project': (req) => Response, ... } keyed by method and path (no query).
 * An unmatched request answers 599 so that a test can never pass by accident.
 */
export function fakeFetch(routes) {
  const requests = []
  const fetch = async (input, init) => {
    const request = new Request(input, init)
    const url = new URL(request.url)
    const bytes = new Uint8Array(await request.arrayBuffer())
    const recorded = {
      method: request.method,
      url: request.url,
      origin: url.origin,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      search: url.search,
      headers: Object.fromEntries(request.headers),
      bytes,
      /** The body exactly as given to fetch (before Request normalized it). */
      rawBody: init?.body,
      text: new TextDecoder().decode(bytes),
      get json() {
        return JSON.parse(this.text)
      },
    }
    requests.push(recorded)
    const route = routes[`${request.method} ${url.pathname}`]
    if (!route) return new Response(`no route for ${request.method} ${url.pathname}`, { status: 599 })
    return route(recorded)
  }
  return { fetch, requests }
}

/** The signature the C++ core computes, independently of the SDK. */
export function expectedSignature(secret, tenant, payload) {
  return createHmac('sha256', Buffer.from(secret)).update(`immagin-v1\n${tenant}\n${payload}`).digest('base64url')
}

/** Splits a delivery URL into its tenant base, payload (decoded) and signature. */
export function parseDeliveryUrl(href) {
  const url = new URL(href)
  const segments = url.pathname.split('/')
  const payload = segments.pop()
  return {
    base: `${url.origin}${segments.join('/')}`,
    payload,
    json: JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')),
    sig: url.searchParams.get('sig'),
    search: url.search,
  }
}

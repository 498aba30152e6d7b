// Luna in a Worker (workerd locally, Cloudflare Workers deployed): the I/O around luna.wasm.
// The module decides everything (luna/host_protocol.h); this file fetches what it asks
// for, caches tenant configs for the time it says, and sends usage events in batches.
import lunaWasm from './luna.wasm'
import { Luna } from './luna.js'

let luna // one instance per isolate, made on first use; a trap discards it
const tenants = new Map() // tenant → { answer, expires }
const usage = { events: [], batchId: null }
let pending = 0 // renders waiting for their original or their turn in the module

async function instance(env) {
  if (!luna) {
    const settings = Object.fromEntries(
      Object.entries(env).filter(([k, v]) => k.startsWith('LUNA_') && typeof v === 'string' && v))
    luna = await Luna.create(lunaWasm, settings)
  }
  return luna
}

const fetchStep = (step) => fetch(step.url, { headers: step.headers })

// A refresh (the module's answer to a signature that fails on a cached config) goes to the
// control plane at most once a second per tenant, so forged URLs cannot flood it.
async function tenantAnswer(step) {
  const hit = tenants.get(step.tenant)
  const now = Date.now()
  if (hit && hit.expires > now && !step.refresh) return { ...hit.answer, cached: true }
  if (hit && step.refresh && now - hit.fetched < 1000) return hit.answer
  const res = await fetchStep(step).catch(() => null)
  const answer = { status: res ? res.status : 0, body: res ? await res.text() : '' }
  if (answer.status === 200 || answer.status === 404) {
    tenants.set(step.tenant, { answer, fetched: now, expires: now + step.cacheSeconds * 1000 })
  }
  return answer
}

// Events leave in batches: the first event of a batch schedules its sending. A failed
// batch keeps its id, so the control plane counts a retried batch once.
function report(u, ctx, env) {
  usage.events.push(u.event)
  if (usage.events.length > 1) return
  const wait = Number(env.LUNA_USAGE_FLUSH_MS ?? 2000)
  const send = async () => {
    const events = usage.events.splice(0)
    const batchId = (usage.batchId ??= crypto.randomUUID())
    const res = await fetch(u.url, {
      method: 'POST', headers: u.headers, body: JSON.stringify({ batchId, events }),
    }).catch(() => null)
    if (res?.ok) usage.batchId = null
    else usage.events.unshift(...events)
  }
  ctx.waitUntil(new Promise((r) => setTimeout(r, wait)).then(send))
}

export default {
  async fetch(request, env, ctx) {
    const url = new URL(request.url)
    let step
    try {
      const l = await instance(env)
      if (url.pathname === '/healthz') return Response.json({ status: 'ok', module: l.version() })
      const req = {
        method: request.method, host: request.headers.get('host') ?? url.host,
        target: url.pathname + url.search, accept: request.headers.get('accept') ?? '',
        ifNoneMatch: request.headers.get('if-none-match') ?? '', now: Math.floor(Date.now() / 1000),
        pending,
      }
      step = l.prepare(req)
      while (step.step === 'fetch' && step.what === 'tenant') {
        req.tenant = await tenantAnswer(step)
        step = l.prepare(req)
      }
      if (step.step === 'fetch') {
        pending++
        try {
          const res = await fetchStep(step).catch(() => null)
          const size = Number(res?.headers.get('content-length') ?? 0)
          req.original = { status: res ? res.status : 0, etag: res?.headers.get('etag') ?? '', size }
          const read = res?.status === 200 && size <= step.maxBytes
          const bytes = read ? new Uint8Array(await res.arrayBuffer()) : new Uint8Array(0)
          step = (await instance(env)).render(req, bytes)
        } finally {
          pending--
        }
      }
    } catch (error) {
      luna = undefined
      console.error('luna:', error)
      return Response.json({ error: { code: 'internal', message: 'the image could not be processed' } },
        { status: 500, headers: { 'cache-control': 'no-store' } })
    }
    if (step.usage) report(step.usage, ctx, env)
    const empty = request.method === 'HEAD' || step.status === 304
    return new Response(empty ? null : step.body, { status: step.status, headers: step.headers })
  },
}

// Luna in a Worker (workerd locally, Cloudflare Workers deployed): the I/O around luna.wasm.
// The module decides everything (luna/host_protocol.h), and keeps the tenant cache in its
// memory; this file fetches what it asks for and sends usage events in batches.
import lunaWasm from './luna.wasm'
import { Luna } from './luna.js'

let luna // a promise of the isolate's one instance, made on first use and after a failed call
let pending = 0 // renders waiting for their original or their turn in the module

function instance(env) {
  if (!luna) {
    const settings = Object.fromEntries(
      Object.entries(env).filter(([k, v]) => k.startsWith('LUNA_') && typeof v === 'string' && v))
    const made = Luna.create(lunaWasm, settings)
    made.then(() => console.log('luna: new module instance'), () => {
      if (luna === made) luna = undefined // the next request tries again
    })
    luna = made
  }
  return luna
}

// `call(l)` on a working instance. Requests that waited (for their original, or for the
// instance to be made) share one new instance after a failure, and the check and the call
// run without a pause between them: none calls into an instance another request has broken.
async function withLuna(env, call) {
  for (;;) {
    const made = instance(env)
    const l = await made
    if (!l.failed) return call(l)
    if (luna === made) luna = undefined
  }
}

const fetchStep = (step) => fetch(step.url, { headers: step.headers })

// The original for the module: its answer ({ status, etag, size }) and its bytes. A body that
// breaks off is, like a failed fetch, storage that could not be reached (status 0).
async function fetchOriginal(step) {
  const none = new Uint8Array(0)
  const res = await fetchStep(step).catch(() => null)
  if (res?.status !== 200) {
    res?.body?.cancel().catch(() => {}) // an error page: none of it is needed
    return { answer: { status: res ? res.status : 0, etag: '', size: 0 }, bytes: none }
  }
  const read = await readOriginal(res, step.maxBytes).catch(() => null)
  if (!read) return { answer: { status: 0, etag: '', size: 0 }, bytes: none }
  return { answer: { status: 200, etag: res.headers.get('etag') ?? '', size: read.size }, bytes: read.bytes }
}

// The original's bytes, read no further than `maxBytes` whatever Content-Length says (or
// without one): { bytes, size } where size > maxBytes means "too large" (the module's 413).
async function readOriginal(res, maxBytes) {
  const declared = Number(res.headers.get('content-length') ?? 0)
  if (declared > maxBytes) {
    res.body?.cancel()
    return { bytes: new Uint8Array(0), size: declared }
  }
  const chunks = []
  let size = 0
  const reader = res.body.getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.length
    if (size > maxBytes) {
      reader.cancel()
      return { bytes: new Uint8Array(0), size }
    }
    chunks.push(value)
  }
  const bytes = new Uint8Array(size)
  let at = 0
  for (const chunk of chunks) bytes.set(chunk, at), (at += chunk.length)
  return { bytes, size }
}

// A tenant's config from the control plane: { status, body }, status 0 when it could not be
// reached or did not answer within the module's timeoutMs (the module then serves the
// config it has cached, or a 503).
async function tenantAnswer(step) {
  try {
    const res = await fetch(step.url, { headers: step.headers, signal: AbortSignal.timeout(step.timeoutMs) })
    return { status: res.status, body: await res.text() }
  } catch {
    return { status: 0, body: '' }
  }
}

// Usage leaves in batches, at least once, each event in exactly one batch: events wait in
// `queued` for LUNA_USAGE_FLUSH_MS, are then sealed with a fresh batch id (contents and id
// never change after that, so the control plane's dedupe by batch id cannot drop a new
// event), and sealed batches are sent in order, retried with backoff inside the request's
// waitUntil. What stays unsent when an isolate is evicted is lost: at most the events of
// the last flush window plus what an outage left sealed, and never more than
// LUNA_MAX_PENDING_USAGE events (edge/README.md, "Usage delivery").
const usage = { queued: [], sealed: [], flushing: false, dropped: 0 }

function report(u, ctx) {
  const max = u.maxPending // LUNA_MAX_PENDING_USAGE, validated by the module
  const held = usage.queued.length + usage.sealed.reduce((n, b) => n + b.events.length, 0)
  if (held >= max) {
    usage.dropped++
    console.error(`luna: usage queue full (${max} events); ${usage.dropped} dropped`)
    return
  }
  usage.queued.push(u.event)
  if (usage.flushing) return // the running flush seals these too before it ends
  usage.flushing = true
  ctx.waitUntil(flush(u, u.flushMs).finally(() => {
    usage.flushing = false
  }))
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

async function flush(u, wait) {
  await sleep(wait)
  let backoff = 250
  for (let attempt = 0; attempt < 8;) {
    // A backlog becomes several batches, each one the control plane accepts (maxBatchEvents).
    while (usage.queued.length) {
      usage.sealed.push({ batchId: crypto.randomUUID(), events: usage.queued.splice(0, u.maxBatchEvents) })
    }
    const batch = usage.sealed[0]
    if (!batch) return
    const res = await fetch(u.url, {
      method: 'POST', headers: u.headers, body: JSON.stringify(batch),
    }).catch(() => null)
    if (res?.ok) {
      usage.sealed.shift()
      backoff = 250
    } else {
      attempt++
      await sleep(backoff)
      backoff = Math.min(backoff * 2, 4000)
    }
  }
}

export default {
  async fetch(request, env, ctx) {
    const url = new URL(request.url)
    let step
    try {
      if (url.pathname === '/healthz') {
        return Response.json({ status: 'ok', module: await withLuna(env, (l) => l.version()) })
      }
      const req = {
        method: request.method, host: request.headers.get('host') ?? url.host,
        target: url.pathname + url.search, accept: request.headers.get('accept') ?? '',
        ifNoneMatch: request.headers.get('if-none-match') ?? '', now: Math.floor(Date.now() / 1000),
        nowMs: Date.now(), pending,
      }
      step = await withLuna(env, (l) => l.prepare(req))
      while (step.step === 'fetch' && step.what === 'tenant') {
        req.tenant = await tenantAnswer(step)
        step = await withLuna(env, (l) => l.prepare(req))
      }
      if (step.step === 'fetch') {
        req.tenant = step.tenantAnswer // the config the request was checked with, for the render
        pending++
        try {
          // The image layers' overlays come beside the original, fetched the same way; the
          // module gets all their bytes in one buffer, each overlay's length in its answer.
          const [original, ...overlays] = await Promise.all([step, ...(step.overlays ?? [])]
            .map((s) => fetchOriginal({ ...s, maxBytes: step.maxBytes })))
          req.original = original.answer
          req.overlays = overlays.map((o) => ({ ...o.answer, length: o.bytes.length }))
          const body = new Uint8Array(original.bytes.length + overlays.reduce((n, o) => n + o.bytes.length, 0))
          let at = 0
          for (const part of [original, ...overlays]) body.set(part.bytes, at), (at += part.bytes.length)
          step = await withLuna(env, (l) => l.render(req, body))
        } finally {
          pending--
        }
      }
    } catch (error) {
      // A trap or an exhausted memory (the instance is `failed` now: the next call makes a
      // new one), or an instance that could not be made.
      console.error('luna:', error)
      if (error?.name === 'LunaOutOfMemory') {
        return Response.json({ error: { code: 'unavailable', message: 'out of memory; retry shortly' } },
          { status: 503, headers: { 'cache-control': 'no-store', 'retry-after': '1' } })
      }
      return Response.json({ error: { code: 'internal', message: 'the image could not be processed' } },
        { status: 500, headers: { 'cache-control': 'no-store' } })
    }
    if (step.usage) report(step.usage, ctx)
    const empty = request.method === 'HEAD' || step.status === 304
    return new Response(empty ? null : step.body, { status: step.status, headers: step.headers })
  },
}

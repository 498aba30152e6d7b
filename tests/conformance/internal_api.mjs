// The control plane's internal API (the part edges use) served from files on loopback, so
// the conformance suite can give an edge that reads everything through that API (the
// workerd worker) the same tenants, originals and limits as luna-server's file mode:
//   GET  /internal/v1/tenants/{tenant}        → the tenant's entry of TENANTS_JSON
//   GET  /internal/v1/originals/{tenant}/{key} → ORIGINALS_DIR/{tenant}/{key}, with an ETag
//   POST /internal/v1/usage                   → each batch appended to USAGE_FILE (one line)
// Every request must carry `Authorization: Bearer TOKEN`. Prints the port once listening.
//   node internal_api.mjs TENANTS_JSON ORIGINALS_DIR USAGE_FILE TOKEN
import { appendFileSync, readFileSync, statSync } from 'node:fs'
import { createServer } from 'node:http'
import { join, normalize } from 'node:path'

const [tenantsFile, originals, usageFile, token] = process.argv.slice(2)
const tenants = new Map(JSON.parse(readFileSync(tenantsFile, 'utf8')).tenants.map((t) => [t.tenant, t]))
const batches = new Set()

const server = createServer(async (req, res) => {
  const send = (status, body, headers = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers })
    res.end(typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body))
  }
  if (req.headers.authorization !== `Bearer ${token}`) return send(401, { error: 'token' })
  const parts = req.url.split('?')[0].split('/').slice(1).map(decodeURIComponent)
  if (req.method === 'GET' && parts[2] === 'tenants' && parts.length === 4) {
    const tenant = tenants.get(parts[3])
    return tenant ? send(200, tenant) : send(404, { error: 'tenant' })
  }
  if (req.method === 'GET' && parts[2] === 'originals' && parts.length >= 5) {
    const path = normalize(join(originals, parts[3], parts.slice(4).join('/')))
    if (!path.startsWith(normalize(originals) + '/')) return send(400, { error: 'key' })
    try {
      const info = statSync(path)
      return send(200, readFileSync(path), {
        'content-type': 'application/octet-stream', etag: `"${info.size}-${info.mtimeMs}"`,
      })
    } catch {
      return send(404, { error: 'key' })
    }
  }
  if (req.method === 'POST' && req.url === '/internal/v1/usage') {
    const chunks = []
    for await (const chunk of req) chunks.push(chunk)
    const batch = JSON.parse(Buffer.concat(chunks).toString())
    if (!batches.has(batch.batchId)) appendFileSync(usageFile, JSON.stringify(batch) + '\n')
    batches.add(batch.batchId)
    return send(200, { accepted: batch.events.length })
  }
  send(404, { error: 'route' })
})
server.listen(0, '127.0.0.1', () => console.log(server.address().port))

// The five canonical operations over HTTP against a Luna host (luna-server or the workerd
// worker), one request at a time: median latency per operation, as a client sees it, and
// the body's size.
//   node http_operations.mjs BASE_URL TENANT SECRET KEY ITERATIONS
// Prints JSON: { op: { ms, bytes } }.
import { createHmac } from 'node:crypto'
import { operations } from './operations.mjs'

const [base, tenant, secret, key, iterationsArg = '15'] = process.argv.slice(2)
const result = {}
for (const [name, [edits, output]] of Object.entries(operations)) {
  const times = []
  let bytes = 0
  for (let i = 0; i <= Number(iterationsArg); i++) {
    // Hosts keep no result cache (the CDN in front does), so every request renders.
    const payload = Buffer.from(JSON.stringify({ key, edits, output })).toString('base64url')
    const sig = createHmac('sha256', Buffer.from(secret, 'base64url')).update(`immagin-v1\n${tenant}\n${payload}`).digest('base64url')
    const start = process.hrtime.bigint()
    const res = await fetch(`${base}/${tenant}/${payload}?sig=${sig}`)
    bytes = (await res.arrayBuffer()).byteLength
    if (res.status !== 200) throw new Error(`${name}: ${res.status}`)
    if (i > 0) times.push(Number(process.hrtime.bigint() - start) / 1e6) // first one warms up
  }
  times.sort((a, b) => a - b)
  result[name] = { ms: times[Math.floor(times.length / 2)], bytes }
}
console.log(JSON.stringify(result))

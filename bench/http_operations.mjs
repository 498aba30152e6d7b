// The five canonical operations over HTTP against a Luna host (luna-server or the workerd
// worker), one request at a time: median latency per operation, as a client sees it.
//   node http_operations.mjs BASE_URL TENANT SECRET KEY ITERATIONS
import { createHmac } from 'node:crypto'

const [base, tenant, secret, key, iterationsArg = '15'] = process.argv.slice(2)
const operations = {
  a_resize800_webp: [{ resize: { width: 800 } }, {}],
  b_cover400_webp: [{ resize: { width: 400, height: 400 } }, {}],
  c_lqip_webp: [[{ resize: { width: 20 } }, { blur: 10 }], {}],
  d_og1200x630_jpeg: [{ resize: { width: 1200, height: 630 } }, { format: 'jpeg', quality: 85 }],
  e_resize800_avif: [{ resize: { width: 800 } }, { format: 'avif' }],
}
const result = {}
for (const [name, [edits, output]] of Object.entries(operations)) {
  const times = []
  for (let i = 0; i <= Number(iterationsArg); i++) {
    // Hosts keep no result cache (the CDN in front does), so every request renders.
    const payload = Buffer.from(JSON.stringify({ key, edits, output })).toString('base64url')
    const sig = createHmac('sha256', Buffer.from(secret, 'base64url')).update(`immagin-v1\n${tenant}\n${payload}`).digest('base64url')
    const start = process.hrtime.bigint()
    const res = await fetch(`${base}/${tenant}/${payload}?sig=${sig}`)
    await res.arrayBuffer()
    if (res.status !== 200) throw new Error(`${name}: ${res.status}`)
    if (i > 0) times.push(Number(process.hrtime.bigint() - start) / 1e6) // first one warms up
  }
  times.sort((a, b) => a - b)
  result[name] = times[Math.floor(times.length / 2)]
}
console.log(JSON.stringify(result))

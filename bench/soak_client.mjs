// The soak's client: sends every path of PATHS_FILE (one per line) to BASE with CONCURRENCY
// requests in flight, reads each body whole, and samples the server's RSS (VmRSS of PID)
// every SAMPLE requests. Prints one JSON object: the status counts, the RSS samples (MB)
// and the figures bench/soak.sh reports.
//   node soak_client.mjs BASE PATHS_FILE CONCURRENCY PID [SAMPLE] [WARMUP]
import { readFileSync } from 'node:fs'

const [base, pathsFile, concurrencyArg, pid, sampleArg = '500', warmupArg = '1000'] = process.argv.slice(2)
const paths = readFileSync(pathsFile, 'utf8').trim().split('\n')
const sample = Number(sampleArg)
const warmup = Number(warmupArg)
const rss = () => {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  return Math.round(Number(status.match(/VmRSS:\s+(\d+)/)[1]) / 1024)
}
const hwm = () => Math.round(Number(readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmHWM:\s+(\d+)/)[1]) / 1024)

const statuses = {}
const samples = []
let next = 0
let finished = 0
const started = Date.now()

async function worker() {
  while (next < paths.length) {
    const path = paths[next++]
    let status
    const began = Date.now()
    try {
      const res = await fetch(base + path)
      await res.arrayBuffer()
      status = res.status
    } catch {
      status = 'error'
    }
    statuses[status] = (statuses[status] ?? 0) + 1
    if (process.env.SOAK_TRACE) console.error(status, Date.now() - began, path)
    if (++finished % sample === 0) {
      samples.push([finished, rss()])
      console.error(`soak: ${finished} requests, ${samples[samples.length - 1][1]} MB, ${((Date.now() - started) / 1000).toFixed(0)} s`)
    }
  }
}
await Promise.all(Array.from({ length: Number(concurrencyArg) }, worker))
if (samples[samples.length - 1]?.[0] !== finished) samples.push([finished, rss()])

const afterWarmup = samples.find(([n]) => n >= warmup)?.[1] ?? samples[0][1]
const end = samples[samples.length - 1][1]
// RSS swings with what is in flight at the moment of a sample: the means of the two halves
// after the warm-up say more about growth than two single samples.
const steady = samples.filter(([n]) => n > warmup).map(([, mb]) => mb)
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length)
const half = Math.floor(steady.length / 2)
const halves = [mean(steady.slice(0, half)), mean(steady.slice(steady.length - half))]
console.log(JSON.stringify({
  requests: finished,
  seconds: (Date.now() - started) / 1000,
  statuses,
  rssAfterWarmupMB: afterWarmup,
  rssEndMB: end,
  growth: end / afterWarmup - 1,
  halvesMB: halves.map(Math.round),
  halvesGrowth: halves[1] / halves[0] - 1,
  peakMB: hwm(),
  samples,
}))

// Runs test/workerd/worker.js with dist/esm inside workerd, and checks what it answers.
// workerd is not a dependency (it is large); point WORKERD at a binary, or have `workerd` on
// PATH (`npm install --no-save workerd` puts one in node_modules/.bin). Build first.
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { createHmac } from 'node:crypto'
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const localBin = join(root, 'node_modules', '.bin', 'workerd')
const workerd = process.env.WORKERD || (existsSync(localBin) ? localBin : 'workerd')

const dir = mkdtempSync(join(tmpdir(), 'immagin-workerd-'))
const modules = readdirSync(join(root, 'dist', 'esm')).filter((f) => f.endsWith('.js'))
for (const f of modules) copyFileSync(join(root, 'dist', 'esm', f), join(dir, f))
copyFileSync(join(root, 'test', 'workerd', 'worker.js'), join(dir, 'worker.js'))

const port = await new Promise((resolve) => {
  const server = createServer().listen(0, '127.0.0.1', () => {
    const { port } = server.address()
    server.close(() => resolve(port))
  })
})
writeFileSync(
  join(dir, 'config.capnp'),
  `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [ (name = "main", worker = .worker) ],
  sockets = [ (name = "http", address = "127.0.0.1:${port}", http = (), service = "main") ],
);
const worker :Workerd.Worker = (
  modules = [
    (name = "worker.js", esModule = embed "worker.js"),
${modules.map((f) => `    (name = "${f}", esModule = embed "${f}"),`).join('\n')}
  ],
  compatibilityDate = "2024-09-23",
);
`,
)

const child = spawn(workerd, ['serve', join(dir, 'config.capnp')], { stdio: ['ignore', 'inherit', 'inherit'] })
const exited = new Promise((resolve) => child.on('exit', resolve))
try {
  let answer
  for (let i = 0; i < 100 && !answer; i++) {
    answer = await fetch(`http://127.0.0.1:${port}/`).then((r) => r.json(), () => undefined)
    if (!answer) await new Promise((r) => setTimeout(r, 100))
  }
  assert.ok(answer, 'workerd did not answer')
  assert.equal(
    answer.vector,
    'https://demo-project.immag.in/eyJrZXkiOiJoZXJvLmpwZyJ9?sig=l2NDf1mFGBfe41C30JPOnChik1Cdxck3tj-cqbwu_KE',
  )
  const chained = new URL(answer.chained)
  const payload = chained.pathname.slice(1)
  assert.deepEqual(JSON.parse(Buffer.from(payload, 'base64url')), {
    key: 'photo.jpg',
    edits: [{ resize: { width: 800 } }, { text: { text: '© immagin' } }],
  })
  const secret = Buffer.from(Array.from({ length: 32 }, (_, i) => i))
  const sig = createHmac('sha256', secret).update(`immagin-v1\ndemo-project\n${payload}`).digest('base64url')
  assert.equal(chained.searchParams.get('sig'), sig)
  assert.deepEqual(answer.error, { isImmaginError: true, status: 404, message: 'no such image' })
  assert.equal(answer.upload, 404)
  assert.deepEqual(answer.calls, [
    'GET http://cp.test/v1/project',
    'DELETE http://cp.test/v1/images/missing.jpg',
    'POST http://cp.test/v1/images/presign',
  ])
  console.log('workerd: ok (signing, errors, stream upload)')
} finally {
  child.kill('SIGTERM')
  await exited
  rmSync(dir, { recursive: true, force: true })
}

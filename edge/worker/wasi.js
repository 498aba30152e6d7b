// The few WASI preview-1 calls luna.wasm makes, for hosts without node:wasi (workerd):
// environment, clocks, random bytes and stdout/stderr; there is no filesystem.
const ERRNO_SUCCESS = 0
const ERRNO_BADF = 8
const ERRNO_NOSYS = 52

export function wasiImports(env) {
  let memory
  const view = () => new DataView(memory.buffer)
  const encoder = new TextEncoder()
  const vars = Object.entries(env).map(([k, v]) => encoder.encode(`${k}=${v}\0`))
  const lines = { 1: '', 2: '' }
  const imports = {
    environ_sizes_get(countPtr, sizePtr) {
      view().setUint32(countPtr, vars.length, true)
      view().setUint32(sizePtr, vars.reduce((n, v) => n + v.length, 0), true)
      return ERRNO_SUCCESS
    },
    environ_get(environPtr, bufPtr) {
      for (const [i, v] of vars.entries()) {
        view().setUint32(environPtr + 4 * i, bufPtr, true)
        new Uint8Array(memory.buffer, bufPtr, v.length).set(v)
        bufPtr += v.length
      }
      return ERRNO_SUCCESS
    },
    clock_time_get(id, _precision, timePtr) {
      const ms = id === 0 ? Date.now() : performance.now()
      view().setBigUint64(timePtr, BigInt(Math.round(ms * 1e6)), true)
      return ERRNO_SUCCESS
    },
    random_get(ptr, len) {
      for (let at = 0; at < len; at += 65536) {
        crypto.getRandomValues(new Uint8Array(memory.buffer, ptr + at, Math.min(65536, len - at)))
      }
      return ERRNO_SUCCESS
    },
    // stdout and stderr become console lines; other descriptors do not exist.
    fd_write(fd, iovs, count, writtenPtr) {
      if (fd !== 1 && fd !== 2) return ERRNO_BADF
      let written = 0
      for (let i = 0; i < count; i++) {
        const ptr = view().getUint32(iovs + 8 * i, true)
        const len = view().getUint32(iovs + 8 * i + 4, true)
        lines[fd] += new TextDecoder().decode(new Uint8Array(memory.buffer, ptr, len))
        written += len
      }
      const parts = lines[fd].split('\n')
      lines[fd] = parts.pop()
      for (const line of parts) (fd === 1 ? console.log : console.error)(line)
      view().setUint32(writtenPtr, written, true)
      return ERRNO_SUCCESS
    },
    fd_fdstat_get(fd, statPtr) {
      if (fd > 2) return ERRNO_BADF
      new Uint8Array(memory.buffer, statPtr, 24).fill(0)
      view().setUint8(statPtr, 2) // character device
      return ERRNO_SUCCESS
    },
    fd_prestat_get: () => ERRNO_BADF, // no preopened directories
    proc_exit(code) {
      throw new Error(`luna.wasm exited with ${code}`)
    },
  }
  // Any other WASI call (files, polling) answers ENOSYS: the module has no filesystem.
  const all = new Proxy(imports, { get: (t, name) => t[name] ?? (() => ERRNO_NOSYS) })
  return { imports: all, bind: (m) => (memory = m) }
}

// luna.wasm's ABI (edge/wasm/luna_module.cc) as a JS class: prepare and render take the
// request as an object and return the module's next step with its body as bytes.
import { wasiImports } from './wasi.js'

// luna_alloc answered 0: linear memory cannot grow further. Writing there would overwrite
// the module's own data from address 0, so the call stops; the instance is then `failed`
// too, since its memory never shrinks and a new one starts small.
export class LunaOutOfMemory extends Error {
  constructor(bytes) {
    super(`luna.wasm could not allocate ${bytes} bytes`)
    this.name = 'LunaOutOfMemory'
  }
}

const encoder = new TextEncoder()
const decoder = new TextDecoder()

export class Luna {
  // `module` is a compiled WebAssembly.Module; `env` its LUNA_* settings.
  static async create(module, env) {
    const wasi = wasiImports(env)
    const instance = await WebAssembly.instantiate(module, { wasi_snapshot_preview1: wasi.imports })
    wasi.bind(instance.exports.memory)
    instance.exports._initialize()
    return new Luna(instance.exports)
  }

  constructor(exports) {
    this.x = exports
    // Set when a call into the module threw (a trap, LunaOutOfMemory): its stack pointer
    // stays where the trap left it and its heap may be half updated, so the host makes a new
    // instance instead of calling this one again.
    this.failed = false
  }

  version() {
    const ptr = this.x.luna_version()
    const bytes = new Uint8Array(this.x.memory.buffer, ptr)
    return decoder.decode(bytes.subarray(0, bytes.indexOf(0)))
  }

  // Bytes of linear memory in use, for benchmarks (it only grows).
  memoryBytes() {
    return this.x.memory.buffer.byteLength
  }

  prepare(request) {
    return this.#call(request)
  }

  render(request, original) {
    return this.#call(request, original)
  }

  #copyIn(bytes) {
    const ptr = this.x.luna_alloc(bytes.length)
    if (!ptr) throw new LunaOutOfMemory(bytes.length)
    new Uint8Array(this.x.memory.buffer, ptr, bytes.length).set(bytes)
    return ptr
  }

  #call(request, original) {
    try {
      return this.#exchange(request, original)
    } catch (error) {
      this.failed = true
      throw error
    }
  }

  #exchange(request, original) {
    const text = encoder.encode(JSON.stringify(request))
    const req = this.#copyIn(text)
    let orig = 0
    try {
      orig = original ? this.#copyIn(original) : 0
    } catch (error) {
      this.x.luna_free(req)
      throw error
    }
    const out = original
      ? this.x.luna_render(req, text.length, orig, original.length)
      : this.x.luna_prepare(req, text.length)
    try {
      const view = new DataView(this.x.memory.buffer)
      const [head, headLen, body, bodyLen] = [0, 4, 8, 12].map((o) => view.getUint32(out + o, true))
      const step = JSON.parse(decoder.decode(new Uint8Array(this.x.memory.buffer, head, headLen)))
      step.body = new Uint8Array(this.x.memory.buffer, body, bodyLen).slice()
      return step
    } finally {
      this.x.luna_output_free(out)
      this.x.luna_free(req)
      if (orig) this.x.luna_free(orig)
    }
  }
}

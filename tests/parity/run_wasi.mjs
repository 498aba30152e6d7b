// Runs a wasm32-wasi command module under Node's WASI with this process's stdio.
//   node --no-warnings run_wasi.mjs module.wasm [args...]
import { readFile } from 'node:fs/promises';
import { WASI } from 'node:wasi';
import process from 'node:process';

const [modulePath, ...args] = process.argv.slice(2);
const wasi = new WASI({ version: 'preview1', args: [modulePath, ...args], env: {}, returnOnExit: true });
const module = await WebAssembly.compile(await readFile(modulePath));
const instance = await WebAssembly.instantiate(module, { wasi_snapshot_preview1: wasi.wasiImport });
process.exitCode = wasi.start(instance);

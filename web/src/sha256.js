// Streaming SHA-256 for the hash worker: web/sha256/sha256.c compiled to WebAssembly (web/sha256/build.sh), the modules
// embedded in the worker's bundle by build.mjs. Hand-written rather than a library for a measured reason, in sha256.c.
import simdModule from './sha256-simd.wasm';
import scalarModule from './sha256.wasm';

// The module's input buffer (sha256.c chunkSize): update() feeds larger arrays in pieces of this size.
const chunkSize = 2 * 1024 * 1024;
let compiled;
// An instance no hash is using, reused by the next one. Instances are not made per file: each one's memory reserves gigabytes
// of address space (V8's guard regions) until a GC frees it, and a worker that made one per file hung now and then in Chromium
// (HashWorkerTests: one job in sixteen never started).
let spare;

/** Compiles once per worker: the SIMD build where the engine validates it (wasm SIMD), else the scalar one. */
function compile() {
  compiled ??= WebAssembly.compile(WebAssembly.validate(simdModule) ? simdModule : scalarModule);
  return compiled;
}

/** A fresh SHA-256 state: update(bytes) any number of times, then digest() for the 32 bytes. */
export async function createSha256() {
  const instance = spare ?? (await WebAssembly.instantiate(await compile()));
  spare = undefined;
  const { memory, buffer, init, update, final } = instance.exports;
  const base = buffer();
  init();
  return {
    update(bytes) {
      for (let offset = 0; offset < bytes.length; offset += chunkSize) {
        const piece = bytes.subarray(offset, offset + chunkSize);
        new Uint8Array(memory.buffer, base, piece.length).set(piece);
        update(piece.length);
      }
    },
    digest() {
      final();
      const digest = new Uint8Array(memory.buffer, base, 32).slice();
      spare = instance;
      return digest;
    },
  };
}

// Hashes files for instant upload (docs/page.md): a streaming SHA-256 (hash-wasm) over the File read in slices, so neither the
// main thread nor memory ever holds a whole file. Messages in: { id, file }; out: { id, hashed } every slice, then
// { id, digest } (standard Base64, as Repr-Digest carries it) or { id, error }.
import { createSHA256 } from 'hash-wasm';

const sliceSize = 8 * 1024 * 1024;
const queue = [];
const cancelled = new Set();
let running = false;

self.onmessage = (event) => {
  const { id, file, cancel } = event.data;
  if (cancel) {
    const index = queue.findIndex((job) => job.id === cancel);
    if (index >= 0) queue.splice(index, 1);
    if (current === cancel) cancelled.add(cancel);
    return;
  }
  // The same file added again after it was removed has the same id: a new job, not the cancelled one.
  cancelled.delete(id);
  queue.push({ id, file });
  if (!running) drain();
};

let current = null;

async function drain() {
  running = true;
  // One file at a time: hashing is CPU-bound, and the uploads running meanwhile need the rest of the machine.
  while (queue.length) {
    const { id, file } = queue.shift();
    current = id;
    try {
      const digest = await hash(id, file);
      if (digest) self.postMessage({ id, digest });
    } catch (error) {
      self.postMessage({ id, error: String(error?.message || error) });
    }
    current = null;
    cancelled.delete(id);
  }
  running = false;
}

async function hash(id, file) {
  const sha256 = await createSHA256();
  sha256.init();
  for (let at = 0; at < file.size; at += sliceSize) {
    if (cancelled.has(id)) return null;
    const bytes = new Uint8Array(await file.slice(at, Math.min(file.size, at + sliceSize)).arrayBuffer());
    sha256.update(bytes);
    self.postMessage({ id, hashed: at + bytes.length });
  }
  return base64(sha256.digest('binary'));
}

function base64(bytes) {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

// Hashes files for instant upload (docs/page.md): a streaming SHA-256 (hash-wasm) over the File read in slices, so neither the
// main thread nor memory ever holds a whole file. Messages in: { job, file } to hash, { cancel: job } to stop; out:
// { job, hashed } every slice, then { job, digest } (standard Base64, as Repr-Digest carries it) or { job, error }.
// A job is a token the page makes per added file, so a file removed and added again is a new job, never the old one resumed.
import { createSHA256 } from 'hash-wasm';

const sliceSize = 8 * 1024 * 1024;
// Slices read ahead while one is hashed: Chromium reads a Blob on other threads (browser process, IPC), so with reads in
// flight the worker's own core only hashes. Two keep the next slice ready without holding more than 24 MiB.
const readAhead = 2;
const queue = [];
const cancelled = new Set();
let running = false;
let current = null;

self.onmessage = (event) => {
  const { job, file, cancel } = event.data;
  if (cancel !== undefined) {
    const index = queue.findIndex((queued) => queued.job === cancel);
    if (index >= 0) queue.splice(index, 1);
    if (current === cancel) cancelled.add(cancel);
    return;
  }
  queue.push({ job, file });
  if (!running) drain();
};

async function drain() {
  running = true;
  // One file at a time: hashing is CPU-bound, and the uploads running meanwhile need the rest of the machine.
  while (queue.length) {
    const { job, file } = queue.shift();
    current = job;
    try {
      const digest = await hash(job, file);
      if (digest) self.postMessage({ job, digest });
    } catch (error) {
      self.postMessage({ job, error: String(error?.message || error) });
    }
    current = null;
    cancelled.delete(job);
  }
  running = false;
}

async function hash(job, file) {
  const sha256 = await createSHA256();
  sha256.init();
  const reads = [];
  let next = 0;
  const readMore = () => {
    while (reads.length <= readAhead && next < file.size) {
      const read = file.slice(next, Math.min(file.size, next + sliceSize)).arrayBuffer();
      // A cancelled job leaves reads behind; their failure (the file gone) is nobody's concern.
      read.catch(() => {});
      reads.push(read);
      next += sliceSize;
    }
  };
  readMore();
  let hashed = 0;
  while (reads.length) {
    const bytes = new Uint8Array(await reads.shift());
    if (cancelled.has(job)) return null;
    readMore();
    sha256.update(bytes);
    hashed += bytes.length;
    self.postMessage({ job, hashed });
  }
  return base64(sha256.digest('binary'));
}

function base64(bytes) {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

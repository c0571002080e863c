// Hashes files for instant upload (docs/page.md): a streaming SHA-256 (hash-wasm) over the File read as a stream, so neither
// the main thread nor memory ever holds a whole file. Messages in: { job, file } to hash, { cancel: job } to stop; out:
// { job, hashed } per chunk read, then { job, digest } (standard Base64, as Repr-Digest carries it) or { job, error }.
// A job is a token the page makes per added file, so a file removed and added again is a new job, never the old one resumed.
import { createSHA256 } from 'hash-wasm';

// The page shows hash progress ("checking N %"); it needs no finer steps than this.
const progressInterval = 200;
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
  // Blob.stream(): Chromium fills the stream from other threads (browser process, data pipe) while this one hashes, in chunks
  // of up to 2 MiB handed over without a copy per slice — measured faster than awaiting file.slice().arrayBuffer() slices,
  // even with reads ahead (bench/analysis.md §Page instant upload).
  const reader = file.stream().getReader();
  let hashed = 0;
  let reported = -Infinity;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (cancelled.has(job)) {
      reader.cancel().catch(() => {});
      return null;
    }
    sha256.update(value);
    hashed += value.length;
    // Progress at most every progressInterval: a message per chunk would be thousands per GiB for the page to read.
    const now = performance.now();
    if (now - reported >= progressInterval) {
      reported = now;
      self.postMessage({ job, hashed });
    }
  }
  return base64(sha256.digest('binary'));
}

function base64(bytes) {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

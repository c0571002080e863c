// Hashes files for instant upload (docs/page.md): a streaming SHA-256 (sha256.js, WebAssembly) over the File read as a stream into two
// 2 MiB buffers, so neither the main thread nor memory ever holds a whole file. Messages in: { job, file } to hash,
// { cancel: job } to stop; out: { job, hashed } a few times a second, then { job, digest } (standard Base64, as Repr-Digest
// carries it) or { job, error }.
// A job is a token the page makes per added file, so a file removed and added again is a new job, never the old one resumed.
import { createSha256 } from './sha256.js';

// The page shows hash progress ("checking N %"); it needs no finer steps than this.
const progressInterval = 200;
// Each of the two read buffers (chunks below); 2 MiB measured at least as fast as 1 or 8 MiB.
const bufferSize = 2 * 1024 * 1024;
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
  const sha256 = await createSha256();
  let hashed = 0;
  let reported = -Infinity;
  for await (const bytes of chunks(file)) {
    if (cancelled.has(job)) return null;
    sha256.update(bytes);
    hashed += bytes.length;
    // Progress at most every progressInterval: a message per chunk would be hundreds per GiB for the page to read.
    const now = performance.now();
    if (now - reported >= progressInterval) {
      reported = now;
      self.postMessage({ job, hashed });
    }
  }
  return base64(sha256.digest());
}

/**
 * The file's bytes in order, read with Blob.stream(). Chromium fills the stream from other threads (browser process, data pipe)
 * while this one hashes. A BYOB reader fills two reused 2 MiB buffers — one filling while the other is hashed — instead of a
 * fresh buffer per chunk, whose page faults and copies were a quarter of this thread's time (bench/analysis.md §Page instant
 * upload); browsers whose Blob stream is not a byte stream get the default reader's chunks.
 */
async function* chunks(file) {
  const stream = file.stream();
  let reader;
  try {
    reader = stream.getReader({ mode: 'byob' });
  } catch {
    yield* plainChunks(stream.getReader());
    return;
  }
  try {
    let current = await fill(reader, new ArrayBuffer(bufferSize));
    let spare = new ArrayBuffer(bufferSize);
    for (;;) {
      const next = current.done ? null : fill(reader, spare);
      // A cancelled job stops mid-file: the read in flight must not be reported as unhandled.
      next?.catch(() => {});
      if (current.filled) yield new Uint8Array(current.buffer, 0, current.filled);
      if (!next) return;
      spare = current.buffer;
      current = await next;
    }
  } finally {
    reader.cancel().catch(() => {});
  }
}

/** The default reader's chunks, for a Blob stream that is not a byte stream. */
async function* plainChunks(reader) {
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.cancel().catch(() => {});
  }
}

/** Reads into `buffer` until it is full or the stream ends; BYOB reads hand the (transferred) buffer back each time. */
async function fill(reader, buffer) {
  let filled = 0;
  while (filled < bufferSize) {
    const { done, value } = await reader.read(new Uint8Array(buffer, filled, bufferSize - filled));
    if (done) return { buffer: value ? value.buffer : buffer, filled, done: true };
    buffer = value.buffer;
    filled += value.byteLength;
  }
  return { buffer, filled, done: false };
}

function base64(bytes) {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

// Instant upload (issue 15, docs/page.md): every added file is hashed (SHA-256) in a Web Worker WHILE Uppy uploads it. Once the
// hash is known and the upload has not finished, a digest-first creation (tus POST with Repr-Digest, no content) asks the
// server whether it already holds that content. If it does, the upload is complete at once: the running upload is stopped and
// its partial upload terminated, and the file shows "Already on the server". Otherwise the extra creation is terminated and the
// running upload simply continues; a file whose upload finishes before its hash just finishes.
// A file this browser finished uploading before (known-files.js) is the exception: the server very likely has it, and on a fast
// link its upload could finish before the hash (a full upload of bytes the server holds, and the CPU the hash needed spent on
// it). Its creation waits for the answer instead (gateCreations in uploader.js): no upload runs unless the server lacks it.
import { authHeaders, resolve } from './api.js';
import { createKnownFiles } from './known-files.js';
import { gateCreations } from './uploader.js';

const tusVersion = '1.0.0';
// A challenge asking for more than this is not answered here (the proof is computed from slices held in memory).
const maxProofBytes = 1024 * 1024;

/** Whether the upload endpoint completes digest-first creations: Baton announces `Baton-File-Digest: sha-256` on OPTIONS. */
async function offersDigests(endpoint) {
  try {
    const response = await fetch(endpoint, { method: 'OPTIONS', headers: { 'Tus-Resumable': tusVersion, ...authHeaders() } });
    return (response.headers.get('Baton-File-Digest') || '').toLowerCase().split(',').map((s) => s.trim()).includes('sha-256');
  } catch {
    return false;
  }
}

/** A promise with its settle functions, settled once. */
function deferred() {
  let resolve;
  let reject;
  const promise = new Promise((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // A gate nobody waits on (the upload never reached its creation) must not report an unhandled rejection.
  promise.catch(() => {});
  return { promise, resolve, reject };
}

export async function installInstantUploads(uppy, config) {
  const endpoint = resolve(config.uploadEndpoint);
  if (typeof Worker === 'undefined' || !(await offersDigests(endpoint))) return;
  const worker = new Worker(resolve('assets/hash-worker.js'), { type: 'module' });
  const known = createKnownFiles(endpoint);
  // Per added file: its hash job (a fresh token per add, so a file removed and added again never takes the old job's
  // messages) and, for a known file, the gate its creation waits on.
  const checks = new Map();
  const jobFiles = new Map();
  let jobs = 0;
  // Files this module stopped itself: the synthetic 'file-removed' that stops their tus upload must not cancel anything else.
  const stopping = new Set();

  gateCreations(uppy, (file) => checks.get(file.id)?.gate?.promise);

  worker.onmessage = ({ data }) => {
    const id = jobFiles.get(data.job);
    const check = id === undefined ? undefined : checks.get(id);
    const file = check && uppy.getFile(id);
    if (!file) return;
    if (data.hashed !== undefined) {
      // The worker reports a few times a second at most (hash-worker.js), so each report can go into Uppy state.
      uppy.setFileState(id, { hashed: data.hashed });
      return;
    }
    endJob(id);
    if (data.digest) {
      uppy.setFileState(id, { sha256: data.digest });
      askServer(id, data.digest)
        .then((instant) => (instant ? check.gate?.reject(new Error('already on the server')) : check.gate?.resolve()))
        .catch((error) => {
          uppy.log(`[instant] ${file.name}: ${error.message}`, 'warning');
          check.gate?.resolve();
        });
    } else {
      uppy.log(`[instant] ${file.name}: hashing failed: ${data.error}`, 'warning');
      check.gate?.resolve();
    }
  };

  // A worker that cannot run (its script or WebAssembly refused, or it died) answers nothing: without this, a known file's
  // creation would wait at its gate forever. Every file then simply uploads, as on a server without digests.
  let broken = false;
  worker.onerror = (event) => {
    event.preventDefault();
    broken = true;
    uppy.log(`[instant] the hash worker failed (${event.message || event.type}): uploading without instant checks`, 'warning');
    jobFiles.clear();
    for (const check of checks.values()) check.gate?.resolve();
  };

  uppy.on('file-added', (file) => {
    if (broken || file.isRemote || file.isGhost || !(file.data instanceof Blob)) return;
    const job = ++jobs;
    checks.set(file.id, { job, gate: known.has(file) ? deferred() : null });
    jobFiles.set(job, file.id);
    worker.postMessage({ job, file: file.data });
  });
  uppy.on('file-removed', (file) => {
    if (stopping.has(file.id)) return;
    checks.get(file.id)?.gate?.reject(new Error('removed'));
    endJob(file.id, true);
    checks.delete(file.id);
  });
  uppy.on('upload-success', (file) => {
    if (!file) return;
    known.add(file);
    // Uploaded before its hash was known: the hash has nothing left to decide, and the other uploads need the CPU.
    if (!file.instant) endJob(file.id, true);
  });

  function endJob(id, cancel = false) {
    const check = checks.get(id);
    if (!check || !jobFiles.has(check.job)) return;
    jobFiles.delete(check.job);
    if (cancel) worker.postMessage({ cancel: check.job });
  }

  /** Asks with a digest-first creation; true when the file is now complete on the server (and its upload stopped). */
  async function askServer(id, digest) {
    let file = uppy.getFile(id);
    if (!file || file.progress.uploadComplete || file.error) return false;
    const created = await fetch(endpoint, {
      method: 'POST',
      headers: {
        'Tus-Resumable': tusVersion,
        'Upload-Length': String(file.size),
        'Upload-Metadata': encodeMetadata(tusMetadata(file)),
        'Repr-Digest': `sha-256=:${digest}:`,
        ...authHeaders(),
      },
    });
    const location = created.headers.get('Location');
    if (created.status !== 201 || !location) return false;
    const uploadUrl = new URL(location, endpoint).toString();
    let complete = Number(created.headers.get('Upload-Offset')) === file.size;
    let fileUrl = created.headers.get('Baton-File-Url');
    const challenge = parseChallenge(created.headers.get('Baton-Proof-Challenge'), file.size);
    if (!complete && challenge) {
      try {
        const proved = await prove(uploadUrl, challenge, file.data);
        complete = proved.complete;
        fileUrl = proved.fileUrl ?? fileUrl;
      } catch (error) {
        // No WebCrypto outside a secure context (plain HTTP other than localhost): upload the bytes instead.
        uppy.log(`[instant] ${file.name}: no proof: ${error.message}`, 'warning');
      }
    }
    file = uppy.getFile(id);
    if (!complete) {
      // The server does not hold the content (for this caller): the running upload goes on; the extra creation is not needed.
      fetch(uploadUrl, { method: 'DELETE', headers: { 'Tus-Resumable': tusVersion, ...authHeaders() } }).catch(() => {});
      return false;
    }
    if (!file || file.progress.uploadComplete) return false;
    // Stop the running upload: @uppy/tus aborts it and terminates its partial upload on 'file-removed' for this file (an upload
    // still waiting at its gate has sent nothing; the gate is then closed for good by the caller).
    stopping.add(id);
    uppy.emit('file-removed', file);
    stopping.delete(id);
    uppy.setFileState(id, { instant: true, error: null });
    uppy.emit('upload-success', uppy.getFile(id), {
      status: 201,
      body: { instant: true },
      uploadURL: fileUrl ? new URL(fileUrl, endpoint).toString() : uploadUrl,
    });
    return true;
  }
}

/** The metadata @uppy/tus sends for the file (every meta field as a string, `filename` and `filetype` added), so the instant
 * creation places the file exactly where the running upload would. */
function tusMetadata(file) {
  const meta = {};
  for (const [key, value] of Object.entries(file.meta)) meta[key] = String(value);
  if (!('filetype' in meta) && 'type' in meta) meta.filetype = meta.type;
  if (!('filename' in meta) && 'name' in meta) meta.filename = meta.name;
  return meta;
}

/** tus Upload-Metadata: `key base64(UTF-8 value)` pairs, comma-separated (tus 1.0 §Upload-Metadata). */
export function encodeMetadata(meta) {
  return Object.entries(meta)
    .map(([key, value]) => `${key} ${base64(new TextEncoder().encode(value))}`)
    .join(',');
}

/** `Baton-Proof-Challenge: nonce=:BASE64:, ranges="a-b,c-d"` (an RFC 8941 dictionary; inclusive ranges inside the file). */
export function parseChallenge(field, size) {
  if (!field) return null;
  const nonce = /(?:^|[,\s])nonce=:([A-Za-z0-9+/=]*):/.exec(field)?.[1];
  const ranges = /(?:^|[,\s])ranges="([0-9,\-\s]*)"/.exec(field)?.[1];
  if (!nonce || ranges === undefined) return null;
  const parsed = [];
  let total = 0;
  for (const part of ranges.split(',')) {
    const match = /^\s*(\d+)-(\d+)\s*$/.exec(part);
    if (!match) return null;
    const first = Number(match[1]);
    const last = Number(match[2]);
    if (first > last || last >= size) return null;
    total += last - first + 1;
    parsed.push([first, last]);
  }
  return total > 0 && total <= maxProofBytes ? { nonce: fromBase64(nonce), ranges: parsed } : null;
}

/** Answers the challenge once: HMAC-SHA-256 keyed with the nonce over the ranges' bytes in order, POSTed as Baton-Proof. */
async function prove(uploadUrl, challenge, blob) {
  const parts = await Promise.all(challenge.ranges.map(([first, last]) => blob.slice(first, last + 1).arrayBuffer()));
  const key = await crypto.subtle.importKey('raw', challenge.nonce, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, await new Blob(parts).arrayBuffer()));
  const response = await fetch(uploadUrl, {
    method: 'POST',
    headers: { 'Tus-Resumable': tusVersion, 'Baton-Proof': `:${base64(mac)}:`, ...authHeaders() },
  });
  return {
    complete: response.ok && Number(response.headers.get('Upload-Offset')) === blob.size,
    fileUrl: response.headers.get('Baton-File-Url'),
  };
}

function base64(bytes) {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function fromBase64(text) {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}

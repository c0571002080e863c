// Uploads one file with the real tus-js-client (Node), for Baton's interop tests.
// Usage: node tus-upload.mjs '<json>' with
//   endpoint     creation URL (http://127.0.0.1:PORT/uploads)
//   file         path of the file to send
//   name         metadata filename
//   chunkSize    bytes per PATCH
//   parallel     parallelUploads (tus concatenation), default 1
//   defer        send as a plain stream with uploadLengthDeferred (tus creation-defer-length)
//   abortAt      fraction of the file after which to abort (the process then exits 0), optional
//   killAt       fraction of the file after which the process SIGKILLs itself in the middle of the next PATCH, optional
//   uploadUrl    resume this upload instead of creating one, optional
//   protocol     tus-js-client's protocol: 'tus-v1' (default), 'ietf-draft-03' (interop 5), 'ietf-draft-05' (interop 6)
// Prints one line per event: "url URL", "first-chunk-start N", "aborted URL N", "killing URL ACKNOWLEDGED SENT", "done URL",
// or "error MESSAGE" (exit 1).
import { createReadStream, statSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import * as tus from 'tus-js-client';

const options = JSON.parse(process.argv[2]);
const total = statSync(options.file).size;
const input = options.defer ? createReadStream(options.file).pipe(new PassThrough()) : createReadStream(options.file);
let firstChunk = true;
let aborted = false;
let acknowledged = 0;

const upload = new tus.Upload(input, {
  endpoint: options.endpoint,
  uploadUrl: options.uploadUrl,
  chunkSize: options.chunkSize,
  parallelUploads: options.parallel ?? 1,
  uploadLengthDeferred: !!options.defer,
  protocol: options.protocol ?? 'tus-v1',
  retryDelays: [],
  metadata: { filename: options.name, filetype: 'application/octet-stream' },
  onUploadUrlAvailable() {
    console.log(`url ${upload.url}`);
  },
  onProgress(bytesSent) {
    // A crash mid-request: the server got part of a PATCH body and no goodbye. stdout to a pipe is synchronous in Node, so
    // the line is out before the signal.
    if (options.killAt && acknowledged >= total * options.killAt && bytesSent > acknowledged) {
      console.log(`killing ${upload.url} ${acknowledged} ${bytesSent}`);
      process.kill(process.pid, 'SIGKILL');
    }
  },
  onChunkComplete(chunkSize, bytesAccepted) {
    acknowledged = bytesAccepted;
    if (firstChunk) {
      firstChunk = false;
      console.log(`first-chunk-start ${bytesAccepted - chunkSize}`);
    }
    if (options.abortAt && !aborted && bytesAccepted >= total * options.abortAt) {
      aborted = true;
      upload.abort(false).then(() => {
        console.log(`aborted ${upload.url} ${bytesAccepted}`);
        process.exit(0);
      });
    }
  },
  onSuccess() {
    console.log(`done ${upload.url}`);
    process.exit(0);
  },
  onError(error) {
    console.log(`error ${String(error).replace(/\s+/g, ' ')}`);
    process.exit(1);
  },
});
upload.start();

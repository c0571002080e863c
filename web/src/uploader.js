// Uppy wired to Baton: Dashboard for drag and drop / picker, tus for resumable transfer, Golden Retriever so that a
// reload or a crashed tab resumes where it stopped. Everything server-specific comes from GET /api/config.
import Uppy from '@uppy/core';
import Dashboard from '@uppy/dashboard';
import GoldenRetriever from '@uppy/golden-retriever';
import Tus from '@uppy/tus';
import { authHeaders, reportAccessDenied, resolve } from './api.js';
import { formatBytes } from './format.js';

// Files up to this size are kept in IndexedDB, so a reload resumes them without asking the user to pick them again;
// larger ones come back as "ghosts" that resume once the same file is added again (tus resumes from the server's offset).
const restorableFileSize = 256 * 1024 * 1024;
const restorableTotalSize = 4 * 1024 * 1024 * 1024;
// Per Uppy instance: what a file's upload creation (its tus POST) waits for before it is sent (instant.js).
const creationGates = new WeakMap();

/**
 * Holds back uploads' creations: `gate(file)` returns nothing (send now) or a promise; the creation is sent when it resolves
 * and not at all when it rejects (the file was removed or completed otherwise; @uppy/tus has aborted that upload by then).
 */
export function gateCreations(uppy, gate) {
  creationGates.set(uppy, gate);
}

export function describeRestrictions(config) {
  const parts = [];
  if (config.maxSize) parts.push(`up to ${formatBytes(config.maxSize)} per file`);
  if (config.allowedExtensions.length) parts.push(`file types ${config.allowedExtensions.join(', ')}`);
  if (config.allowedMediaTypes.length) parts.push(`media types ${config.allowedMediaTypes.join(', ')}`);
  return parts.length ? `Accepted: ${parts.join('; ')}.` : 'Any file type and size is accepted.';
}

function matchesMediaType(type, patterns) {
  const actual = (type || 'application/octet-stream').split(';')[0].trim().toLowerCase();
  return patterns.some((pattern) => {
    const p = pattern.toLowerCase();
    return p.endsWith('/*') ? actual.startsWith(p.slice(0, -1)) : actual === p;
  });
}

export function createUploader(config, { onAccessProblem }) {
  // Extensions go to Uppy's own check; media types, when extensions are also set, must match too (the server checks both lists).
  const allowedFileTypes = config.allowedExtensions.length
    ? config.allowedExtensions
    : config.allowedMediaTypes.length ? config.allowedMediaTypes : null;
  const mediaTypesAlsoChecked = config.allowedExtensions.length > 0 && config.allowedMediaTypes.length > 0;

  const uppy = new Uppy({
    id: 'baton',
    autoProceed: true,
    allowMultipleUploadBatches: true,
    restrictions: {
      maxFileSize: config.maxSize || null,
      allowedFileTypes,
    },
    onBeforeFileAdded: (file) => {
      if (mediaTypesAlsoChecked && !matchesMediaType(file.type, config.allowedMediaTypes)) {
        uppy.info(`${file.name}: media type ${file.type || 'unknown'} is not accepted (${config.allowedMediaTypes.join(', ')})`, 'error', 5000);
        return false;
      }
      return true;
    },
  });

  uppy.use(Dashboard, {
    target: '#dashboard',
    inline: true,
    width: '100%',
    height: 260,
    showSelectedFiles: false,
    showProgressDetails: true,
    proudlyDisplayPoweredByUppy: false,
    note: describeRestrictions(config),
    theme: 'light',
    // "browse files or folders": a picked folder keeps its structure (Uppy sends each file's relativePath), as a dropped one does.
    fileManagerSelectionType: 'both',
  });

  // How often each file was paused, so a held creation knows whether its attempt was aborted meanwhile.
  const pauses = new Map();
  const countPause = (id) => pauses.set(id, (pauses.get(id) ?? 0) + 1);
  uppy.on('upload-pause', (file, isPaused) => {
    if (file && isPaused) countPause(file.id);
  });
  uppy.on('pause-all', () => uppy.getFiles().forEach((file) => countPause(file.id)));
  uppy.on('file-removed', (file) => pauses.delete(file.id));

  uppy.use(Tus, {
    endpoint: resolve(config.uploadEndpoint),
    chunkSize: config.chunkSize,
    parallelUploads: config.parallelUploads,
    limit: 3,
    removeFingerprintOnSuccess: true,
    // Past a full one-minute rate-limit window (429 with Retry-After) as well as brief outages.
    retryDelays: [0, 1000, 3000, 5000, 10000, 30000, 60000],
    // The token is read per request, so one entered after a 401 is used by the retry.
    onBeforeRequest: (request, file) => {
      for (const [name, value] of Object.entries(authHeaders())) request.setHeader(name, value);
      const held = request.getMethod() === 'POST' && file ? creationGates.get(uppy)?.(file) : undefined;
      if (!held) return undefined;
      // Paused while held: @uppy/tus aborted this attempt, and a resume restarts the same tus-js-client upload, which sends its
      // own creation. This attempt must then neither go out (an orphan upload on the server) nor fail (the restarted upload
      // would take the failure as its own and retry it: a second creation), so it is left waiting, for good.
      const pausedBefore = pauses.get(file.id);
      return held.then(() => (pauses.get(file.id) === pausedBefore ? undefined : new Promise(() => {})));
    },
    onShouldRetry: (error, attempt, options, next) => {
      const status = error?.originalResponse?.getStatus?.();
      if (status === 401 || status === 403) return false;
      return next(error);
    },
  });

  uppy.use(GoldenRetriever, {
    serviceWorker: false,
    indexedDB: { maxFileSize: restorableFileSize, maxTotalSize: restorableTotalSize },
  });

  uppy.on('upload-error', (file, error) => {
    const status = error?.originalResponse?.getStatus?.();
    if (status === 401 || status === 403) {
      reportAccessDenied(status, problemDetail(error.originalResponse.getBody?.()));
      onAccessProblem?.(file);
    }
  });

  return uppy;
}

function problemDetail(body) {
  try {
    const problem = JSON.parse(body || '');
    return problem.detail || problem.title || '';
  } catch {
    return '';
  }
}

/** Resumes after a reload: Golden Retriever waits for this confirmation before it restarts restored uploads. */
export function resumeRestored(uppy) {
  if (uppy.getState().recoveredState) {
    uppy.emit('restore-confirmed');
    return true;
  }
  return false;
}

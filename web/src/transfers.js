// The per-file transfer list: name, size, status, progress %, speed, time left, pause/resume, remove.
// Rows are updated in place (never rebuilt) so keyboard focus stays on the button the user is on.
import { resumeRestored } from './uploader.js';
import { formatBytes, formatDuration, formatSpeed } from './format.js';

// Speed is smoothed (exponential moving average) so the figure and the time left don't jump on every chunk.
const smoothing = 0.3;

export function installTransfers(uppy) {
  const list = document.getElementById('transfers');
  const empty = document.getElementById('transfers-empty');
  const pauseAll = document.getElementById('pause-all');
  const resumeAll = document.getElementById('resume-all');
  const rows = new Map();
  const rates = new Map();
  let frame = 0;

  pauseAll.addEventListener('click', () => uppy.pauseAll());
  resumeAll.addEventListener('click', () => {
    if (!resumeRestored(uppy)) uppy.resumeAll();
  });

  uppy.on('upload-progress', (file, progress) => sampleRate(file.id, progress.bytesUploaded));
  uppy.on('state-update', () => {
    if (!frame) frame = requestAnimationFrame(render);
  });
  render();

  function sampleRate(id, bytes) {
    const now = performance.now();
    const rate = rates.get(id);
    if (!rate || bytes < rate.bytes) {
      rates.set(id, { bytes, time: now, speed: 0 });
      return;
    }
    const seconds = (now - rate.time) / 1000;
    if (seconds < 0.25) return;
    const instant = (bytes - rate.bytes) / seconds;
    rates.set(id, { bytes, time: now, speed: rate.speed ? rate.speed + smoothing * (instant - rate.speed) : instant });
  }

  function render() {
    frame = 0;
    const state = uppy.getState();
    const files = Object.values(state.files);
    const restored = Boolean(state.recoveredState);
    for (const [id, row] of rows) {
      if (!state.files[id]) {
        row.element.remove();
        rows.delete(id);
        rates.delete(id);
      }
    }
    for (const file of files) {
      let row = rows.get(file.id);
      if (!row) {
        row = createRow(file);
        rows.set(file.id, row);
        list.append(row.element);
      }
      updateRow(row, file, restored);
    }
    empty.hidden = files.length > 0;
    const active = files.filter((f) => !f.progress.uploadComplete && !f.error && !f.isGhost);
    pauseAll.disabled = restored || !active.some((f) => f.progress.uploadStarted && !f.isPaused);
    resumeAll.disabled = !(restored ? active.length : active.some((f) => f.isPaused));
  }

  function createRow(file) {
    const element = document.createElement('li');
    element.className = 'transfer';
    element.dataset.fileId = file.id;
    element.dataset.name = file.name;
    const name = child(element, 'div', 'transfer-name');
    name.textContent = file.name;
    name.title = file.name;
    const meta = child(element, 'div', 'transfer-meta');
    const size = child(meta, 'span', 'transfer-size');
    const status = child(meta, 'span', 'transfer-status');
    const speed = child(meta, 'span', 'transfer-speed');
    const eta = child(meta, 'span', 'transfer-eta');
    const hash = child(meta, 'span', 'transfer-hash');
    const bar = child(element, 'div', 'transfer-bar');
    const progress = child(bar, 'progress', 'transfer-progress');
    progress.max = 100;
    progress.setAttribute('aria-label', `${file.name} progress`);
    const percent = child(bar, 'span', 'transfer-percent');
    const actions = child(element, 'div', 'transfer-actions');
    const toggle = child(actions, 'button', 'transfer-toggle');
    toggle.type = 'button';
    toggle.addEventListener('click', () => onToggle(file.id));
    const remove = child(actions, 'button', 'transfer-remove');
    remove.type = 'button';
    // Removing an unfinished file also ends its upload on the server (tus termination); a finished one only leaves the list.
    remove.addEventListener('click', () => uppy.removeFile(file.id));
    return { element, size, status, speed, eta, hash, progress, percent, toggle, remove };
  }

  function onToggle(id) {
    const file = uppy.getFile(id);
    if (!file) return;
    if (file.error) uppy.retryUpload(id);
    else if (!resumeRestored(uppy)) uppy.pauseResume(id);
  }

  function updateRow(row, file, restored) {
    const { status, label, action } = describe(file, restored);
    const pct = Math.floor(file.progress.percentage ?? 0);
    const total = file.size ?? file.progress.bytesTotal;
    row.element.dataset.status = status;
    // Instant upload (instant.js): the SHA-256 is computed while the file uploads; "checked" once it is known.
    row.element.dataset.hash = file.sha256 ? 'done' : file.hashed !== undefined ? 'hashing' : '';
    setText(row.hash, file.hashed !== undefined && !file.sha256 && status === 'uploading'
      ? `checking ${Math.floor((100 * file.hashed) / Math.max(1, total))} %` : '');
    row.element.dataset.progress = String(pct);
    row.size.textContent = formatBytes(total);
    row.status.textContent = label;
    row.status.title = file.error || '';
    row.progress.value = pct;
    row.percent.textContent = `${pct} %`;
    const rate = rates.get(file.id);
    const moving = status === 'uploading' && rate?.speed > 0;
    row.speed.textContent = moving ? formatSpeed(rate.speed) : '';
    row.eta.textContent = moving ? `${formatDuration((total - file.progress.bytesUploaded) / rate.speed)} left` : '';
    if (!moving && rate) rate.speed = 0;
    const clear = status === 'complete' || status === 'instant';
    setText(row.remove, clear ? 'Clear' : 'Remove');
    row.remove.setAttribute('aria-label', clear ? `Clear ${file.name} from the list` : `Remove ${file.name}`);
    row.toggle.hidden = !action;
    if (action) {
      setText(row.toggle, action);
      row.toggle.setAttribute('aria-label', `${action} ${file.name}`);
    }
  }
}

function describe(file, restored) {
  if (file.instant) return { status: 'instant', label: 'Already on the server' };
  if (file.error) return { status: 'error', label: `Failed: ${file.error}`, action: 'Retry' };
  if (file.progress.uploadComplete) return { status: 'complete', label: 'Done' };
  if (file.isGhost) return { status: 'missing', label: 'Add this file again to resume' };
  if (restored) return { status: 'paused', label: 'Interrupted', action: 'Resume' };
  if (file.isPaused) return { status: 'paused', label: 'Paused', action: 'Resume' };
  if (file.progress.uploadStarted) return { status: 'uploading', label: 'Uploading', action: 'Pause' };
  return { status: 'queued', label: 'Waiting' };
}

function child(parent, tag, className) {
  const element = document.createElement(tag);
  element.className = className;
  parent.append(element);
  return element;
}

function setText(element, text) {
  if (element.textContent !== text) element.textContent = text;
}

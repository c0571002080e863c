// The Files view: lists GET /api/files?path=DIR (docs/files-api.md); downloads are plain links to the ranged
// /files/… endpoint so the browser's own download manager can pause and resume them.
import { ApiError, apiFetch, resolve } from './api.js';
import { formatBytes, formatDate } from './format.js';

// A download link only has to outlive the download (resumes included); a copied link is for sharing.
const downloadLinkSeconds = 6 * 60 * 60;
const sharedLinkSeconds = 24 * 60 * 60;

export function installFiles() {
  const body = document.querySelector('#files tbody');
  const table = document.getElementById('files');
  const status = document.getElementById('files-status');
  const crumbs = document.getElementById('crumbs');
  const live = document.getElementById('live');
  let current = '';
  let loading = null;
  let listed = null;
  // Folders first, then the chosen column; clicking a header again reverses it.
  let sort = { key: 'name', descending: false };
  const folderListeners = [];
  // With tokens on, a plain link cannot carry the Authorization header: downloads and copied links go through signed
  // links (POST /api/links), which keep working with Range, so the browser can still resume them.
  let signedLinks = false;

  document.getElementById('files-refresh').addEventListener('click', () => load(current));
  document.getElementById('files-mkdir').addEventListener('click', () => createFolder());
  for (const header of table.querySelectorAll('th[data-sort]')) {
    header.addEventListener('click', () => {
      const key = header.dataset.sort;
      sort = { key, descending: sort.key === key ? !sort.descending : false };
      if (listed) render(listed);
    });
  }

  async function load(path) {
    if (current !== path) {
      current = path;
      for (const listener of folderListeners) listener(current);
    }
    const request = (loading = apiFetch(`api/files?path=${encodeURIComponent(path)}`)
      .then((response) => response.json()));
    try {
      const listing = await request;
      if (request !== loading) return;
      render(listing);
    } catch (error) {
      if (request !== loading) return;
      table.hidden = true;
      body.replaceChildren();
      status.textContent = error instanceof ApiError && error.status === 404
        ? `The folder “${path}” no longer exists.`
        : `Could not list files: ${error.message}`;
    } finally {
      if (request === loading) table.dataset.loaded = 'true';
    }
  }

  function render(listing) {
    listed = listing;
    renderCrumbs(listing.path || '');
    const direction = sort.descending ? -1 : 1;
    const byKey = {
      name: (a, b) => a.name.localeCompare(b.name),
      size: (a, b) => (a.size ?? 0) - (b.size ?? 0) || a.name.localeCompare(b.name),
      modified: (a, b) => String(a.modified ?? '').localeCompare(String(b.modified ?? '')) || a.name.localeCompare(b.name),
    }[sort.key];
    const entries = [...listing.entries].sort((a, b) =>
      (a.type === b.type ? direction * byKey(a, b) : a.type === 'directory' ? -1 : 1));
    for (const header of table.querySelectorAll('th[data-sort]')) {
      header.setAttribute('aria-sort', header.dataset.sort === sort.key ? (sort.descending ? 'descending' : 'ascending') : 'none');
    }
    body.replaceChildren(...entries.map(renderEntry));
    table.hidden = entries.length === 0;
    status.textContent = entries.length ? '' : 'No files here yet.';
  }

  function renderCrumbs(path) {
    const parts = path.split('/').filter(Boolean);
    const items = [crumb('All files', '', parts.length === 0)];
    parts.forEach((part, i) => items.push(crumb(part, parts.slice(0, i + 1).join('/'), i === parts.length - 1)));
    crumbs.replaceChildren(...items);
  }

  function crumb(label, path, isCurrent) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'crumb';
    button.textContent = label;
    if (isCurrent) button.setAttribute('aria-current', 'location');
    button.addEventListener('click', () => load(path));
    return button;
  }

  function renderEntry(entry) {
    const row = document.createElement('tr');
    row.dataset.path = entry.path;
    row.dataset.type = entry.type;
    const name = cell(row, 'name');
    if (entry.type === 'directory') {
      const open = document.createElement('button');
      open.type = 'button';
      open.className = 'link folder';
      open.textContent = `${entry.name}/`;
      open.addEventListener('click', () => load(entry.path));
      name.append(open);
    } else {
      const link = document.createElement('a');
      link.href = resolve(entry.url);
      link.download = entry.name;
      link.className = 'download';
      link.textContent = entry.name;
      link.addEventListener('click', (event) => {
        if (!signedLinks) return;
        event.preventDefault();
        downloadSigned(entry);
      });
      name.append(link);
    }
    cell(row, 'num').textContent = entry.type === 'file' ? formatBytes(entry.size) : '';
    const modified = cell(row, 'date');
    modified.textContent = formatDate(entry.modified);
    const actions = cell(row, 'actions');
    if (entry.type === 'file') {
      actions.append(
        button('Copy link', `Copy link to ${entry.name}`, 'copy', () => copyLink(entry)),
        button('Rename', `Rename or move ${entry.name}`, 'rename', () => move(entry)),
        button('Delete', `Delete ${entry.name}`, 'delete', () => remove(entry)));
    } else {
      // A folder downloads as one deterministic ZIP, resumable like any file (docs/files-api.md, ?format=zip).
      const zip = document.createElement('a');
      zip.href = resolve(`files/${entry.path.split('/').map(encodeURIComponent).join('/')}/?format=zip`);
      zip.download = `${entry.name}.zip`;
      zip.className = 'zip';
      zip.textContent = 'Download ZIP';
      zip.setAttribute('aria-label', `Download ${entry.name} as a ZIP file`);
      zip.hidden = signedLinks; // a plain link cannot carry a token
      actions.append(
        zip,
        button('Rename', `Rename or move ${entry.name}`, 'rename', () => move(entry)),
        button('Delete', `Delete folder ${entry.name}`, 'delete', () => removeFolder(entry)));
    }
    return row;
  }

  async function signedLink(entry, seconds) {
    const response = await apiFetch('api/links', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ path: entry.path, expiresInSeconds: seconds }),
    });
    return (await response.json()).url;
  }

  async function downloadSigned(entry) {
    try {
      const link = document.createElement('a');
      link.href = await signedLink(entry, downloadLinkSeconds);
      link.download = entry.name;
      link.click();
    } catch (error) {
      status.textContent = `Could not download ${entry.name}: ${error.message}`;
    }
  }

  async function copyLink(entry) {
    let url;
    try {
      url = signedLinks ? await signedLink(entry, sharedLinkSeconds) : resolve(entry.url);
    } catch (error) {
      status.textContent = `Could not create a link to ${entry.name}: ${error.message}`;
      return;
    }
    try {
      await navigator.clipboard.writeText(url);
      announce(signedLinks ? `Link to ${entry.name} copied (valid for 24 hours).` : `Link to ${entry.name} copied.`);
    } catch {
      // Clipboard access needs a secure context (HTTPS or localhost); on a plain-HTTP LAN show the link to copy by hand.
      window.prompt('Copy this link:', url);
    }
  }

  async function createFolder() {
    const name = window.prompt('Name of the new folder:');
    if (!name) return;
    const path = current ? `${current}/${name}` : name;
    await change(() => apiFetch(`api/files/folders?path=${encodeURIComponent(path)}`, { method: 'POST' }),
      `Folder ${name} created.`, `Could not create ${name}`);
  }

  async function move(entry) {
    const target = window.prompt(`Rename or move ${entry.name} to (a path from the top folder):`, entry.path);
    if (!target || target === entry.path) return;
    await change(() => apiFetch(`api/files/move?from=${encodeURIComponent(entry.path)}&to=${encodeURIComponent(target)}`, { method: 'POST' }),
      `${entry.name} moved to ${target}.`, `Could not move ${entry.name}`);
  }

  async function removeFolder(entry) {
    if (!window.confirm(`Delete the folder ${entry.name}?`)) return;
    const url = `api/files?path=${encodeURIComponent(entry.path)}`;
    try {
      await apiFetch(url, { method: 'DELETE' });
      await load(current);
      announce(`Folder ${entry.name} deleted.`);
    } catch (error) {
      // 409: not empty. Deleting what is inside needs a second, explicit yes.
      if (error instanceof ApiError && error.status === 409
        && window.confirm(`${entry.name} is not empty. Delete it with everything inside? This cannot be undone.`)) {
        await change(() => apiFetch(`${url}&recursive=true`, { method: 'DELETE' }),
          `Folder ${entry.name} and everything inside deleted.`, `Could not delete ${entry.name}`);
        return;
      }
      await load(current);
      announce(error instanceof ApiError && error.status === 409 ? `${entry.name} was kept.` : `Could not delete ${entry.name}: ${error.message}`);
    }
  }

  /** Runs a change, then shows the folder again and says what happened (the server's problem detail on failure). */
  async function change(request, done, failed) {
    let message;
    try {
      await request();
      message = done;
    } catch (error) {
      message = `${failed}: ${error.message}`;
    }
    await load(current);
    announce(message);
  }

  async function remove(entry) {
    if (!window.confirm(`Delete ${entry.name}? This cannot be undone.`)) return;
    let message;
    try {
      // If-Match compares strongly (RFC 9110 §13.1.1): a weak tag (a file modified moments ago) could never match.
      const headers = entry.etag && !entry.etag.startsWith('W/') ? { 'If-Match': entry.etag } : {};
      await apiFetch(entry.url, { method: 'DELETE', headers });
      message = `${entry.name} deleted.`;
    } catch (error) {
      message = error instanceof ApiError && error.status === 412
        ? `${entry.name} changed since it was listed, so it was not deleted. The list is refreshed: check it and try again.`
        : `Could not delete ${entry.name}: ${error.message}`;
    }
    await load(current);
    announce(message);
  }

  function announce(text) {
    live.textContent = text;
    status.textContent = text;
  }

  return {
    load: () => load(current),
    refresh: () => load(current),
    useSignedLinks: (on) => { signedLinks = on; },
    /** The folder being viewed ('' for the top): where new uploads go. */
    currentFolder: () => current,
    onFolderChanged: (listener) => folderListeners.push(listener),
  };
}

function cell(row, className) {
  const td = document.createElement('td');
  td.className = className;
  row.append(td);
  return td;
}

function button(text, label, className, onClick) {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = className;
  b.textContent = text;
  b.setAttribute('aria-label', label);
  b.addEventListener('click', onClick);
  return b;
}

// Files this browser has finished uploading to this server (docs/page.md, instant upload): when one is added again, the server
// very likely holds it already, so its upload waits for the hash instead of racing it. Kept in localStorage by Uppy's file id
// (name, type, folder path, size, last modified) and the upload endpoint; no digests, no content. Only a hint: a file changed in
// place keeps its id only if its size and modification time stay the same, and then the hash simply finds it new.
const storageKey = 'baton.uploaded';
// The oldest entries fall off past this many, so the list stays small to read on every added file.
const limit = 500;

export function createKnownFiles(endpoint) {
  const keyOf = (file) => `${endpoint} ${file.id}`;
  return {
    /** Whether this file (same id, same endpoint) finished uploading from this browser before. */
    has(file) {
      return read().includes(keyOf(file));
    },
    /** Remembers a finished file, most recent last. */
    add(file) {
      const key = keyOf(file);
      const keys = read().filter((k) => k !== key);
      keys.push(key);
      write(keys.slice(-limit));
    },
  };
}

function read() {
  try {
    const keys = JSON.parse(localStorage.getItem(storageKey) || '[]');
    return Array.isArray(keys) ? keys : [];
  } catch {
    return [];
  }
}

function write(keys) {
  try {
    localStorage.setItem(storageKey, JSON.stringify(keys));
  } catch {
    // Storage full or disabled: the hint is lost, and such a file simply uploads while it is hashed.
  }
}

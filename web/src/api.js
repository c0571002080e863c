// Every request the page makes goes through here so that the access token (when the server asks for one) is carried
// the same way by fetch and by tus, and 401/403 become one clear message instead of a failed transfer.
const tokenKey = 'baton.token';
const listeners = new Set();

/** Resolves a server path (`/uploads`, `api/config`) against the page's own location, so a path base works. */
export function resolve(path) {
  return new URL(path, document.baseURI).toString();
}

export function currentToken() {
  return localStorage.getItem(tokenKey) || '';
}

export function setToken(token) {
  if (token) localStorage.setItem(tokenKey, token);
  else localStorage.removeItem(tokenKey);
}

/** Headers that authorize a request: `Authorization: Bearer …` when a token is set. */
export function authHeaders() {
  const token = currentToken();
  return token ? { Authorization: `Bearer ${token}` } : {};
}

/** Subscribes to access refusals (status 401 or 403, with the server's explanation when it sent one). */
export function onAccessDenied(listener) {
  listeners.add(listener);
}

export function reportAccessDenied(status, detail) {
  for (const listener of listeners) listener(status, detail);
}

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/** fetch with the token; non-2xx responses throw an ApiError carrying the problem+json detail (RFC 9457). */
export async function apiFetch(path, init = {}) {
  const response = await fetch(resolve(path), {
    ...init,
    headers: { Accept: 'application/json', ...authHeaders(), ...(init.headers || {}) },
  });
  if (response.ok) return response;
  const detail = await problemDetail(response);
  if (response.status === 401 || response.status === 403) reportAccessDenied(response.status, detail);
  throw new ApiError(response.status, detail || `${response.status} ${response.statusText}`);
}

async function problemDetail(response) {
  try {
    const type = response.headers.get('Content-Type') || '';
    if (type.includes('json')) {
      const body = await response.json();
      return body.detail || body.title || '';
    }
  } catch {
    // A body that is not the problem+json it claims to be: fall back to the status line.
  }
  return '';
}

// The banner shown when the server refuses access (401: no or bad token; 403: token lacks the permission).
import { currentToken, onAccessDenied, setToken } from './api.js';

export function installAuthBanner({ onTokenChanged }) {
  const banner = document.getElementById('auth');
  const message = document.getElementById('auth-message');
  const form = document.getElementById('auth-form');
  const input = document.getElementById('auth-token');

  function show(text) {
    message.textContent = text;
    form.hidden = false;
    input.value = currentToken();
    banner.hidden = false;
  }

  onAccessDenied((status, detail) => {
    const base = status === 401
      ? 'The server needs a valid access token for this. Enter your token to continue.'
      : 'Your access token does not allow this action.';
    show(detail ? `${base} (${status}: ${detail})` : `${base} (${status})`);
  });

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    setToken(input.value.trim());
    banner.hidden = true;
    onTokenChanged();
  });

  return {
    /** Asks up front when the server uses tokens (config `auth: "bearer"`) and none is stored yet. */
    askForToken: () => show('This server uses access tokens. Enter yours to upload, browse and download.'),
  };
}

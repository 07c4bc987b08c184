/**
 * This tab's web host session. The traded page carries the secret in a meta tag; it moves to
 * sessionStorage, which survives a reload of this tab but is scoped to this origin (port included)
 * and this tab, so no other local server and no other tab can read it. Nothing is kept in a cookie,
 * which every server on 127.0.0.1 would receive, and the one-time token leaves the address bar.
 */
const STORAGE_KEY = 'spheres.webSession';
/** The web host's page for a tab without a session (electron/web/server.ts SESSION_NEEDED_PATH). */
const SESSION_NEEDED_PATH = '/session-needed';

function takeSession(): string | null {
  const meta = document.querySelector('meta[name="spheres-session"]');
  const fromPage = meta?.getAttribute('content');
  if (meta !== null && fromPage !== null && fromPage !== undefined && fromPage !== '') {
    sessionStorage.setItem(STORAGE_KEY, fromPage);
    meta.remove();
    const address = new URL(location.href);
    address.searchParams.delete('token');
    history.replaceState(history.state, '', address.pathname + address.search + address.hash);
  }
  return sessionStorage.getItem(STORAGE_KEY);
}

const session = takeSession();

/** Sends the tab to the page that says how to get a new address (a new tab, a restarted host). */
export function leaveForSessionNeeded(): void {
  sessionStorage.removeItem(STORAGE_KEY);
  location.replace(SESSION_NEEDED_PATH);
}

if (session === null) leaveForSessionNeeded();

/** The header every request to the web host's API, event stream and media carries. */
export function sessionHeaders(): Record<string, string> {
  return session === null ? {} : { Authorization: `Bearer ${session}` };
}

import type { WebPreferences } from 'electron';
import { APP_GUIDES } from '../../common/accounts';

/** The renderer's own origin. `app://spheres/` is served by protocol.handle, never file://. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'spheres';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * Privileges for app://: standard and secure so it behaves like https (origin, CSP, fetch).
 * https://www.electronjs.org/docs/latest/api/protocol#protocolregisterschemesasprivilegedcustomschemes
 */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: false, stream: false },
} as const;

/** The Electron security checklist, items 2-4 and 6: https://www.electronjs.org/docs/latest/tutorial/security */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: true,
  };
}

/** The part of an IPC event's sender frame the check needs (Electron's WebFrameMain). */
export interface SenderFrame {
  url: string;
  parent: unknown;
}

/**
 * Only the app's own top-level frame may call in: not an iframe, not a page that somehow got
 * navigated elsewhere. https://www.electronjs.org/docs/latest/tutorial/security#17-validate-the-sender-of-all-ipc-messages
 */
export function isTrustedSender(frame: SenderFrame | null | undefined): boolean {
  if (frame === null || frame === undefined) return false;
  if (frame.parent !== null) return false;
  try {
    const url = new URL(frame.url);
    return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST;
  } catch {
    return false;
  }
}

/**
 * Hosts whose https links may open in the system browser (help, the networks themselves). The
 * servers of the person's connected accounts are added at the call (a published Mastodon post
 * lives on its own server): `accountHosts`.
 */
export const EXTERNAL_LINK_HOSTS: readonly string[] = [
  'x.com',
  'twitter.com',
  'bsky.app',
  'www.linkedin.com',
  'linkedin.com',
  'www.instagram.com',
  'www.threads.net',
  'www.threads.com',
  'www.facebook.com',
  'joinmastodon.org',
  'github.com',
];

/** The developer sites the Network apps guides link to (console.x.com, developers.facebook.com, …). */
export const DEVELOPER_SITE_HOSTS: readonly string[] = [
  ...new Set(Object.values(APP_GUIDES).flatMap((guide) => [guide.site, ...guide.steps.flatMap((step) => (step.link === undefined ? [] : [step.link]))]).map((link) => new URL(link).hostname)),
];

export function isAllowedExternalUrl(rawUrl: string, accountHosts: readonly string[] = []): boolean {
  try {
    const url = new URL(rawUrl);
    const host = url.hostname;
    return url.protocol === 'https:' && url.username === '' && url.password === '' && (EXTERNAL_LINK_HOSTS.includes(host) || DEVELOPER_SITE_HOSTS.includes(host) || accountHosts.includes(host));
  } catch {
    return false;
  }
}

/**
 * A sign-in page the accounts flow may open in the system browser: https only, no credentials in
 * the address. The host is any network's (a Mastodon server can be anywhere); the main process
 * builds these URLs itself, the renderer never hands one in. Checklist 15 (openExternal).
 */
export function isSignInUrl(rawUrl: string): boolean {
  try {
    const url = new URL(rawUrl);
    return url.protocol === 'https:' && url.username === '' && url.password === '' && url.hostname !== '';
  } catch {
    return false;
  }
}

/** In-app navigation is never allowed: the renderer is a single page. */
export function shouldBlockNavigation(_targetUrl: string): boolean {
  return true;
}

export type WindowOpenDecision = { action: 'deny'; openExternally: string | null };

/** setWindowOpenHandler: never a new Electron window; allow-listed https links go to the browser. */
export function decideWindowOpen(targetUrl: string, accountHosts: readonly string[] = []): WindowOpenDecision {
  return { action: 'deny', openExternally: isAllowedExternalUrl(targetUrl, accountHosts) ? targetUrl : null };
}

/**
 * Spheres needs no camera, microphone, notifications-by-web-API, geolocation or clipboard reading
 * from the page. It may write plain text to the clipboard (Copy of a sign-in address): Electron's
 * `clipboard-sanitized-write`, which cannot read anything back.
 */
export function shouldGrantPermission(permission: string): boolean {
  return permission === 'clipboard-sanitized-write';
}

/** The hosts of the connected accounts' own servers (Mastodon), whose post links may open in the browser. */
export function accountHostsOf(accounts: readonly { serverUrl: string | null }[]): string[] {
  return accounts.flatMap((account) => {
    if (account.serverUrl === null) return [];
    try {
      return [new URL(account.serverUrl).hostname];
    } catch {
      return [];
    }
  });
}

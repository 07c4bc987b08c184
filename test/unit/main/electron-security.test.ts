import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, rendererResponseHeaders } from '../../../electron/core/security';
import { registerIpcHandlers } from '../../../electron/main/ipc';
import {
  APP_ENTRY_URL,
  APP_SCHEME_PRIVILEGES,
  accountHostsOf,
  decideWindowOpen,
  isAllowedExternalUrl,
  isSignInUrl,
  isTrustedSender,
  secureWebPreferences,
  shouldBlockNavigation,
  shouldGrantPermission,
} from '../../../electron/main/security';
import { inProcessApp } from '../../support/in-process-app';
import { SECURE_WEB_PREFERENCES } from '../../support/secure-window';

type Handler = (event: { senderFrame: { url: string; parent: unknown } | null }, input: unknown) => Promise<unknown> | unknown;

async function bridge() {
  const handlers = new Map<string, Handler>();
  registerIpcHandlers({ handle: (channel: string, handler: unknown) => void handlers.set(channel, handler as Handler) }, (await inProcessApp()).core.router);
  return (channel: string, frame: { url: string; parent: unknown } | null, input?: unknown) => {
    const handler = handlers.get(channel);
    if (handler === undefined) throw new Error(`no handler for ${channel}`);
    return Promise.resolve(handler({ senderFrame: frame }, input));
  };
}

const appFrame = { url: 'app://spheres/index.html#/settings', parent: null };

describe('the window', () => {
  it('is sandboxed and isolated, with no Node in the page', () => {
    expect(secureWebPreferences('/app/preload.cjs')).toMatchObject({ preload: '/app/preload.cjs', ...SECURE_WEB_PREFERENCES });
  });

  it('loads the renderer from app://, a privileged standard scheme, never file://', () => {
    expect(APP_ENTRY_URL).toBe('app://spheres/index.html');
    expect(APP_SCHEME_PRIVILEGES).toMatchObject({ scheme: 'app', privileges: { standard: true, secure: true } });
  });

  it('serves a strict CSP with no unsafe-inline and no unsafe-eval', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("style-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    expect(rendererResponseHeaders('text/html')).toMatchObject({
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
    });
  });

  it('blocks every in-app navigation', () => {
    expect(shouldBlockNavigation('https://evil.example/')).toBe(true);
    expect(shouldBlockNavigation('app://spheres/other.html')).toBe(true);
  });

  it('denies new windows and opens only allow-listed https links in the system browser', () => {
    expect(decideWindowOpen('https://bsky.app/profile/someone')).toEqual({ action: 'deny', openExternally: 'https://bsky.app/profile/someone' });
    expect(decideWindowOpen('https://evil.example/')).toEqual({ action: 'deny', openExternally: null });
    expect(isAllowedExternalUrl('http://x.com/')).toBe(false);
    // A published Mastodon post lives on the account's own server: allowed only for a connected account's server.
    const hosts = accountHostsOf([{ serverUrl: 'https://fosstodon.org' }, { serverUrl: null }]);
    expect(hosts).toStrictEqual(['fosstodon.org']);
    expect(decideWindowOpen('https://fosstodon.org/@me/1234', hosts)).toEqual({ action: 'deny', openExternally: 'https://fosstodon.org/@me/1234' });
    expect(decideWindowOpen('https://fosstodon.org/@me/1234')).toEqual({ action: 'deny', openExternally: null });
    expect(decideWindowOpen('http://fosstodon.org/@me/1234', hosts)).toEqual({ action: 'deny', openExternally: null });
    expect(isAllowedExternalUrl('https://x.com.evil.example/')).toBe(false);
    expect(isAllowedExternalUrl('https://user:pass@x.com/')).toBe(false);
    expect(isAllowedExternalUrl('file:///etc/passwd')).toBe(false);
    expect(isAllowedExternalUrl('javascript:alert(1)')).toBe(false);
    expect(isAllowedExternalUrl('not a url')).toBe(false);
  });

  it('opens only https sign-in pages, on any host, with no credentials in the address', () => {
    expect(isSignInUrl('https://x.com/i/oauth2/authorize?client_id=a&state=b')).toBe(true);
    expect(isSignInUrl('https://social.example.org/oauth/authorize?client_id=a')).toBe(true);
    for (const url of ['http://x.com/i/oauth2/authorize', 'https://user:pass@x.com/', 'file:///etc/passwd', 'javascript:alert(1)', 'x-spheres://auth', 'not a url']) {
      expect(isSignInUrl(url), url).toBe(false);
    }
  });

  it('denies every permission request but writing plain text to the clipboard', () => {
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'unknown']) {
      expect(shouldGrantPermission(permission)).toBe(false);
    }
    expect(shouldGrantPermission('clipboard-sanitized-write')).toBe(true);
  });
});

describe('the IPC bridge', () => {
  it('answers the app’s own top frame', async () => {
    const call = await bridge();
    await expect(call('settings.get', appFrame)).resolves.toMatchObject({ ok: true, value: { language: 'en', theme: 'system' } });
  });

  it('refuses a call from a foreign origin', async () => {
    const call = await bridge();
    const refused = { ok: false, error: { code: 'forbidden', message: 'Only the Spheres window may call the app.' } };
    await expect(call('settings.get', { url: 'https://evil.example/', parent: null })).resolves.toEqual(refused);
    await expect(call('settings.get', { url: 'file:///tmp/index.html', parent: null })).resolves.toEqual(refused);
    await expect(call('settings.get', { url: 'app://other/index.html', parent: null })).resolves.toEqual(refused);
  });

  it('refuses a call from a subframe, even one on the app’s origin', async () => {
    const call = await bridge();
    const answer = await call('settings.get', { url: 'app://spheres/index.html', parent: { url: 'app://spheres/' } });
    expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('refuses a call whose frame is gone', async () => {
    const call = await bridge();
    expect(isTrustedSender(null)).toBe(false);
    await expect(call('settings.get', null)).resolves.toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('validates the input of a trusted call', async () => {
    const call = await bridge();
    await expect(call('settings.update', appFrame, 'not an object')).resolves.toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
  });
});

import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AccountsService } from '../../../electron/core/accounts';
import { readTokenResponse } from '../../../electron/core/accounts/oauth/flow';
import { requestJson } from '../../../electron/core/accounts/oauth/http';
import { startLoopback } from '../../../electron/core/accounts/oauth/loopback';
import { createPkce, createState, pkceChallenge } from '../../../electron/core/accounts/oauth/pkce';
import { EventBus } from '../../../electron/core/events';
import { MemoryVault } from '../../../electron/core/vault';
import { startHttpFake } from '../../support/fakes/http-fake';
import { memoryAccountsStore } from '../../support/in-process-app';

describe('PKCE (RFC 7636)', () => {
  it('matches the RFC 7636 appendix B example', () => {
    expect(pkceChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  it('makes a fresh 43-character verifier and state every time', () => {
    const a = createPkce();
    const b = createPkce();
    expect(a.verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a.verifier).not.toBe(b.verifier);
    expect(a.challenge).toBe(createHash('sha256').update(a.verifier).digest('base64url'));
    expect(createState()).not.toBe(createState());
    expect(createState().length).toBeGreaterThanOrEqual(32);
  });
});

describe('the loopback redirect listener (RFC 8252 §7.3)', () => {
  it('listens on 127.0.0.1 only, on an OS-chosen port, and takes one callback', async () => {
    const listener = await startLoopback({ expectedState: 's'.repeat(20), timeoutMs: 5_000, networkName: 'Test' });
    expect(listener.redirectUri).toMatch(/^http:\/\/127\.0\.0\.1:(\d+)\/callback$/);
    const other = await fetch(listener.redirectUri.replace('/callback', '/elsewhere'));
    expect(other.status).toBe(404);
    const page = await fetch(`${listener.redirectUri}?code=abc&state=${'s'.repeat(20)}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(await listener.code).toBe('abc');
    await expect(fetch(listener.redirectUri)).rejects.toThrow();
  });

  it('refuses a wrong state, and the page says so', async () => {
    const listener = await startLoopback({ expectedState: 'right-state-123456', timeoutMs: 5_000, networkName: 'Test' });
    const page = await fetch(`${listener.redirectUri}?code=abc&state=forged`);
    expect(page.status).toBe(400);
    expect(await page.text()).toContain('refused');
    await expect(listener.code).rejects.toMatchObject({ code: 'auth_state_mismatch' });
  });

  it('turns error=access_denied into auth_denied and other errors into auth_failed', async () => {
    const denied = await startLoopback({ expectedState: 'state-123456789012', timeoutMs: 5_000, networkName: 'Test' });
    await fetch(`${denied.redirectUri}?error=access_denied&state=state-123456789012`);
    await expect(denied.code).rejects.toMatchObject({ code: 'auth_denied' });
    const failed = await startLoopback({ expectedState: 'state-123456789012', timeoutMs: 5_000, networkName: 'Test' });
    await fetch(`${failed.redirectUri}?error=invalid_scope&error_description=nope&state=state-123456789012`);
    await expect(failed.code).rejects.toMatchObject({ code: 'auth_failed', message: expect.stringContaining('invalid_scope: nope') });
  });

  it('times out, and cancels on abort, closing the port both times', async () => {
    const slow = await startLoopback({ expectedState: 'x'.repeat(20), timeoutMs: 100, networkName: 'Test' });
    await expect(slow.code).rejects.toMatchObject({ code: 'auth_timeout' });
    await expect(fetch(slow.redirectUri)).rejects.toThrow();
    const controller = new AbortController();
    const cancelled = await startLoopback({ expectedState: 'x'.repeat(20), timeoutMs: 5_000, networkName: 'Test', signal: controller.signal });
    controller.abort();
    await expect(cancelled.code).rejects.toMatchObject({ code: 'auth_cancelled' });
  });
});

describe('token responses (RFC 6749 §5)', () => {
  it('reads a token set and its scopes', () => {
    expect(readTokenResponse(200, { access_token: 'a', refresh_token: 'r', expires_in: 7200, scope: 'one two' }, 'X', 'code')).toMatchObject({ accessToken: 'a', refreshToken: 'r', expiresIn: 7200, scopes: ['one', 'two'] });
  });

  it.each([
    [400, { error: 'invalid_grant' }, 'refresh', 'reconnect_needed'],
    [400, { error: 'invalid_grant' }, 'code', 'auth_failed'],
    [401, { error: 'invalid_client' }, 'code', 'app_not_configured'],
    [503, null, 'refresh', 'server_unreachable'],
    [200, { token_type: 'bearer' }, 'code', 'auth_failed'],
  ] as const)('HTTP %i %j in phase %s is %s', (status, body, phase, code) => {
    expect(() => readTokenResponse(status, body, 'X', phase)).toThrow(expect.objectContaining({ code }));
  });
});

describe('requests with a deadline', () => {
  it('a server that accepts and never answers is server_unreachable, naming the server only', async () => {
    const fake = await startHttpFake(() => ({ hang: true }));
    try {
      const error = await requestJson(fetch, `${fake.origin}/token?access_token=secret-in-query`, { serverName: 'Example', timeoutMs: 200 }).catch((caught: unknown) => caught);
      expect(error).toMatchObject({ code: 'server_unreachable', message: 'Example did not answer within 1 second. Check your internet connection and try again later; nothing was changed.' });
      expect(JSON.stringify(error)).not.toContain('secret-in-query');
    } finally {
      await fake.close();
    }
  });

  it('a refused connection says so', async () => {
    const fake = await startHttpFake(() => ({}));
    await fake.close();
    await expect(requestJson(fetch, fake.origin, { serverName: 'Example' })).rejects.toMatchObject({ code: 'server_unreachable', message: expect.stringContaining('refused the connection') });
  });
});

describe('the accounts metadata', () => {
  it('skips an entry that does not validate and keeps the good ones', () => {
    const good = {
      id: 'x:1', network: 'x', handle: '@a', displayName: 'A', avatarUrl: null, serverUrl: null, tokenExpiresAt: null, refreshable: false,
      scopes: [], status: 'connected', statusReason: null, connectedAt: '2026-11-27T10:00:00.000Z', lastRefreshedAt: null, limits: null, facts: {},
    };
    const errors: unknown[] = [];
    const service = new AccountsService({
      store: memoryAccountsStore([good, { ...good, id: 'x:2', accessToken: undefined, network: 'myspace' }, 'garbage']),
      vault: new MemoryVault(),
      events: new EventBus(),
      connectors: {},
      fetch,
      openBrowser: async () => {},
      now: () => new Date(),
      log: { error: (message, details) => errors.push({ message, details }) },
    });
    expect(service.list().map((account) => account.id)).toStrictEqual(['x:1']);
    expect(errors).toHaveLength(2);
  });
});

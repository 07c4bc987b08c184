import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SpheresApi } from '../../../common/api';
import type { Core } from '../../../electron/core';
import { MemoryVault } from '../../../electron/core/vault';
import { startHttpFake, type RunningFake } from '../../support/fakes/http-fake';
import { startMastodonFake, startNotMastodonFake, type MastodonFake, type MastodonFakeOptions, type NotMastodonKind } from '../../support/fakes/mastodon-fake';
import { followInBrowser } from '../../support/fakes/http-fake';
import { inProcessApp } from '../../support/in-process-app';
import { expectNothingStored } from '../../support/accounts-harness';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  vi.restoreAllMocks();
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

interface SetupOptions {
  fake?: MastodonFakeOptions;
  openBrowser?: (url: string, fake: MastodonFake) => Promise<void>;
  authTimeoutMs?: number;
}

/** A fresh Mastodon fake (its own port, so its own server) and an app that may use http on loopback. */
async function setup(options: SetupOptions = {}) {
  const fake = await startMastodonFake(options.fake);
  cleanups.push(() => fake.close());
  const vault = new MemoryVault();
  const openBrowser = options.openBrowser;
  const app = await inProcessApp({
    vault,
    openBrowser: openBrowser === undefined ? followInBrowser : (url) => openBrowser(url, fake),
    accountsTesting: { allowInsecureServers: true, ...(options.authTimeoutMs === undefined ? {} : { authTimeoutMs: options.authTimeoutMs }) },
  });
  cleanups.push(() => app.core.close());
  return { ...app, vault, fake };
}

function connect(api: SpheresApi, server: string) {
  return api.accounts.connect({ network: 'mastodon', server });
}

function requestsTo(fake: RunningFake, method: string, path: string) {
  return fake.requests.filter((request) => request.method === method && request.path === path);
}

/** No account metadata and no account secret; a cached app registration (app:mastodon:…) may stay. */
function progressSteps(core: Core): string[] {
  const steps: string[] = [];
  core.events.subscribe((name, payload) => {
    if (name === 'accounts.connectProgress') steps.push((payload as { step: string }).step);
  });
  return steps;
}

describe('Mastodon connect against a loopback fake of a Mastodon server (written from docs.joinmastodon.org)', () => {
  it('reads the instance, registers Spheres there, signs in, and keeps the token in the vault only', async () => {
    const { api, vault, fake } = await setup();
    const account = await connect(api, fake.origin);

    expect(account).toMatchObject({
      id: `mastodon:${fake.host}:${fake.user.id}`,
      network: 'mastodon',
      handle: `@alice@${fake.host}`,
      displayName: 'Alice Example',
      avatarUrl: fake.user.avatar,
      serverUrl: fake.origin,
      tokenExpiresAt: null,
      refreshable: false,
      scopes: ['read:accounts', 'read:statuses', 'write:statuses', 'write:media'],
      status: 'connected',
      facts: { accountId: fake.user.id },
    });
    // The instance's own limits, not Mastodon's defaults (500 / 23 / 4 / none).
    expect(account.limits).toStrictEqual({ maxCharacters: 1000, charactersReservedPerUrl: 23, maxMediaAttachments: 4, imageSizeLimit: 16_777_216 });
    expect(fake.requests[0]).toMatchObject({ method: 'GET', path: '/api/v2/instance' });
    expect(requestsTo(fake, 'POST', '/api/v1/apps').map((request) => request.body)).toStrictEqual([
      { client_name: 'Spheres', redirect_uris: 'http://127.0.0.1/callback', scopes: 'read:accounts read:statuses write:statuses write:media' },
    ]);

    const token = fake.authority.tokens[0]!.access;
    const registration = fake.apps[0]!;
    expect(await vault.get(account.id)).toStrictEqual({ accessToken: token, scopes: ['read:accounts', 'read:statuses', 'write:statuses', 'write:media'], clientId: registration.clientId, clientSecret: registration.clientSecret });
    expect(await vault.get(`app:mastodon:${fake.host}`)).toStrictEqual({ clientId: registration.clientId, clientSecret: registration.clientSecret });
    const listed = JSON.stringify(await api.accounts.list());
    for (const secret of [token, registration.clientSecret]) {
      expect(JSON.stringify(account)).not.toContain(secret);
      expect(listed).not.toContain(secret);
    }
  });

  it('registers once per server and reuses the registration on the next connect', async () => {
    const { api, core, vault, fake } = await setup();
    await connect(api, fake.origin);
    const steps = progressSteps(core);
    const again = await connect(api, `  ${fake.origin}/ `);

    expect(requestsTo(fake, 'POST', '/api/v1/apps')).toHaveLength(1);
    expect(requestsTo(fake, 'GET', '/oauth/authorize')).toHaveLength(2);
    expect(steps).not.toContain('registering_app');
    expect(steps).toContain('done');
    expect(await api.accounts.list()).toHaveLength(1);
    expect((await vault.get(again.id))?.accessToken).toBe(fake.authority.tokens[1]!.access);
  });

  it('tells the dialog it is registering the app on the first connect to a server', async () => {
    const { api, core, fake } = await setup();
    const steps = progressSteps(core);
    await connect(api, fake.origin);
    expect(steps).toStrictEqual(['registering_app', 'waiting_for_browser', 'signing_in', 'reading_profile', 'done']);
  });

  it('sends a PKCE S256 challenge and redeems the code with its verifier, which the fake checks', async () => {
    const { api, fake } = await setup();
    await connect(api, fake.origin);

    const authorize = requestsTo(fake, 'GET', '/oauth/authorize')[0]!.query;
    const redeem = requestsTo(fake, 'POST', '/oauth/token')[0]!.body;
    expect(authorize.get('code_challenge_method')).toBe('S256');
    expect(authorize.get('scope')).toBe('read:accounts read:statuses write:statuses write:media');
    expect(redeem).toMatchObject({ grant_type: 'authorization_code', client_id: fake.apps[0]!.clientId, client_secret: fake.apps[0]!.clientSecret, redirect_uri: authorize.get('redirect_uri'), scope: 'read:accounts read:statuses write:statuses write:media' });
    expect(createHash('sha256').update(String(redeem['code_verifier'])).digest('base64url')).toBe(authorize.get('code_challenge'));
    expect(fake.authority.refusals).toStrictEqual([]);
  });

  it('has a fake that refuses a code redeemed with a tampered verifier', async () => {
    const fake = await startMastodonFake();
    cleanups.push(() => fake.close());
    const registered = (await (await fetch(`${fake.origin}/api/v1/apps`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ client_name: 'Probe', redirect_uris: 'http://127.0.0.1/callback', scopes: 'read write' }) })).json()) as Record<string, string>;
    const verifier = 'v'.repeat(43);
    const codeFor = async (): Promise<string> => {
      const url = new URL(`${fake.origin}/oauth/authorize`);
      for (const [key, value] of Object.entries({ response_type: 'code', client_id: registered['client_id']!, redirect_uri: 'http://127.0.0.1:9/callback', scope: 'read write', state: 's'.repeat(32), code_challenge: createHash('sha256').update(verifier).digest('base64url'), code_challenge_method: 'S256' })) {
        url.searchParams.set(key, value);
      }
      const response = await fetch(url, { redirect: 'manual' });
      return new URL(response.headers.get('location')!).searchParams.get('code')!;
    };
    const redeem = async (code: string, codeVerifier: string) => {
      const form = new URLSearchParams({ grant_type: 'authorization_code', code, code_verifier: codeVerifier, redirect_uri: 'http://127.0.0.1:9/callback', client_id: registered['client_id']!, client_secret: registered['client_secret']! });
      const response = await fetch(`${fake.origin}/oauth/token`, { method: 'POST', body: form });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };

    expect(await redeem(await codeFor(), 'w'.repeat(43))).toMatchObject({ status: 400, body: { error: 'invalid_grant', error_description: 'code_verifier does not match the code_challenge' } });
    expect(await redeem(await codeFor(), verifier)).toMatchObject({ status: 200, body: { token_type: 'Bearer', scope: 'read write' } });
    expect(fake.authority.redeemCode({ code: await codeFor(), redirect_uri: 'http://127.0.0.1:9/callback', code_verifier: `${verifier}x` })).toMatchObject({ ok: false, error: 'invalid_grant' });
  });

  it('uses Mastodon\'s defaults only for the limits an instance leaves out', async () => {
    const { api, fake } = await setup({ fake: { statuses: { max_characters: undefined, characters_reserved_per_url: undefined, max_media_attachments: 6 }, mediaAttachments: null } });
    const account = await connect(api, fake.origin);
    expect(account.limits).toStrictEqual({ maxCharacters: 500, charactersReservedPerUrl: 23, maxMediaAttachments: 6, imageSizeLimit: null });
  });

  it('does not take a handle domain the server cannot vouch for', async () => {
    const { api, fake } = await setup({ fake: { domain: 'mastodon.social' } });
    const account = await connect(api, fake.origin);
    expect(account.handle).toBe(`@alice@${fake.host}`);
  });

  it('refuses a sign-in that comes back with another state', async () => {
    const { api, vault, fake } = await setup();
    fake.authority.consent = 'wrong_state';
    await expect(connect(api, fake.origin)).rejects.toMatchObject({ code: 'auth_state_mismatch', message: expect.stringContaining(`Mastodon (${fake.host})`) });
    expect(requestsTo(fake, 'POST', '/oauth/token')).toStrictEqual([]);
    expect(fake.authority.tokens).toStrictEqual([]);
    await expectNothingStored(api, vault);
  });

  it('says so clearly when the person declines on the server\'s page', async () => {
    const { api, vault, fake } = await setup();
    fake.authority.consent = 'deny';
    await expect(connect(api, fake.origin)).rejects.toMatchObject({
      code: 'auth_denied',
      message: `You declined access on Mastodon (${fake.host}), so the account was not connected. Connect again and choose Allow (or Authorize) to use it in Spheres.`,
    });
    await expectNothingStored(api, vault);
  });

  it('stops waiting when nobody finishes signing in', async () => {
    const { api, vault, fake } = await setup({ authTimeoutMs: 300 });
    fake.authority.consent = 'ignore';
    await expect(connect(api, fake.origin)).rejects.toMatchObject({ code: 'auth_timeout' });
    expect(fake.authority.tokens).toStrictEqual([]);
    await expectNothingStored(api, vault);
  });

  describe('refuses a malformed server address before any request', () => {
    it.each<[string, (host: string) => string, RegExp]>([
      ['a profile path', (host) => `http://${host}/@alice`, /path or query/],
      ['a query', (host) => `http://${host}/about?lang=en`, /path or query/],
      ['a fragment', (host) => `${host}#about`, /path or query/],
      ['credentials', (host) => `http://alice:hunter2@${host}`, /user name or password/],
      ['another scheme', (host) => `ftp://${host}`, /over https:\/\/, not ftp:\/\//],
      ['spaces inside', (host) => `http://${host.replace(':', ' :')}`, /contains spaces/],
      ['illegal characters', (host) => `${host.replace('127.0.0.1', '127_0_0_1!')}`, /characters a server name cannot have/],
      ['plain http to a server that is not loopback', () => 'http://mastodon.social', /https:\/\/ only/],
      ['an IP address that is not loopback', () => '203.0.113.7', /is an IP address/],
      ['an IPv6 address', () => '[2001:db8::1]', /IP address/],
      ['a name without a dot', () => 'mastodon', /needs a dot/],
      ['a user name without its server', () => '@alice', /user name without its server/],
    ])('%s', async (_name, typed, says) => {
      const { api, vault, fake } = await setup();
      const fetchSpy = vi.spyOn(globalThis, 'fetch');
      const error = await connect(api, typed(fake.host)).then(
        () => null,
        (caught: unknown) => caught as { code: string; message: string },
      );
      expect(error?.code).toBe('invalid_server_url');
      expect(error?.message).toMatch(says);
      expect(error?.message).toContain('for example mastodon.social');
      expect(error?.message).not.toContain('hunter2');
      expect(fetchSpy).not.toHaveBeenCalled();
      expect(fake.requests).toStrictEqual([]);
      expect(await vault.list()).toStrictEqual([]);
      expect(await api.accounts.list()).toStrictEqual([]);
    });
  });

  it.each<[NotMastodonKind, string]>([
    ['html_404', 'it answered HTTP 404 at /api/v2/instance'],
    ['html_page', 'it answered with a web page, not Mastodon\'s server information'],
    ['json_not_instance', 'its /api/v2/instance answer has no Mastodon configuration'],
    ['redirect', 'it sends /api/v2/instance on to another address instead of answering'],
  ])('says a server is not Mastodon when it answers %s, and registers nothing there', async (kind, why) => {
    const { api, vault } = await setup();
    const website = await startNotMastodonFake(kind);
    cleanups.push(() => website.close());
    const host = new URL(website.origin).host;
    await expect(connect(api, website.origin)).rejects.toMatchObject({
      code: 'not_mastodon',
      message: expect.stringContaining(`${host} does not look like a Mastodon server (${why}). Check the address`),
    });
    expect(website.requests.map((request) => `${request.method} ${request.path}`)).toStrictEqual(['GET /api/v2/instance']);
    expect(await vault.list()).toStrictEqual([]);
    await expectNothingStored(api, vault);
  });

  it('says a server that refuses the connection cannot be reached', async () => {
    const { api, vault } = await setup();
    const gone = await startHttpFake(() => ({ status: 500 }));
    await gone.close();
    await expect(connect(api, gone.origin)).rejects.toMatchObject({ code: 'server_unreachable', message: expect.stringContaining('refused the connection') });
    expect(await vault.list()).toStrictEqual([]);
    await expectNothingStored(api, vault);
  });

  it('says a server that accepts the connection and never answers cannot be reached', { timeout: 25_000 }, async () => {
    const { api, vault, fake } = await setup({ fake: { hang: ['/api/v2/instance'] } });
    await expect(connect(api, fake.origin)).rejects.toMatchObject({ code: 'server_unreachable', message: `${fake.host} did not answer within 20 seconds. Check your internet connection and try again later; nothing was changed.` });
    expect(requestsTo(fake, 'POST', '/api/v1/apps')).toStrictEqual([]);
    expect(await vault.list()).toStrictEqual([]);
    await expectNothingStored(api, vault);
  });

  it('registers again when the server no longer knows Spheres\' app, and the next connect works', async () => {
    let forget = true;
    const { api, vault, fake } = await setup({
      openBrowser: async (url, server) => {
        await followInBrowser(url);
        // Deleted between the consent page and the token request.
        if (forget) server.forgetApps();
        forget = false;
      },
    });
    await expect(connect(api, fake.origin)).rejects.toMatchObject({ code: 'auth_failed', message: expect.stringContaining('no longer recognises the app registration') });
    await expectNothingStored(api, vault);
    expect(requestsTo(fake, 'POST', '/api/v1/apps')).toHaveLength(2);
    expect((await vault.get(`app:mastodon:${fake.host}`))?.clientId).toBe(fake.apps[0]!.clientId);

    await expect(connect(api, fake.origin)).resolves.toMatchObject({ status: 'connected' });
    expect(requestsTo(fake, 'POST', '/api/v1/apps')).toHaveLength(2);
  });

  it('checks a saved registration before the browser opens, and registers again if the server deleted it', async () => {
    let opened = 0;
    const { api, vault, fake } = await setup({
      openBrowser: async (url) => {
        opened += 1;
        await followInBrowser(url);
      },
    });
    const first = await connect(api, fake.origin);
    await api.accounts.disconnect({ id: first.id });
    fake.forgetApps();
    // Without the check the sign-in page would show the server's own error and never come back.
    await expect(connect(api, fake.origin)).resolves.toMatchObject({ status: 'connected' });
    expect(requestsTo(fake, 'POST', '/api/v1/apps')).toHaveLength(2);
    expect((await vault.get(`app:mastodon:${fake.host}`))?.clientId).toBe(fake.apps[0]!.clientId);
    // With a registration the server still knows, the check's app token is handed straight back.
    const second = await connect(api, fake.origin);
    expect(second.id).toBe(first.id);
    expect(requestsTo(fake, 'POST', '/api/v1/apps')).toHaveLength(2);
    const checks = fake.requests.filter((request) => request.path === '/oauth/token' && request.body['grant_type'] === 'client_credentials');
    expect(checks).toHaveLength(2);
    expect(fake.requests.filter((request) => request.path === '/oauth/revoke' && String(request.body['token']).startsWith('app-token-'))).toHaveLength(1);
    expect(opened).toBe(3);
  });

  it('gives the token back when the server signs in an account it will not show', async () => {
    const { api, vault, fake } = await setup();
    fake.loginRefused = 'Your login is missing a confirmed e-mail address';
    await expect(connect(api, fake.origin)).rejects.toMatchObject({ code: 'auth_failed', message: expect.stringContaining('(Your login is missing a confirmed e-mail address)') });
    expect(fake.authority.tokens).toHaveLength(1);
    expect(fake.authority.live()).toStrictEqual([]);
    await expectNothingStored(api, vault);
  });

  it('keeps an account whose token still works when it is checked', async () => {
    const { api, core, vault, fake } = await setup();
    const account = await connect(api, fake.origin);
    const before = await vault.get(account.id);
    const checked = await core.accounts.refresh(account.id, true);
    expect(checked).toMatchObject({ status: 'connected', statusReason: null, tokenExpiresAt: null });
    expect(await vault.get(account.id)).toStrictEqual(before);
    expect(requestsTo(fake, 'GET', '/api/v1/accounts/verify_credentials')).toHaveLength(2);
  });

  it('marks the account "reconnect needed" once its token was revoked on the server', async () => {
    const { api, core, fake } = await setup();
    const account = await connect(api, fake.origin);
    fake.authority.revoke(fake.authority.tokens[0]!.access);
    const checked = await core.accounts.refresh(account.id, true);
    expect(checked.status).toBe('reconnect_needed');
    expect(checked.statusReason).toMatch(/revoked/);
    expect((await api.accounts.list())[0]?.status).toBe('reconnect_needed');
  });

  it('renews the token with the refresh token when a server issues expiring tokens', async () => {
    const { api, core, vault, fake } = await setup({ fake: { authority: { issueRefreshTokens: true, accessTokenTtl: 3600 } } });
    const account = await connect(api, fake.origin);
    expect(account).toMatchObject({ refreshable: true, tokenExpiresAt: expect.any(String) });
    const renewed = await core.accounts.refresh(account.id, true);
    expect(renewed.status).toBe('connected');
    const stored = await vault.get(account.id);
    expect(stored?.accessToken).toBe(fake.authority.tokens[1]!.access);
    expect(stored?.refreshToken).toBe(fake.authority.tokens[1]!.refresh);
    expect(requestsTo(fake, 'POST', '/oauth/token')[1]?.body).toMatchObject({ grant_type: 'refresh_token', client_id: fake.apps[0]!.clientId, client_secret: fake.apps[0]!.clientSecret });
  });

  it('revokes the token at the server on disconnect and forgets the account', async () => {
    const { api, vault, fake } = await setup();
    const account = await connect(api, fake.origin);
    expect(fake.authority.live()).toHaveLength(1);
    await expect(api.accounts.disconnect({ id: account.id })).resolves.toStrictEqual({ removed: true });
    expect(fake.authority.live()).toStrictEqual([]);
    expect(requestsTo(fake, 'POST', '/oauth/revoke')[0]?.body).toStrictEqual({ client_id: fake.apps[0]!.clientId, client_secret: fake.apps[0]!.clientSecret, token: fake.authority.tokens[0]!.access });
    await expectNothingStored(api, vault);
  });
});

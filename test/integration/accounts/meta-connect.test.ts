import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { SpheresApi } from '../../../common/api';
import { startInstagramFake, startThreadsFake, type MetaFake, type MetaFakeOptions } from '../../support/fakes/meta-fake';
import { accountsHarness, expectNothingStored } from '../../support/accounts-harness';
import { followInBrowser } from '../../support/fakes/http-fake';

let fake: MetaFake | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const DAY_MS = 24 * 3_600_000;
const CONNECTED_AT = new Date('2026-03-02T09:00:00Z');
/** 5 183 944 seconds after CONNECTED_AT: the long-lived lifetime in Meta's examples. */
const LONG_LIVED_ENDS = '2026-05-01T08:59:04.000Z';

interface SetupOptions extends MetaFakeOptions {
  openBrowser?: (url: string) => Promise<void>;
  authTimeoutMs?: number;
  /** The app secret saved in Settings; null saves no Meta app at all. */
  appSecret?: string | null;
}

const NETWORKS = [
  {
    network: 'threads',
    title: 'Threads connect against a loopback fake of the Threads API (written from developers.facebook.com/docs/threads)',
    start: startThreadsFake,
    clientId: '990602627938098',
    secret: 'threads-app-secret',
    scope: 'threads_basic,threads_content_publish,threads_read_replies',
    mePath: '/v1.0/me',
    exchangeGrant: 'th_exchange_token',
    refreshGrant: 'th_refresh_token',
    expected: {
      id: 'threads:17841400000000001',
      handle: '@alice.threads',
      displayName: 'Alice Example',
      avatarUrl: 'https://scontent.cdninstagram.com/v/t51/alice_threads.jpg',
      avatarImage: null,
      scopes: ['threads_basic', 'threads_content_publish', 'threads_read_replies'],
      facts: { userId: '17841400000000001' },
    },
  },
  {
    network: 'instagram',
    title: 'Instagram connect against a loopback fake of the Instagram API with Instagram Login (written from developers.facebook.com/docs/instagram-platform)',
    start: startInstagramFake,
    clientId: '97563852873',
    secret: 'instagram-app-secret',
    scope: 'instagram_business_basic,instagram_business_content_publish',
    mePath: '/me',
    exchangeGrant: 'ig_exchange_token',
    refreshGrant: 'ig_refresh_token',
    expected: {
      id: 'instagram:17841405793187218',
      handle: '@alice.studio',
      displayName: 'Alice Studio',
      avatarUrl: 'https://scontent.cdninstagram.com/v/t51/alice_ig.jpg',
      avatarImage: null,
      scopes: ['instagram_business_basic', 'instagram_business_content_publish'],
      facts: { userId: '17841405793187218', accountType: 'BUSINESS' },
    },
  },
] as const;

type Case = (typeof NETWORKS)[number];

async function setup(c: Case, options: SetupOptions = {}) {
  const { openBrowser, authTimeoutMs, appSecret, ...fakeOptions } = options;
  const started = await c.start(fakeOptions);
  fake = started;
  const harness = await accountsHarness({
    network: c.network,
    endpoints: started.endpoints,
    authority: started.authority,
    startsAt: CONNECTED_AT,
    app: appSecret === null ? null : { app: c.network, clientId: c.clientId, clientSecret: appSecret ?? c.secret },
    openBrowser,
    authTimeoutMs,
  });
  return { ...harness, fake: started };
}

function requestsTo(fake: MetaFake, path: string) {
  return fake.requests.filter((request) => request.path === path);
}

describe.each(NETWORKS)('$title', (c) => {
  const connect = (api: SpheresApi) => api.accounts.connect({ network: c.network });

  it('asks for the Meta app id and secret first, without opening a browser', async () => {
    let opened = 0;
    const { api, vault } = await setup(c, { appSecret: null, openBrowser: async () => void (opened += 1) });
    const error = await connect(api).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'app_not_configured', message: expect.stringContaining('Settings → Network apps') });
    expect(opened).toBe(0);
    await expectNothingStored(api, vault);
  });

  it('connects with PKCE, trades the one-hour token for a 60-day one, and keeps it in the vault only', async () => {
    const { api, vault, fake, events } = await setup(c);
    const account = await connect(api);
    expect(account).toStrictEqual({
      ...c.expected,
      network: c.network,
      serverUrl: null,
      tokenExpiresAt: LONG_LIVED_ENDS,
      refreshable: true,
      status: 'connected',
      statusReason: null,
      connectedAt: '2026-03-02T09:00:00.000Z',
      lastRefreshedAt: null,
      limits: null,
    });
    const [shortLived] = fake.authority.tokens;
    const [longLived] = fake.longLived();
    expect(await vault.get(c.expected.id)).toStrictEqual({ accessToken: longLived!.access, expiresAt: LONG_LIVED_ENDS, scopes: c.expected.scopes, extra: { obtainedAt: '2026-03-02T09:00:00.000Z' } });
    for (const visible of [account, await api.accounts.list(), events]) {
      expect(JSON.stringify(visible)).not.toContain(shortLived!.access);
      expect(JSON.stringify(visible)).not.toContain(longLived!.access);
    }
    const [authorize] = requestsTo(fake, '/oauth/authorize');
    expect(authorize!.query.get('scope')).toBe(c.scope);
    expect(authorize!.query.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    expect(authorize!.query.get('code_challenge_method')).toBe('S256');
    const [token] = requestsTo(fake, '/oauth/access_token');
    expect(token!.body).toMatchObject({ client_id: c.clientId, client_secret: c.secret, grant_type: 'authorization_code', redirect_uri: authorize!.query.get('redirect_uri') });
    const [exchange] = requestsTo(fake, '/access_token');
    expect(Object.fromEntries(exchange!.query)).toStrictEqual({ grant_type: c.exchangeGrant, client_secret: c.secret, access_token: shortLived!.access });
    // The profile was read with the long-lived token.
    expect(requestsTo(fake, c.mePath)[0]!.query.get('access_token')).toBe(longLived!.access);
    expect(fake.authority.refusals).toStrictEqual([]);
    expect(events).toContainEqual({ network: c.network, step: 'done', authorizeUrl: null });
  });

  it('is refused when the PKCE challenge does not match the verifier Spheres holds, and stores nothing', async () => {
    const { api, vault, fake } = await setup(c, {
      openBrowser: async (url) => {
        const swapped = new URL(url);
        swapped.searchParams.set('code_challenge', createHash('sha256').update('z'.repeat(43)).digest('base64url'));
        await followInBrowser(swapped.toString());
      },
    });
    await expect(connect(api)).rejects.toMatchObject({ code: 'auth_failed', message: expect.stringContaining('code_verifier does not match') });
    expect(fake.longLived()).toStrictEqual([]);
    await expectNothingStored(api, vault);
  });

  it('refuses a callback with the wrong state, never redeems the code, and stores nothing', async () => {
    const { api, vault, fake } = await setup(c);
    fake.authority.consent = 'wrong_state';
    await expect(connect(api)).rejects.toMatchObject({ code: 'auth_state_mismatch' });
    expect(requestsTo(fake, '/oauth/access_token')).toStrictEqual([]);
    await expectNothingStored(api, vault);
  });

  it('says plainly that access was declined', async () => {
    const { api, vault, fake } = await setup(c);
    fake.authority.consent = 'deny';
    await expect(connect(api)).rejects.toMatchObject({ code: 'auth_denied' });
    await expectNothingStored(api, vault);
  });

  it('stops waiting when the browser step is never finished', async () => {
    const { api, vault, fake } = await setup(c, { authTimeoutMs: 300 });
    fake.authority.consent = 'ignore';
    await expect(connect(api)).rejects.toMatchObject({ code: 'auth_timeout' });
    await expectNothingStored(api, vault);
  });

  it('a wrong app secret is reported as an app setting to fix, without repeating the secret', async () => {
    const { api, vault } = await setup(c, { appSecret: 'not-the-secret' });
    const error = await connect(api).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'app_not_configured', message: expect.stringContaining('Settings → Network apps') });
    expect(JSON.stringify(error)).not.toContain('not-the-secret');
    await expectNothingStored(api, vault);
  });

  it('refreshes the long-lived token a week before it expires', async () => {
    const { api, core, vault, fake, clock } = await setup(c);
    const account = await connect(api);
    clock.now = new Date(CONNECTED_AT.getTime() + 30 * DAY_MS);
    await core.accounts.refreshDue();
    expect(requestsTo(fake, '/refresh_access_token')).toStrictEqual([]);
    clock.now = new Date(CONNECTED_AT.getTime() + 54 * DAY_MS);
    await core.accounts.refreshDue();
    const [first, second] = fake.longLived();
    const [refresh] = requestsTo(fake, '/refresh_access_token');
    expect(Object.fromEntries(refresh!.query)).toStrictEqual({ grant_type: c.refreshGrant, access_token: first!.access });
    expect(await vault.get(account.id)).toMatchObject({ accessToken: second!.access, expiresAt: '2026-06-24T08:59:04.000Z', extra: { obtainedAt: '2026-04-25T09:00:00.000Z' } });
    expect((await api.accounts.list())[0]).toMatchObject({ status: 'connected', tokenExpiresAt: '2026-06-24T08:59:04.000Z', lastRefreshedAt: '2026-04-25T09:00:00.000Z' });
  });

  it('marks the account "reconnect needed" when Meta says the token is invalid (code 190), without quoting the token', async () => {
    const { api, core, fake, clock } = await setup(c);
    await connect(api);
    const [longLived] = fake.longLived();
    fake.authority.revoke(longLived!.access);
    clock.now = new Date(CONNECTED_AT.getTime() + 54 * DAY_MS);
    await core.accounts.refreshDue();
    const [after] = await api.accounts.list();
    expect(after).toMatchObject({ status: 'reconnect_needed', statusReason: expect.stringContaining('(code 190)') });
    expect(after!.statusReason).not.toContain(longLived!.access);
    expect(after!.statusReason).not.toContain('access_token=');
  });

  it('a "refresh now" within a day of connecting keeps the token, as Meta only renews tokens 24 hours old', async () => {
    const { api, vault, fake, clock } = await setup(c);
    const account = await connect(api);
    clock.now = new Date(CONNECTED_AT.getTime() + 2 * 3_600_000);
    expect(await api.accounts.refresh({ id: account.id })).toMatchObject({ status: 'connected', tokenExpiresAt: LONG_LIVED_ENDS, lastRefreshedAt: null });
    expect(requestsTo(fake, '/refresh_access_token')).toStrictEqual([]);
    expect(await vault.get(account.id)).toMatchObject({ accessToken: fake.longLived()[0]!.access });
  });
});

describe('Instagram account types against the loopback fake of the Instagram API with Instagram Login (written from developers.facebook.com/docs/instagram-platform)', () => {
  const instagram = NETWORKS[1];

  it('refuses a personal account in plain words and stores nothing', async () => {
    const { api, vault } = await setup(instagram, { accountType: 'PERSONAL' });
    await expect(api.accounts.connect({ network: 'instagram' })).rejects.toMatchObject({
      code: 'auth_failed',
      message:
        '@alice.studio is a personal Instagram account. Instagram only lets apps publish for Business or Creator accounts: switch it to a professional account in the Instagram app (Settings → Account type and tools), then connect again.',
    });
    await expectNothingStored(api, vault);
  });

  it('connects a Creator account and records its type', async () => {
    const { api } = await setup(instagram, { accountType: 'MEDIA_CREATOR' });
    expect(await api.accounts.connect({ network: 'instagram' })).toMatchObject({ status: 'connected', facts: { userId: '17841405793187218', accountType: 'MEDIA_CREATOR' } });
  });

  it('reads the code answer in the flat shape as well as the documented `data: [ … ]` one', async () => {
    const { api, vault, fake } = await setup(instagram);
    fake.instagram.codeAnswer = 'flat';
    const account = await api.accounts.connect({ network: 'instagram' });
    expect(account).toMatchObject({ id: 'instagram:17841405793187218', scopes: ['instagram_business_basic', 'instagram_business_content_publish'] });
    expect(await vault.get(account.id)).toMatchObject({ accessToken: fake.longLived()[0]!.access });
  });
});

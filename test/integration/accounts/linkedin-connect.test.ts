import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { startLinkedInFake, type LinkedInFake } from '../../support/fakes/linkedin-fake';
import { accountsHarness, expectNothingStored } from '../../support/accounts-harness';
import { followInBrowser } from '../../support/fakes/http-fake';

let fake: LinkedInFake | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const DAY_MS = 24 * 3_600_000;
const CONNECTED_AT = new Date('2026-03-02T09:00:00Z');
/** The member's `sub` is mixed case, so the id is its hash: keychain ids are lowercase. */
const ACCOUNT_ID = `linkedin:h${createHash('sha256').update('Xy3_aBcD9e').digest('hex').slice(0, 32)}`;

interface SetupOptions {
  openBrowser?: (url: string) => Promise<void>;
  authTimeoutMs?: number;
  /** Play an approved partner, whom LinkedIn gives refresh tokens. */
  refreshTokens?: boolean;
  saveApp?: boolean;
}

async function setup(options: SetupOptions = {}) {
  const started = await startLinkedInFake({ issueRefreshTokens: options.refreshTokens ?? false });
  fake = started;
  const harness = await accountsHarness({
    network: 'linkedin',
    endpoints: started.endpoints,
    authority: started.authority,
    startsAt: CONNECTED_AT,
    app: options.saveApp === false ? null : { app: 'linkedin', clientId: 'linkedin-client-id', clientSecret: 'linkedin-client-secret' },
    openBrowser: options.openBrowser,
    authTimeoutMs: options.authTimeoutMs,
  });
  return { ...harness, fake: started };
}

function tokenRequests(fake: LinkedInFake, grantType: string) {
  return fake.requests.filter((request) => request.path === '/oauth/v2/accessToken' && request.body['grant_type'] === grantType);
}

describe('LinkedIn connect against a loopback fake of LinkedIn OAuth 2.0 and OpenID Connect userinfo (written from learn.microsoft.com/linkedin docs)', () => {
  it('asks for the app\'s client id and secret first, without opening a browser', async () => {
    let opened = 0;
    const { api, vault } = await setup({ saveApp: false, openBrowser: async () => void (opened += 1) });
    const error = await api.accounts.connect({ network: 'linkedin' }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'app_not_configured', message: expect.stringContaining('Settings → Network apps') });
    expect(opened).toBe(0);
    await expectNothingStored(api, vault);
  });

  it('connects with PKCE on a loopback redirect, reads the member from userinfo, and keeps the token in the vault only', async () => {
    const { api, vault, fake, events } = await setup();
    const account = await api.accounts.connect({ network: 'linkedin' });
    expect(account).toStrictEqual({
      id: ACCOUNT_ID,
      network: 'linkedin',
      handle: 'alice@example.com',
      displayName: 'Alice Example',
      avatarUrl: fake.member.picture,
      avatarImage: null,
      serverUrl: null,
      tokenExpiresAt: '2026-05-01T09:00:00.000Z',
      refreshable: false,
      scopes: ['openid', 'profile', 'email', 'w_member_social'],
      status: 'connected',
      statusReason: null,
      connectedAt: '2026-03-02T09:00:00.000Z',
      lastRefreshedAt: null,
      limits: null,
      facts: { memberUrn: 'urn:li:person:Xy3_aBcD9e' },
    });
    const issued = fake.authority.tokens[0]!;
    expect(await vault.get(ACCOUNT_ID)).toStrictEqual({ accessToken: issued.access, expiresAt: '2026-05-01T09:00:00.000Z', scopes: account.scopes });
    for (const visible of [account, await api.accounts.list(), events]) expect(JSON.stringify(visible)).not.toContain(issued.access);
    const authorize = fake.requests.find((request) => request.path === '/oauth/v2/authorization')!;
    expect(authorize.query.get('scope')).toBe('openid profile email w_member_social');
    expect(authorize.query.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    expect(authorize.query.get('code_challenge_method')).toBe('S256');
    const [token] = tokenRequests(fake, 'authorization_code');
    expect(token!.body).toMatchObject({ client_id: 'linkedin-client-id', client_secret: 'linkedin-client-secret', redirect_uri: authorize.query.get('redirect_uri'), code_verifier: expect.stringMatching(/^[A-Za-z0-9_-]{43,128}$/) });
    // The fake checked the verifier against the S256 challenge before it issued the token.
    expect(fake.authority.refusals).toStrictEqual([]);
    expect(events).toContainEqual({ network: 'linkedin', step: 'done', authorizeUrl: null });
  });

  it('is refused when the PKCE challenge does not match the verifier Spheres holds, and stores nothing', async () => {
    const { api, vault } = await setup({
      openBrowser: async (url) => {
        // Someone swapped the challenge on the way to LinkedIn: the code is bound to their verifier.
        const swapped = new URL(url);
        swapped.searchParams.set('code_challenge', createHash('sha256').update('z'.repeat(43)).digest('base64url'));
        await followInBrowser(swapped.toString());
      },
    });
    await expect(api.accounts.connect({ network: 'linkedin' })).rejects.toMatchObject({ code: 'auth_failed', message: expect.stringContaining('code_verifier does not match') });
    await expectNothingStored(api, vault);
  });

  it('refuses a callback with the wrong state, never redeems the code, and stores nothing', async () => {
    const { api, vault, fake } = await setup();
    fake.authority.consent = 'wrong_state';
    await expect(api.accounts.connect({ network: 'linkedin' })).rejects.toMatchObject({ code: 'auth_state_mismatch' });
    expect(tokenRequests(fake, 'authorization_code')).toStrictEqual([]);
    await expectNothingStored(api, vault);
  });

  it('says plainly that access was declined', async () => {
    const { api, vault, fake } = await setup();
    fake.authority.consent = 'deny';
    await expect(api.accounts.connect({ network: 'linkedin' })).rejects.toMatchObject({ code: 'auth_denied', message: expect.stringContaining('You declined access on LinkedIn') });
    await expectNothingStored(api, vault);
  });

  it('stops waiting when the browser step is never finished', async () => {
    const { api, vault, fake } = await setup({ authTimeoutMs: 300 });
    fake.authority.consent = 'ignore';
    await expect(api.accounts.connect({ network: 'linkedin' })).rejects.toMatchObject({ code: 'auth_timeout' });
    await expectNothingStored(api, vault);
  });

  it('a wrong client secret is reported as an app setting to fix, and nothing is stored', async () => {
    const { api, vault } = await setup();
    await api.apps.save({ app: 'linkedin', clientId: 'linkedin-client-id', clientSecret: 'not-the-secret' });
    const error = await api.accounts.connect({ network: 'linkedin' }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'app_not_configured', message: expect.stringContaining('Settings → Network apps') });
    expect(JSON.stringify(error)).not.toContain('not-the-secret');
    await expectNothingStored(api, vault);
  });

  it('without a refresh token the account is not refreshable: it keeps working until the token ends, then needs reconnecting', async () => {
    const { api, core, fake, clock } = await setup();
    const account = await api.accounts.connect({ network: 'linkedin' });
    expect(account.refreshable).toBe(false);
    clock.now = new Date(CONNECTED_AT.getTime() + 54 * DAY_MS);
    await core.accounts.refreshDue();
    // Six days left: still usable for publishing; the Accounts screen counts the days down.
    expect((await api.accounts.list())[0]).toMatchObject({ status: 'connected' });
    expect((await core.accounts.credentialsFor(ACCOUNT_ID)).accessToken).toBe(fake.authority.tokens[0]!.access);
    clock.now = new Date(CONNECTED_AT.getTime() + 61 * DAY_MS);
    await core.accounts.refreshDue();
    expect((await api.accounts.list())[0]).toMatchObject({
      status: 'reconnect_needed',
      statusReason: expect.stringContaining('LinkedIn does not let Spheres renew it'),
    });
    await expect(core.accounts.credentialsFor(ACCOUNT_ID)).rejects.toMatchObject({ code: 'reconnect_needed' });
    expect(tokenRequests(fake, 'refresh_token')).toStrictEqual([]);
  });

  it('with a refresh token (approved partners), renews the access token before it expires', async () => {
    const { api, core, vault, fake, clock } = await setup({ refreshTokens: true });
    const account = await api.accounts.connect({ network: 'linkedin' });
    expect(account.refreshable).toBe(true);
    const first = { ...fake.authority.tokens[0]! };
    expect(first.refresh).toEqual(expect.any(String));
    expect(await vault.get(ACCOUNT_ID)).toMatchObject({ accessToken: first.access, refreshToken: first.refresh, extra: { refreshTokenExpiresAt: '2027-03-02T09:00:00.000Z' } });
    clock.now = new Date(CONNECTED_AT.getTime() + 54 * DAY_MS);
    await core.accounts.refreshDue();
    const [refresh] = tokenRequests(fake, 'refresh_token');
    expect(refresh!.body).toMatchObject({ refresh_token: first.refresh, client_id: 'linkedin-client-id', client_secret: 'linkedin-client-secret' });
    const second = fake.authority.tokens[1]!;
    // LinkedIn keeps the refresh token; its year counts from the first sign-in.
    expect(await vault.get(ACCOUNT_ID)).toMatchObject({ accessToken: second.access, refreshToken: first.refresh, extra: { refreshTokenExpiresAt: '2027-03-02T09:00:00.000Z' } });
    expect((await api.accounts.list())[0]).toMatchObject({ status: 'connected', tokenExpiresAt: '2026-06-24T09:00:00.000Z', lastRefreshedAt: '2026-04-25T09:00:00.000Z' });
  });

  it('marks the account "reconnect needed" with a reason when LinkedIn refuses the refresh', async () => {
    const { api, core, fake, clock } = await setup({ refreshTokens: true });
    await api.accounts.connect({ network: 'linkedin' });
    const refreshToken = fake.authority.tokens[0]!.refresh;
    fake.authority.revoke(refreshToken);
    clock.now = new Date(CONNECTED_AT.getTime() + 54 * DAY_MS);
    await core.accounts.refreshDue();
    const [after] = await api.accounts.list();
    expect(after).toMatchObject({ status: 'reconnect_needed', statusReason: expect.stringContaining('LinkedIn no longer accepts this account\'s sign-in') });
    expect(after!.statusReason).not.toContain(refreshToken!);
  });

  it('disconnect revokes the token at LinkedIn and removes the keychain item and the metadata', async () => {
    const { api, vault, fake } = await setup();
    const account = await api.accounts.connect({ network: 'linkedin' });
    expect(await api.accounts.disconnect({ id: account.id })).toStrictEqual({ removed: true });
    expect(fake.requests.find((request) => request.path === '/oauth/v2/revoke')?.body).toMatchObject({ client_id: 'linkedin-client-id', client_secret: 'linkedin-client-secret' });
    expect(fake.authority.live()).toStrictEqual([]);
    await expectNothingStored(api, vault);
  });
});

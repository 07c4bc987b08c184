import { createHash } from 'node:crypto';
import type { Account } from '../../../../common/domain';
import type { Credentials } from '../../vault';
import { accountError } from '../account-error';
import { codeGrantForm, expiryFrom, readTokenResponse, type TokenSet } from '../oauth/flow';
import { oauthErrorOf, requestJson, type HttpResponse } from '../oauth/http';
import { handleDomain, notMastodon, parseMastodonServer, readInstance, type InstanceFacts, type MastodonServer } from './mastodon-server';
import { accountIdFor, asRecord, safeUrl, stringField, type AppCredentials, type Connector, type ConnectorContext } from './types';

/**
 * Mastodon (and servers that speak its API): one app registration per server, then OAuth 2.0
 * authorization code with PKCE against that server's Doorkeeper. What the server is (its address,
 * its /api/v2/instance answer) is read by the pure functions of mastodon-server.ts.
 * https://docs.joinmastodon.org/methods/instance/#v2 (GET /api/v2/instance, Mastodon 4.0+)
 * https://docs.joinmastodon.org/methods/apps/#create (POST /api/v1/apps)
 * https://docs.joinmastodon.org/methods/oauth/ (authorize, token, revoke)
 * https://docs.joinmastodon.org/methods/accounts/#verify_credentials
 */

/** Only what Spheres uses: read the profile, post, upload media, and read its own posts (to tell whether a post whose answer was lost went out). https://docs.joinmastodon.org/api/oauth-scopes/ */
export const MASTODON_SCOPES = ['read:accounts', 'read:statuses', 'write:statuses', 'write:media'] as const;

/**
 * Registered once per server; the port is left out on purpose: Doorkeeper matches a loopback IP
 * redirect URI whatever its port (RFC 8252 §7.3), so the listener's ephemeral port is accepted.
 */
export const MASTODON_REDIRECT_URI = 'http://127.0.0.1/callback';

/** Mastodon tokens do not expire (Doorkeeper `access_token_expires_in nil`); this margin only serves servers that say `expires_in`. */
const MASTODON_REFRESH_MARGIN_MS = 10 * 60_000;

/** The keychain key of a server's app registration (`app:` is added by the registry). */
export function mastodonAppKey(host: string): string {
  const readable = `mastodon:${host}`;
  // Keychain keys are at most 128 characters including the registry's "app:" prefix.
  return readable.length <= 120 ? readable : `mastodon:h${createHash('sha256').update(host).digest('hex').slice(0, 32)}`;
}

function busy(server: MastodonServer, response: HttpResponse, doing: string): Error {
  return accountError('server_unreachable', `${server.host} could not answer while ${doing} (HTTP ${response.status}). Nothing was connected; try again in a few minutes.`);
}

async function lookUpInstance(server: MastodonServer, context: ConnectorContext): Promise<InstanceFacts> {
  const response = await requestJson(
    // Not followed, but seen: a website that redirects /api/v2/instance elsewhere is not the server.
    (input, init) => context.fetch(input, { ...init, redirect: 'manual' }),
    `${server.origin}/api/v2/instance`,
    { serverName: server.host, signal: context.signal },
  );
  if (response.status >= 500 || response.status === 429) throw busy(server, response, 'Spheres read its server information');
  if (response.status >= 300 && response.status < 400) throw notMastodon(server, 'it sends /api/v2/instance on to another address instead of answering');
  if (response.status !== 200) throw notMastodon(server, `it answered HTTP ${response.status} at /api/v2/instance`);
  if (response.body === null) {
    throw notMastodon(server, response.contentType.includes('html') ? 'it answered with a web page, not Mastodon\'s server information' : 'its answer at /api/v2/instance is not JSON');
  }
  const facts = readInstance(response.body);
  if (facts === null) throw notMastodon(server, 'its /api/v2/instance answer has no Mastodon configuration');
  return facts;
}

async function registerApp(server: MastodonServer, context: ConnectorContext): Promise<AppCredentials & { clientSecret: string }> {
  context.progress('registering_app');
  const response = await requestJson(context.fetch, `${server.origin}/api/v1/apps`, {
    serverName: server.host,
    signal: context.signal,
    form: { client_name: 'Spheres', redirect_uris: MASTODON_REDIRECT_URI, scopes: MASTODON_SCOPES.join(' ') },
  });
  if (response.status >= 500 || response.status === 429) throw busy(server, response, 'Spheres registered itself as an app');
  const record = asRecord(response.body);
  const clientId = stringField(record, 'client_id');
  const clientSecret = stringField(record, 'client_secret');
  if (response.status !== 200 || clientId === undefined || clientSecret === undefined) {
    const said = stringField(record, 'error');
    throw accountError(
      'auth_failed',
      `${server.host} did not let Spheres register itself as an app (HTTP ${response.status}${said === undefined ? '' : `: ${said.slice(0, 200)}`}). Nothing was connected; the server may not allow new apps. Try again later or ask its administrators.`,
    );
  }
  const app = { clientId, clientSecret };
  await context.apps.set(mastodonAppKey(server.host), app);
  return app;
}

/** The server's registration of Spheres, made on the first connect and reused after. */
async function appFor(server: MastodonServer, context: ConnectorContext): Promise<AppCredentials & { clientSecret: string }> {
  const cached = await context.apps.get(mastodonAppKey(server.host));
  // Mastodon registers confidential clients only; a registration without its secret is unusable.
  if (cached === null || cached.clientSecret === undefined) return registerApp(server, context);
  const app = { clientId: cached.clientId, clientSecret: cached.clientSecret };
  // A server that deleted the registration would show its own error page at sign-in and never send
  // the person back; an app token (client_credentials) tells first whether the server still knows it.
  const check = await requestJson(context.fetch, `${server.origin}/oauth/token`, {
    serverName: server.host,
    signal: context.signal,
    form: { grant_type: 'client_credentials', client_id: app.clientId, client_secret: app.clientSecret, scope: 'read' },
  });
  if (oauthErrorOf(check.body)?.error === 'invalid_client') return registerApp(server, context);
  const appToken = stringField(asRecord(check.body), 'access_token');
  if (appToken !== undefined) await revokeToken(server, appToken, app, context).catch(() => {});
  return app;
}

interface MastodonProfile {
  id: string;
  username: string;
  displayName: string;
  avatar: string | undefined;
}

async function verifyCredentials(server: MastodonServer, accessToken: string, context: ConnectorContext): Promise<{ response: HttpResponse; profile: MastodonProfile | null }> {
  const response = await requestJson(context.fetch, `${server.origin}/api/v1/accounts/verify_credentials`, {
    headers: { authorization: `Bearer ${accessToken}` },
    serverName: server.host,
    signal: context.signal,
  });
  const record = asRecord(response.body);
  const id = stringField(record, 'id');
  const username = stringField(record, 'username');
  if (response.status !== 200 || id === undefined || username === undefined) return { response, profile: null };
  return { response, profile: { id, username, displayName: (stringField(record, 'display_name') ?? username).slice(0, 300), avatar: stringField(record, 'avatar') } };
}

/** The server's own words from a Mastodon error body (`{"error": "..."}`), shortened. */
function serverSaid(response: HttpResponse): string {
  const said = stringField(asRecord(response.body), 'error');
  return said === undefined ? `HTTP ${response.status}` : said.slice(0, 200);
}

async function revokeToken(server: MastodonServer, token: string, app: AppCredentials, context: ConnectorContext): Promise<void> {
  await requestJson(context.fetch, `${server.origin}/oauth/revoke`, {
    serverName: server.host,
    form: { client_id: app.clientId, client_secret: app.clientSecret, token },
    timeoutMs: 5_000,
  });
}

async function redeemCode(
  server: MastodonServer,
  app: AppCredentials & { clientSecret: string },
  granted: { code: string; redirectUri: string; codeVerifier: string },
  context: ConnectorContext,
): Promise<TokenSet> {
  const response = await requestJson(context.fetch, `${server.origin}/oauth/token`, {
    serverName: server.host,
    signal: context.signal,
    form: {
      ...codeGrantForm(granted, app),
      scope: MASTODON_SCOPES.join(' '),
    },
  });
  if (oauthErrorOf(response.body)?.error === 'invalid_client') {
    // The server deleted Spheres' registration (older servers vacuumed unused apps). Register
    // again now, so the next attempt uses a registration the server knows.
    const registered = await registerApp(server, context).then(
      () => true,
      () => false,
    );
    throw accountError(
      'auth_failed',
      `${server.host} no longer recognises the app registration Spheres made there (invalid_client). ${registered ? 'Spheres has registered again; connect once more.' : 'Spheres will register again on the next attempt; connect again in a moment.'} Nothing was connected.`,
    );
  }
  return readTokenResponse(response.status, response.body, server.host, 'code');
}

function credentialsFrom(tokens: TokenSet, app: AppCredentials, scopes: string[], expiresAt: string | null): Credentials {
  return {
    accessToken: tokens.accessToken,
    ...(tokens.refreshToken === undefined ? {} : { refreshToken: tokens.refreshToken }),
    ...(expiresAt === null ? {} : { expiresAt }),
    scopes,
    clientId: app.clientId,
    ...(app.clientSecret === undefined ? {} : { clientSecret: app.clientSecret }),
  };
}

/** The server of a stored account, checked again: the metadata file is not trusted to aim tokens. */
function serverOf(account: Account, context: ConnectorContext): MastodonServer | null {
  if (account.serverUrl === null) return null;
  try {
    return parseMastodonServer(account.serverUrl, context.allowInsecureServers);
  } catch {
    return null;
  }
}

function appOf(credentials: Credentials): AppCredentials | null {
  return credentials.clientId === undefined ? null : { clientId: credentials.clientId, clientSecret: credentials.clientSecret };
}

export const mastodonConnector: Connector<{ server: string }> = {
  network: 'mastodon',
  // No developer app to set up: Spheres registers itself on each server (POST /api/v1/apps).
  app: null,
  refreshMarginMs: MASTODON_REFRESH_MARGIN_MS,
  async connect(input, _app, context) {
    const server = parseMastodonServer(input.server, context.allowInsecureServers);
    // Read the instance before registering anything: a typo must not leave an app on some server.
    const instance = await lookUpInstance(server, context);
    const app = await appFor(server, context);
    const granted = await context.authorize({
      networkName: `Mastodon (${server.host})`,
      authorizeUrl: `${server.origin}/oauth/authorize`,
      clientId: app.clientId,
      scopes: MASTODON_SCOPES,
    });
    context.progress('signing_in');
    const tokens = await redeemCode(server, app, granted, context);
    context.progress('reading_profile');
    const { response, profile } = await verifyCredentials(server, tokens.accessToken, context);
    if (profile === null) {
      // A token Spheres will not keep goes back to the server.
      await revokeToken(server, tokens.accessToken, app, context).catch(() => {});
      throw accountError(
        'auth_failed',
        `${server.host} signed you in but would not show the account (${serverSaid(response)}). Nothing was connected; finish any pending step on the server (confirming your e-mail, approval) and try again.`,
      );
    }
    const tokenExpiresAt = expiryFrom(context.now(), tokens.expiresIn);
    const scopes = tokens.scopes ?? [...MASTODON_SCOPES];
    return {
      profile: {
        id: accountIdFor('mastodon', server.host, profile.id),
        network: 'mastodon',
        handle: `@${profile.username}@${handleDomain(server, instance.domain)}`,
        displayName: profile.displayName,
        avatarUrl: safeUrl(profile.avatar, context.allowInsecureServers),
        serverUrl: server.origin,
        tokenExpiresAt,
        refreshable: tokens.refreshToken !== undefined,
        scopes,
        limits: instance.limits,
        facts: { accountId: profile.id },
      },
      credentials: credentialsFrom(tokens, app, scopes, tokenExpiresAt),
    };
  },
  async refresh(account, credentials, _app, context) {
    const server = serverOf(account, context);
    const app = appOf(credentials);
    if (server === null || app === null || credentials.accessToken === undefined) {
      throw accountError('reconnect_needed', `Spheres no longer has everything it needs to use ${account.handle} (its server or app registration is missing). Connect the account again.`);
    }
    if (credentials.refreshToken !== undefined) {
      const response = await requestJson(context.fetch, `${server.origin}/oauth/token`, {
        serverName: server.host,
        signal: context.signal,
        form: { grant_type: 'refresh_token', refresh_token: credentials.refreshToken, client_id: app.clientId, client_secret: app.clientSecret },
      });
      if (oauthErrorOf(response.body)?.error === 'invalid_client') {
        throw accountError('reconnect_needed', `${server.host} no longer recognises the app registration Spheres made there, so ${account.handle} cannot be renewed. Connect the account again.`);
      }
      const tokens = readTokenResponse(response.status, response.body, server.host, 'refresh');
      const tokenExpiresAt = expiryFrom(context.now(), tokens.expiresIn);
      const next = credentialsFrom({ ...tokens, refreshToken: tokens.refreshToken ?? credentials.refreshToken }, app, credentials.scopes ?? [...MASTODON_SCOPES], tokenExpiresAt);
      return { credentials: next, tokenExpiresAt };
    }
    // No refresh token (the usual case: Mastodon tokens do not expire): check the token still works.
    const { response, profile } = await verifyCredentials(server, credentials.accessToken, context);
    if (profile !== null) return { credentials, tokenExpiresAt: credentials.expiresAt ?? null };
    if (response.status === 401) {
      throw accountError('reconnect_needed', `${server.host} no longer accepts Spheres' access to ${account.handle}: it was revoked (in the server's settings, under Authorized apps) or the app was removed. Connect the account again.`);
    }
    if (response.status === 403) {
      throw accountError('reconnect_needed', `${server.host} refuses ${account.handle} (${serverSaid(response)}). Sort this out on the server, then connect the account again.`);
    }
    throw accountError('server_unreachable', `${server.host} could not check ${account.handle} right now (HTTP ${response.status}). Nothing was changed; Spheres tries again later.`);
  },
  async revoke(account, credentials, _app, context) {
    const server = serverOf(account, context);
    const app = appOf(credentials);
    if (server === null || app === null || credentials.accessToken === undefined) return;
    await revokeToken(server, credentials.accessToken, app, context);
  },
};

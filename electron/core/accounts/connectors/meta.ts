import type { Account } from '../../../../common/domain';
import type { Credentials } from '../../vault';
import { accountError } from '../account-error';
import { codeGrantForm, expiryFrom, type TokenPhase } from '../oauth/flow';
import { oauthErrorOf, requestJson } from '../oauth/http';
import { asRecord, stringField, type AppCredentials, type ConnectorContext, type Refreshed } from './types';

/**
 * What Threads and Instagram share: both are Meta hosts where the code buys a one-hour token,
 * which the app trades (with its secret) for a 60-day one, renewed by presenting the token itself.
 * - https://developers.facebook.com/docs/threads/get-started/long-lived-tokens/
 * - https://developers.facebook.com/documentation/instagram-platform/reference/access_token
 * - https://developers.facebook.com/documentation/instagram-platform/reference/refresh_access_token
 * - https://developers.facebook.com/docs/graph-api/guides/error-handling (the error object, code 190)
 *
 * These endpoints take the token in the query string, as documented. requestJson's errors name the
 * server only, and nothing here puts a URL into a message, so no token reaches a message or a log.
 */
export interface MetaTokenHost {
  /** "Threads", "Instagram": shown in messages. */
  serverName: string;
  /** GET …/access_token?grant_type=<exchangeGrant>&client_secret=…&access_token=… */
  exchangeUrl: string;
  exchangeGrant: 'th_exchange_token' | 'ig_exchange_token';
  /** GET …/refresh_access_token?grant_type=<refreshGrant>&access_token=… */
  refreshUrl: string;
  refreshGrant: 'th_refresh_token' | 'ig_refresh_token';
}

/** A Meta host's token endpoints under its Graph base: `th_*` grants on Threads, `ig_*` on Instagram. */
export function metaTokenHost(serverName: 'Threads' | 'Instagram', graph: string): MetaTokenHost {
  const prefix = serverName === 'Threads' ? 'th' : 'ig';
  return {
    serverName,
    exchangeUrl: `${graph}/access_token`,
    exchangeGrant: `${prefix}_exchange_token`,
    refreshUrl: `${graph}/refresh_access_token`,
    refreshGrant: `${prefix}_refresh_token`,
  };
}

/**
 * The sign-in both Meta hosts share: the browser step, the code for a one-hour token, and that
 * token for a 60-day one. The one-hour answer comes back too, for what it says (Instagram's
 * permissions); its user_id is a JSON number beyond 2^53, so callers take the id from /me instead.
 */
export async function signInLongLived(
  serverName: 'Threads' | 'Instagram',
  endpoints: { authorize: string; token: string; graph: string },
  scopes: readonly string[],
  appOrNull: AppCredentials | null,
  context: ConnectorContext,
): Promise<{ shortLived: MetaToken & { record: Record<string, unknown> }; longLived: MetaToken }> {
  const app = requireMetaApp(appOrNull, serverName);
  const granted = await context.authorize({ networkName: serverName, authorizeUrl: endpoints.authorize, clientId: app.clientId, port: app.redirectPort, scopes, scopeSeparator: ',' });
  context.progress('signing_in');
  const response = await requestJson(context.fetch, endpoints.token, { serverName, signal: context.signal, form: codeGrantForm(granted, app) });
  const shortLived = readMetaToken(response.status, response.body, serverName, 'code');
  const longLived = await exchangeForLongLived(metaTokenHost(serverName, endpoints.graph), shortLived.accessToken, app.clientSecret, context);
  context.progress('reading_profile');
  return { shortLived, longLived };
}

/** Long-lived tokens last 60 days; renew a week ahead, so a few days offline cost nothing. */
export const META_REFRESH_MARGIN_MS = 7 * 24 * 3_600_000;

/** Meta refreshes a long-lived token only once it is at least 24 hours old (both docs above). */
const META_MIN_TOKEN_AGE_MS = 24 * 3_600_000;

export function requireMetaApp(app: AppCredentials | null, networkName: string): AppCredentials & { clientSecret: string } {
  if (app === null || app.clientSecret === undefined) {
    throw accountError(
      'app_not_configured',
      `To connect ${networkName}, first enter your Meta app's ${networkName} app id and app secret in Settings → Network apps (create the app at developers.facebook.com with the ${networkName} use case).`,
    );
  }
  return { clientId: app.clientId, clientSecret: app.clientSecret };
}

export interface MetaError {
  message: string | null;
  code: number | null;
}

/**
 * Meta answers errors in two shapes: the Graph API's `{"error": {"message", "type", "code"}}`, and
 * on api.instagram.com's token endpoint `{"error_type", "code", "error_message"}`.
 */
export function metaErrorOf(body: unknown): MetaError | null {
  const record = asRecord(body);
  const nested = asRecord(record?.['error']);
  const source = nested ?? (record !== null && ('error_message' in record || 'error_type' in record) ? record : null);
  if (source === null) return null;
  const code = Number(source['code']);
  const message = stringField(source, 'message') ?? stringField(source, 'error_message') ?? null;
  // Meta's messages do not quote tokens, but a long token-like run is cut out anyway before it is shown.
  const safe = message?.replace(/[A-Za-z0-9._~+/=-]{32,}/g, '…').slice(0, 200) ?? null;
  return { message: safe, code: Number.isInteger(code) ? code : null };
}

/** Graph codes for "slow down": 4 (app), 17 (user), 32 (page), 613 (custom). */
const RATE_LIMIT_CODES = new Set([4, 17, 32, 613]);

/** A refused Meta token call as an AppError: the same split as `tokenFailure` for RFC 6749 servers. */
export function metaFailure(status: number, body: unknown, serverName: string, phase: TokenPhase): Error {
  const meta = metaErrorOf(body);
  const oauth = meta === null ? oauthErrorOf(body) : null;
  const said = meta?.message ?? (oauth === null ? null : oauth.description ?? oauth.error);
  const code = meta?.code ?? null;
  const detail = `${said ?? `HTTP ${status}`}${code === null ? '' : ` (code ${code})`}`;
  if (status >= 500 || status === 429 || (code !== null && RATE_LIMIT_CODES.has(code))) {
    return accountError('server_unreachable', `${serverName} could not answer right now: ${detail}. Nothing was changed; try again in a few minutes.`);
  }
  // 101: unknown application id; 1 with a secret complaint: the app secret is wrong.
  if (code === 101 || /client[ _]secret|app(lication)? (id|secret)/i.test(said ?? '') || oauth?.error === 'invalid_client') {
    return accountError(
      'app_not_configured',
      `${serverName} did not accept the app Spheres signed in with (${detail}). Check the app id and app secret in Settings → Network apps, and that the app allows the redirect address shown there (Test the app checks the id and secret).`,
    );
  }
  // On refresh, 190 (token invalid, expired or revoked) and any other refusal mean: connect again.
  if (phase === 'refresh') {
    return accountError('reconnect_needed', `${serverName} no longer accepts this account's sign-in (${detail}): it expired or was revoked. Connect the account again.`);
  }
  return accountError('auth_failed', `${serverName} did not complete the sign-in (${detail}). Nothing was connected; try again.`);
}

export interface MetaToken {
  accessToken: string;
  expiresIn: number | undefined;
}

/** A token answer: `{access_token, expires_in}`, or Instagram's code answer wrapped in `data: [ … ]`. */
export function readMetaToken(status: number, body: unknown, serverName: string, phase: TokenPhase): MetaToken & { record: Record<string, unknown> } {
  const outer = asRecord(body);
  const data = outer?.['data'];
  const record = Array.isArray(data) ? asRecord(data[0]) : outer;
  const accessToken = stringField(record, 'access_token');
  if (status >= 200 && status < 300 && record !== null && accessToken !== undefined) {
    const expires = Number(record['expires_in']);
    return { accessToken, expiresIn: Number.isFinite(expires) && expires > 0 ? expires : undefined, record };
  }
  throw metaFailure(status, body, serverName, phase);
}

async function getToken(url: URL, serverName: string, phase: TokenPhase, context: ConnectorContext): Promise<MetaToken> {
  const response = await requestJson(context.fetch, url, { serverName, signal: context.signal });
  const { accessToken, expiresIn } = readMetaToken(response.status, response.body, serverName, phase);
  return { accessToken, expiresIn };
}

/** Trades the one-hour token for a 60-day one; needs the app secret, so only the main process does it. */
export async function exchangeForLongLived(host: MetaTokenHost, shortLived: string, clientSecret: string, context: ConnectorContext): Promise<MetaToken> {
  const url = new URL(host.exchangeUrl);
  url.searchParams.set('grant_type', host.exchangeGrant);
  url.searchParams.set('client_secret', clientSecret);
  url.searchParams.set('access_token', shortLived);
  return getToken(url, host.serverName, 'code', context);
}

/** The vault entry for a long-lived token, with when it was obtained (for the 24-hour rule). */
export function metaCredentials(token: MetaToken, now: Date, scopes: string[]): { credentials: Credentials; tokenExpiresAt: string | null } {
  const tokenExpiresAt = expiryFrom(now, token.expiresIn);
  return {
    tokenExpiresAt,
    credentials: {
      accessToken: token.accessToken,
      ...(tokenExpiresAt === null ? {} : { expiresAt: tokenExpiresAt }),
      scopes,
      extra: { obtainedAt: now.toISOString() },
    },
  };
}

/**
 * Renews a long-lived token. A token younger than 24 hours cannot be renewed yet and has weeks left,
 * so an early ask (a "refresh now" right after connecting) keeps it as it is instead of failing.
 */
export async function refreshLongLived(host: MetaTokenHost, account: Account, credentials: Credentials, context: ConnectorContext): Promise<Refreshed> {
  const accessToken = credentials.accessToken;
  if (accessToken === undefined) {
    throw accountError('reconnect_needed', `The ${host.serverName} sign-in of ${account.handle} is missing from the keychain. Connect the account again.`);
  }
  const now = context.now();
  const obtainedAt = Date.parse(credentials.extra?.['obtainedAt'] ?? account.lastRefreshedAt ?? account.connectedAt);
  if (now.getTime() - obtainedAt < META_MIN_TOKEN_AGE_MS) return { credentials, tokenExpiresAt: account.tokenExpiresAt, renewed: false };
  const url = new URL(host.refreshUrl);
  url.searchParams.set('grant_type', host.refreshGrant);
  url.searchParams.set('access_token', accessToken);
  const token = await getToken(url, host.serverName, 'refresh', context);
  const next = metaCredentials(token, now, credentials.scopes ?? account.scopes);
  return { tokenExpiresAt: next.tokenExpiresAt, credentials: { ...credentials, ...next.credentials, extra: { ...credentials.extra, ...next.credentials.extra } } };
}

/** A Graph read with the token in the query (as documented); a refusal says which permission to check. */
export async function readGraph(url: URL, accessToken: string, serverName: string, permission: string, context: ConnectorContext): Promise<Record<string, unknown>> {
  url.searchParams.set('access_token', accessToken);
  const response = await requestJson(context.fetch, url, { serverName, signal: context.signal });
  const record = asRecord(response.body);
  if (response.status === 200 && record !== null && metaErrorOf(record) === null) return record;
  const meta = metaErrorOf(response.body);
  if (response.status >= 500 || response.status === 429) throw metaFailure(response.status, response.body, serverName, 'code');
  throw accountError(
    'auth_failed',
    `${serverName} signed you in but would not show the profile (${meta?.message ?? `HTTP ${response.status}`}). Nothing was connected; check that your Meta app has the "${permission}" permission and try again.`,
  );
}

export function profileIncomplete(serverName: string): Error {
  return accountError('auth_failed', `${serverName} signed you in but its profile answer had no account id or username. Nothing was connected; try again later.`);
}

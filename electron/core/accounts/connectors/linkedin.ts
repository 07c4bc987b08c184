import { LINKEDIN_SCOPES } from '../../../../common/accounts';
import type { Account } from '../../../../common/domain';
import type { Credentials } from '../../vault';
import { accountError } from '../account-error';
import { codeGrantForm, expiryFrom, requestToken, type TokenSet } from '../oauth/flow';
import { requestJson } from '../oauth/http';
import { accountIdFor, asRecord, mergeEndpoints, safeUrl, stringField, type AppCredentials, type Connector, type ConnectorContext } from './types';

/**
 * LinkedIn: "Sign In with LinkedIn using OpenID Connect" for who the member is, and "Share on
 * LinkedIn" (`w_member_social`) to post as them.
 * - https://learn.microsoft.com/en-us/linkedin/shared/authentication/authorization-code-flow
 *   (GET /oauth/v2/authorization, POST /oauth/v2/accessToken with client_id and client_secret in the form)
 * - https://learn.microsoft.com/en-us/linkedin/shared/authentication/authorization-code-flow-native
 *   (PKCE on a 127.0.0.1 loopback redirect with any port: LinkedIn enables it per app on request)
 * - https://learn.microsoft.com/en-us/linkedin/consumer/integrations/self-serve/sign-in-with-linkedin-v2
 *   (scopes openid, profile, email; GET /v2/userinfo answers sub, name, given_name, family_name, picture, email, locale)
 * - https://learn.microsoft.com/en-us/linkedin/shared/authentication/programmatic-refresh-tokens
 *   (access tokens last 60 days; only approved partners get refresh tokens, valid 365 days from the first sign-in)
 */
export const LINKEDIN_ENDPOINTS = {
  authorize: 'https://www.linkedin.com/oauth/v2/authorization',
  token: 'https://www.linkedin.com/oauth/v2/accessToken',
  revoke: 'https://www.linkedin.com/oauth/v2/revoke',
  api: 'https://api.linkedin.com',
};

/** Who the member is (OpenID Connect) and permission to post as them (the guide shows the same list). */
export { LINKEDIN_SCOPES };

/** Tokens last 60 days; a week's margin leaves time to reconnect when renewal is not possible. */
const LINKEDIN_REFRESH_MARGIN_MS = 7 * 24 * 3_600_000;

function requireApp(app: AppCredentials | null): AppCredentials & { clientSecret: string } {
  if (app === null || app.clientSecret === undefined) {
    throw accountError(
      'app_not_configured',
      'To connect LinkedIn, first enter your LinkedIn app\'s client id and client secret in Settings → Network apps (create the app at linkedin.com/developers with the products "Sign In with LinkedIn using OpenID Connect" and "Share on LinkedIn").',
    );
  }
  return { clientId: app.clientId, clientSecret: app.clientSecret };
}

async function readProfile(accessToken: string, context: ConnectorContext, api: string) {
  const response = await requestJson(context.fetch, `${api}/v2/userinfo`, {
    headers: { authorization: `Bearer ${accessToken}` },
    serverName: 'LinkedIn',
    signal: context.signal,
  });
  const body = asRecord(response.body);
  const sub = stringField(body, 'sub');
  if (response.status !== 200 || sub === undefined) {
    throw accountError(
      'auth_failed',
      `LinkedIn signed you in but would not show the profile (HTTP ${response.status}). Nothing was connected; check that your LinkedIn app has the product "Sign In with LinkedIn using OpenID Connect" and try again.`,
    );
  }
  const joined = [stringField(body, 'given_name'), stringField(body, 'family_name')].filter(Boolean).join(' ');
  const name = stringField(body, 'name') ?? (joined === '' ? undefined : joined);
  return { sub, name, email: stringField(body, 'email'), picture: stringField(body, 'picture') };
}

/** LinkedIn's extra answer field: how long the refresh token lives, in seconds (fixed at the first sign-in). */
function refreshTokenExpiry(now: Date, tokens: TokenSet): string | undefined {
  const seconds = Number(tokens.raw['refresh_token_expires_in']);
  return Number.isFinite(seconds) && seconds > 0 ? new Date(now.getTime() + seconds * 1000).toISOString() : undefined;
}

function credentialsFrom(tokens: TokenSet, now: Date, scopes: string[], previous?: Credentials): { credentials: Credentials; tokenExpiresAt: string | null } {
  const tokenExpiresAt = expiryFrom(now, tokens.expiresIn);
  const refreshToken = tokens.refreshToken ?? previous?.refreshToken;
  const refreshExpiresAt = tokens.refreshToken === undefined ? previous?.extra?.['refreshTokenExpiresAt'] : refreshTokenExpiry(now, tokens);
  return {
    tokenExpiresAt,
    credentials: {
      accessToken: tokens.accessToken,
      ...(refreshToken === undefined ? {} : { refreshToken }),
      ...(tokenExpiresAt === null ? {} : { expiresAt: tokenExpiresAt }),
      scopes,
      ...(refreshExpiresAt === undefined ? {} : { extra: { refreshTokenExpiresAt: refreshExpiresAt } }),
    },
  };
}

function dateInWords(iso: string): string {
  return new Date(iso).toLocaleDateString('en-US', { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' });
}

function cannotRenew(account: Account, now: Date): Error {
  const expires = account.tokenExpiresAt;
  const when =
    expires === null
      ? 'connect it again when it stops working'
      : Date.parse(expires) <= now.getTime()
        ? `its sign-in ended on ${dateInWords(expires)}, so connect it again`
        : `connect again before ${dateInWords(expires)}`;
  return accountError('reconnect_needed', `LinkedIn only lets approved partners renew sign-ins; ${when}.`);
}

export const linkedinConnector: Connector<Record<string, never>> = {
  network: 'linkedin',
  app: 'linkedin',
  refreshMarginMs: LINKEDIN_REFRESH_MARGIN_MS,
  async connect(_input, appOrNull, context) {
    const app = requireApp(appOrNull);
    const endpoints = mergeEndpoints(LINKEDIN_ENDPOINTS, context.endpoints);
    const granted = await context.authorize({ networkName: 'LinkedIn', authorizeUrl: endpoints.authorize, clientId: app.clientId, port: app.redirectPort, scopes: LINKEDIN_SCOPES });
    context.progress('signing_in');
    const tokens = await requestToken(context.fetch, endpoints.token, {
      phase: 'code',
      serverName: 'LinkedIn',
      signal: context.signal,
      form: codeGrantForm(granted, app),
    });
    context.progress('reading_profile');
    const profile = await readProfile(tokens.accessToken, context, endpoints.api);
    const scopes = tokens.scopes ?? [...LINKEDIN_SCOPES];
    const { credentials, tokenExpiresAt } = credentialsFrom(tokens, context.now(), scopes);
    const displayName = profile.name ?? profile.email ?? 'LinkedIn member';
    return {
      profile: {
        id: accountIdFor('linkedin', profile.sub),
        network: 'linkedin',
        // OpenID Connect gives no public handle; the email tells two accounts of one person apart.
        handle: profile.email ?? displayName,
        displayName,
        avatarUrl: safeUrl(profile.picture, context.allowInsecureServers),
        serverUrl: null,
        tokenExpiresAt,
        refreshable: credentials.refreshToken !== undefined,
        scopes,
        limits: null,
        // Posts are authored as this URN (Share on LinkedIn: `author` of a ugcPost / post).
        facts: { memberUrn: `urn:li:person:${profile.sub}` },
      },
      credentials,
    };
  },
  async refresh(account, credentials, appOrNull, context) {
    if (credentials.refreshToken === undefined) throw cannotRenew(account, context.now());
    const app = requireApp(appOrNull);
    const endpoints = mergeEndpoints(LINKEDIN_ENDPOINTS, context.endpoints);
    const tokens = await requestToken(context.fetch, endpoints.token, {
      phase: 'refresh',
      serverName: 'LinkedIn',
      signal: context.signal,
      form: { grant_type: 'refresh_token', refresh_token: credentials.refreshToken, client_id: app.clientId, client_secret: app.clientSecret },
    });
    return credentialsFrom(tokens, context.now(), tokens.scopes ?? credentials.scopes ?? [...LINKEDIN_SCOPES], credentials);
  },
  async revoke(_account, credentials, appOrNull, context) {
    if (appOrNull?.clientSecret === undefined || credentials.accessToken === undefined) return;
    const endpoints = mergeEndpoints(LINKEDIN_ENDPOINTS, context.endpoints);
    await requestJson(context.fetch, endpoints.revoke, {
      serverName: 'LinkedIn',
      form: { client_id: appOrNull.clientId, client_secret: appOrNull.clientSecret, token: credentials.accessToken },
      timeoutMs: 5_000,
    });
  },
};

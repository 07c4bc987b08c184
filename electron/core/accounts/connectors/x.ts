import { X_SCOPES } from '../../../../common/accounts';
import { accountError } from '../account-error';
import { requestJson } from '../oauth/http';
import { codeGrantForm, expiryFrom, requestToken } from '../oauth/flow';
import { accountIdFor, asRecord, mergeEndpoints, safeUrl, stringField, type AppCredentials, type Connector, type ConnectorContext } from './types';

/**
 * X API v2, OAuth 2.0 Authorization Code with PKCE.
 * https://docs.x.com/resources/fundamentals/authentication/oauth-2-0/authorization-code
 * https://docs.x.com/resources/fundamentals/authentication/oauth-2-0/user-access-token
 */
export const X_ENDPOINTS = {
  authorize: 'https://x.com/i/oauth2/authorize',
  api: 'https://api.x.com',
};

/** Post, read the profile, upload media, and `offline.access` for a refresh token (the guide shows the same list). */
export { X_SCOPES };

/** X access tokens last two hours; refresh ten minutes before. */
const X_REFRESH_MARGIN_MS = 10 * 60_000;

function clientAuth(app: AppCredentials): { headers: Record<string, string>; form: Record<string, string> } {
  // A confidential X app authenticates with Basic auth; a public (native) app sends its client_id.
  return app.clientSecret === undefined
    ? { headers: {}, form: { client_id: app.clientId } }
    : { headers: { authorization: `Basic ${Buffer.from(`${encodeURIComponent(app.clientId)}:${encodeURIComponent(app.clientSecret)}`).toString('base64')}` }, form: {} };
}

function requireApp(app: AppCredentials | null): AppCredentials {
  if (app === null) {
    throw accountError('app_not_configured', 'To connect X, first enter your X app\'s client id in Settings → Network apps: its guide there takes you through creating one at console.x.com.');
  }
  return app;
}

async function readProfile(accessToken: string, context: ConnectorContext, api: string) {
  const response = await requestJson(context.fetch, `${api}/2/users/me?user.fields=profile_image_url`, {
    headers: { authorization: `Bearer ${accessToken}` },
    serverName: 'X',
    signal: context.signal,
  });
  const data = asRecord(asRecord(response.body)?.['data']);
  const id = stringField(data, 'id');
  const username = stringField(data, 'username');
  if (response.status !== 200 || id === undefined || username === undefined) {
    throw accountError('auth_failed', `X signed you in but would not show the profile (HTTP ${response.status}). Nothing was connected; check that your X app has the "users.read" permission and try again.`);
  }
  return { id, username, name: stringField(data, 'name') ?? username, avatar: stringField(data, 'profile_image_url') };
}

export const xConnector: Connector<Record<string, never>> = {
  network: 'x',
  app: 'x',
  refreshMarginMs: X_REFRESH_MARGIN_MS,
  async connect(_input, appOrNull, context) {
    const app = requireApp(appOrNull);
    const endpoints = mergeEndpoints(X_ENDPOINTS, context.endpoints);
    const granted = await context.authorize({ networkName: 'X', authorizeUrl: endpoints.authorize, clientId: app.clientId, port: app.redirectPort, scopes: X_SCOPES });
    context.progress('signing_in');
    const auth = clientAuth(app);
    const tokens = await requestToken(context.fetch, `${endpoints.api}/2/oauth2/token`, {
      phase: 'code',
      serverName: 'X',
      signal: context.signal,
      headers: auth.headers,
      // A public app names itself in the body; Basic auth carries a confidential app's id and secret.
      form: { ...codeGrantForm(granted, { clientId: app.clientId }), client_id: auth.form['client_id'] },
    });
    context.progress('reading_profile');
    const profile = await readProfile(tokens.accessToken, context, endpoints.api);
    const tokenExpiresAt = expiryFrom(context.now(), tokens.expiresIn);
    const scopes = tokens.scopes ?? [...X_SCOPES];
    return {
      profile: {
        id: accountIdFor('x', profile.id),
        network: 'x',
        handle: `@${profile.username}`,
        displayName: profile.name,
        avatarUrl: safeUrl(profile.avatar, context.allowInsecureServers),
        serverUrl: null,
        tokenExpiresAt,
        refreshable: tokens.refreshToken !== undefined,
        scopes,
        limits: null,
        facts: { userId: profile.id },
      },
      credentials: {
        accessToken: tokens.accessToken,
        ...(tokens.refreshToken === undefined ? {} : { refreshToken: tokens.refreshToken }),
        ...(tokenExpiresAt === null ? {} : { expiresAt: tokenExpiresAt }),
        scopes,
      },
    };
  },
  async refresh(_account, credentials, appOrNull, context) {
    const app = requireApp(appOrNull);
    if (credentials.refreshToken === undefined) {
      throw accountError('reconnect_needed', 'X gave Spheres no refresh token for this account, so its sign-in cannot be renewed. Connect the account again.');
    }
    const endpoints = mergeEndpoints(X_ENDPOINTS, context.endpoints);
    const auth = clientAuth(app);
    const tokens = await requestToken(context.fetch, `${endpoints.api}/2/oauth2/token`, {
      phase: 'refresh',
      serverName: 'X',
      signal: context.signal,
      headers: auth.headers,
      form: { ...auth.form, grant_type: 'refresh_token', refresh_token: credentials.refreshToken },
    });
    const tokenExpiresAt = expiryFrom(context.now(), tokens.expiresIn);
    return {
      tokenExpiresAt,
      credentials: {
        ...credentials,
        accessToken: tokens.accessToken,
        // X rotates refresh tokens: the old one stops working once used.
        refreshToken: tokens.refreshToken ?? credentials.refreshToken,
        ...(tokenExpiresAt === null ? {} : { expiresAt: tokenExpiresAt }),
      },
    };
  },
  async revoke(_account, credentials, appOrNull, context) {
    if (appOrNull === null) return;
    const endpoints = mergeEndpoints(X_ENDPOINTS, context.endpoints);
    const auth = clientAuth(appOrNull);
    for (const [token, hint] of [[credentials.refreshToken, 'refresh_token'], [credentials.accessToken, 'access_token']] as const) {
      if (token === undefined) continue;
      await requestJson(context.fetch, `${endpoints.api}/2/oauth2/revoke`, {
        serverName: 'X',
        headers: auth.headers,
        form: { ...auth.form, token, token_type_hint: hint },
        timeoutMs: 5_000,
      });
    }
  },
};

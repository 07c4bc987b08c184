import { accountError } from '../account-error';
import { oauthErrorOf, requestJson, type FetchLike, type HttpRequest } from './http';
import { startLoopback } from './loopback';
import { createPkce, createState } from './pkce';

export interface AuthorizeRequest {
  /** Shown in messages: "X", "Mastodon (mastodon.social)". */
  networkName: string;
  /** The authorization endpoint, without query. */
  authorizeUrl: string;
  clientId: string;
  scopes: readonly string[];
  /** RFC 6749 separates scopes by spaces; Meta's dialogs take commas. */
  scopeSeparator?: ' ' | ',';
  extraParams?: Readonly<Record<string, string>>;
  /** A fixed port registered with the network; an OS-chosen one (RFC 8252 §7.3) otherwise. */
  port?: number | undefined;
}

export interface AuthorizationResult {
  code: string;
  /** The exact redirect_uri sent; the token request must repeat it (RFC 6749 §4.1.3). */
  redirectUri: string;
  /** The PKCE code_verifier for the token request (RFC 7636 §4.5). */
  codeVerifier: string;
}

/** Runs the browser step of an authorization-code flow and returns the code. */
export type Authorize = (request: AuthorizeRequest) => Promise<AuthorizationResult>;

export interface AuthorizeDeps {
  /** Opens the URL in the user's system browser (RFC 8252 §8.12: never an embedded web view). */
  openBrowser(url: string): Promise<void>;
  timeoutMs: number;
  signal: AbortSignal;
  /** Told the URL once the browser is open, so the UI can offer "open again" or "copy link". */
  onWaiting?(authorizeUrl: string): void;
}

/**
 * RFC 8252 for a desktop app: authorization code with PKCE S256, a fresh `state`, and a one-shot
 * loopback listener on 127.0.0.1 and an ephemeral port that closes after the callback or timeout.
 */
export function createAuthorize(deps: AuthorizeDeps): Authorize {
  return async (request) => {
    const pkce = createPkce();
    const state = createState();
    const listener = await startLoopback({
      expectedState: state,
      timeoutMs: deps.timeoutMs,
      signal: deps.signal,
      networkName: request.networkName,
      ...(request.port === undefined ? {} : { port: request.port }),
    });
    try {
      const url = new URL(request.authorizeUrl);
      url.searchParams.set('response_type', 'code');
      url.searchParams.set('client_id', request.clientId);
      url.searchParams.set('redirect_uri', listener.redirectUri);
      url.searchParams.set('scope', request.scopes.join(request.scopeSeparator ?? ' '));
      url.searchParams.set('state', state);
      url.searchParams.set('code_challenge', pkce.challenge);
      url.searchParams.set('code_challenge_method', pkce.method);
      for (const [key, value] of Object.entries(request.extraParams ?? {})) url.searchParams.set(key, value);
      try {
        await deps.openBrowser(url.toString());
      } catch (error) {
        throw accountError(
          'auth_failed',
          `Spheres could not open your web browser to sign in to ${request.networkName} (${error instanceof Error ? error.message : String(error)}). Check that a default browser is set, then try again.`,
        );
      }
      deps.onWaiting?.(url.toString());
      const code = await listener.code;
      return { code, redirectUri: listener.redirectUri, codeVerifier: pkce.verifier };
    } finally {
      listener.close();
    }
  };
}

/**
 * The form that redeems an authorization code (RFC 6749 §4.1.3 with RFC 7636 §4.5), with the app's
 * credentials in the body (client_secret_post); X's confidential apps use Basic auth instead.
 */
export function codeGrantForm(granted: AuthorizationResult, app: { clientId: string; clientSecret?: string | undefined }): Record<string, string | undefined> {
  return {
    grant_type: 'authorization_code',
    code: granted.code,
    redirect_uri: granted.redirectUri,
    code_verifier: granted.codeVerifier,
    client_id: app.clientId,
    client_secret: app.clientSecret,
  };
}

export interface TokenSet {
  accessToken: string;
  refreshToken: string | undefined;
  /** Seconds, as the token endpoint said; undefined when it did not say. */
  expiresIn: number | undefined;
  scopes: string[] | undefined;
  /** The whole JSON answer, for network-specific fields (Meta's user_id, LinkedIn's id_token). */
  raw: Record<string, unknown>;
}

export type TokenPhase = 'code' | 'refresh';

/**
 * Posts to a token endpoint (RFC 6749 §4.1.3 / §6) and reads the answer. A refused refresh
 * (`invalid_grant`: expired or revoked) becomes `reconnect_needed`; a refused code `auth_failed`.
 */
export async function requestToken(
  fetchImpl: FetchLike,
  tokenUrl: string,
  request: HttpRequest & { phase: TokenPhase },
): Promise<TokenSet> {
  const response = await requestJson(fetchImpl, tokenUrl, request);
  return readTokenResponse(response.status, response.body, request.serverName, request.phase);
}

export function readTokenResponse(status: number, body: unknown, serverName: string, phase: TokenPhase): TokenSet {
  const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : null;
  if (status >= 200 && status < 300 && record !== null && typeof record['access_token'] === 'string' && record['access_token'] !== '') {
    const expires = Number(record['expires_in']);
    const scope = record['scope'];
    return {
      accessToken: record['access_token'],
      refreshToken: typeof record['refresh_token'] === 'string' && record['refresh_token'] !== '' ? record['refresh_token'] : undefined,
      expiresIn: Number.isFinite(expires) && expires > 0 ? expires : undefined,
      scopes: typeof scope === 'string' ? scope.split(/[\s,]+/).filter(Boolean) : undefined,
      raw: record,
    };
  }
  throw tokenFailure(status, body, serverName, phase);
}

export function tokenFailure(status: number, body: unknown, serverName: string, phase: TokenPhase): Error {
  const oauth = oauthErrorOf(body);
  const detail = oauth === null ? `HTTP ${status}` : `${oauth.error}${oauth.description === null ? '' : `: ${oauth.description}`}`;
  if (status >= 500 || status === 429) {
    return accountError('server_unreachable', `${serverName} could not answer right now (${detail}). Nothing was changed; try again in a few minutes.`);
  }
  if (oauth?.error === 'invalid_client' || oauth?.error === 'unauthorized_client') {
    return accountError(
      'app_not_configured',
      `${serverName} did not accept the app Spheres signed in with (${detail}). Check the client id and secret in Settings → Network apps, and that the app allows the redirect address shown there (Test the app checks the id and secret).`,
    );
  }
  if (phase === 'refresh') {
    return accountError('reconnect_needed', `${serverName} no longer accepts this account's sign-in (${detail}): it expired or was revoked. Connect the account again.`);
  }
  return accountError('auth_failed', `${serverName} did not complete the sign-in (${detail}). Nothing was connected; try again.`);
}

/** An access token's expiry as an ISO time, from `expires_in` seconds. */
export function expiryFrom(now: Date, expiresIn: number | undefined): string | null {
  return expiresIn === undefined ? null : new Date(now.getTime() + expiresIn * 1000).toISOString();
}

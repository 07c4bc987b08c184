import { FakeAuthority, type AuthorityOptions, type IssuedToken } from './oauth-authority';
import { startHttpFake, type FakeReply, type RunningFake, type SeenRequest } from './http-fake';
import { DEFAULT_DUPLICATE_WINDOW_MS, LinkedInPostsFake } from './linkedin-posts';

/**
 * A loopback fake of LinkedIn's OAuth 2.0 and the OpenID Connect userinfo endpoint, written from
 * LinkedIn's documentation:
 * - https://learn.microsoft.com/en-us/linkedin/shared/authentication/authorization-code-flow
 *   (GET /oauth/v2/authorization; POST /oauth/v2/accessToken, form with client_id and client_secret;
 *   answer access_token, expires_in 5184000 (60 days), scope as a comma-separated list; RFC 6749 errors)
 * - https://learn.microsoft.com/en-us/linkedin/shared/authentication/authorization-code-flow-native
 *   (PKCE S256 with a 127.0.0.1 loopback redirect on any port)
 * - https://learn.microsoft.com/en-us/linkedin/consumer/integrations/self-serve/sign-in-with-linkedin-v2
 *   (scopes openid profile email; the answer adds id_token; GET /v2/userinfo)
 * - https://learn.microsoft.com/en-us/linkedin/shared/authentication/programmatic-refresh-tokens
 *   (only approved partners get refresh_token and refresh_token_expires_in; a refresh keeps the same
 *   refresh token, whose 365-day life counts from the first sign-in; a new access token lasts 60 days)
 * - The revoke endpoint (POST /oauth/v2/revoke with client_id, client_secret, token) is not on those
 *   pages; the fake answers it like RFC 7009.
 * - Posting (POST /rest/posts, the Images API, little text, DUPLICATE_POST): see linkedin-posts.ts.
 */
export interface LinkedInFake extends RunningFake {
  authority: FakeAuthority;
  endpoints: { authorize: string; token: string; revoke: string; api: string };
  member: { sub: string; name: string; given_name: string; family_name: string; email: string; picture: string };
  /** Every member's posts and images (what the soak counts). */
  posting: LinkedInPostsFake;
  /** A live token of a member (the fake's own member by default), as if they had connected the account. */
  issueToken(scopes?: readonly string[], sub?: string): string;
}

export interface LinkedInFakeOptions extends Partial<AuthorityOptions> {
  /** The fake's clock (ms since the epoch); Date.now by default. The duplicate window follows it. */
  now?: () => number;
  /** How long an identical post by the same member is refused as DUPLICATE_POST; a day by default. */
  duplicateWindowMs?: number;
}

const ACCESS_TTL_S = 5_184_000;
const REFRESH_TTL_S = 31_536_000;

export async function startLinkedInFake(fakeOptions: LinkedInFakeOptions = {}): Promise<LinkedInFake> {
  const { now, duplicateWindowMs, ...options } = fakeOptions;
  const authority = new FakeAuthority({
    clientId: 'linkedin-client-id',
    clientSecret: 'linkedin-client-secret',
    requirePkce: true,
    accessTokenTtl: ACCESS_TTL_S,
    // Refresh tokens are for approved partners only: off unless a test plays one.
    issueRefreshTokens: false,
    ...options,
  });
  const member = {
    // A real `sub` is mixed case, which the app must hash into a keychain-safe id.
    sub: 'Xy3_aBcD9e',
    name: 'Alice Example',
    given_name: 'Alice',
    family_name: 'Example',
    email: 'alice@example.com',
    picture: 'https://media.licdn.com/dms/image/alice/profile-displayphoto-shrink_100_100/0/1',
  };
  /** When each refresh token stops working: fixed at the first sign-in. */
  const refreshExpiry = new Map<string, number>();

  const tokenAnswer = (token: IssuedToken): FakeReply => {
    const refreshExpiresAt = token.refresh === null ? undefined : refreshExpiry.get(token.refresh);
    return {
      json: {
        access_token: token.access,
        expires_in: ACCESS_TTL_S,
        scope: token.scope.split(' ').join(','),
        token_type: 'Bearer',
        id_token: idToken(member.sub, authority.options.clientId),
        ...(token.refresh === null || refreshExpiresAt === undefined
          ? {}
          : { refresh_token: token.refresh, refresh_token_expires_in: Math.max(0, Math.round((refreshExpiresAt - authority.now()) / 1000)) }),
      },
    };
  };
  const oauthError = (status: number, error: string, description: string): FakeReply => ({ status, json: { error, error_description: description } });

  /** Tokens issued for a member other than the fake's own (by issueToken). */
  const memberOfToken = new Map<string, string>();
  const holder: { posting?: LinkedInPostsFake } = {};

  const fake = await startHttpFake((request: SeenRequest) => {
    const posted = holder.posting?.route(request);
    if (posted !== undefined && posted !== null) return posted;
    if (request.method === 'GET' && request.path === '/oauth/v2/authorization') return authority.authorize(request);
    if (request.method === 'POST' && request.path === '/oauth/v2/accessToken') {
      if (!authority.clientAuthenticated(request)) return oauthError(401, 'invalid_client', 'Client authentication failed');
      const grantType = request.body['grant_type'];
      if (grantType === 'authorization_code') {
        const result = authority.redeemCode(request.body);
        if (!result.ok) return oauthError(400, result.error, result.description);
        if (result.token.refresh !== null) refreshExpiry.set(result.token.refresh, authority.now() + REFRESH_TTL_S * 1000);
        return tokenAnswer(result.token);
      }
      if (grantType === 'refresh_token') {
        const value = request.body['refresh_token'];
        const old = authority.tokens.find((token) => token.refresh !== null && token.refresh === value && !token.revoked);
        const expiresAt = typeof value === 'string' ? refreshExpiry.get(value) : undefined;
        if (old === undefined || expiresAt === undefined || expiresAt <= authority.now()) return oauthError(400, 'invalid_grant', 'The provided authorization grant or refresh token is invalid, expired or revoked');
        // Same refresh token, new access token: move the refresh token onto the new record.
        const next = authority.issue(old.scope);
        next.refresh = old.refresh;
        old.refresh = null;
        old.revoked = true;
        return tokenAnswer(next);
      }
      return oauthError(400, 'unsupported_grant_type', 'grant_type');
    }
    if (request.method === 'POST' && request.path === '/oauth/v2/revoke') {
      if (!authority.clientAuthenticated(request)) return oauthError(401, 'invalid_client', 'Client authentication failed');
      authority.revoke(request.body['token']);
      return { status: 200, text: '' };
    }
    if (request.method === 'GET' && request.path === '/v2/userinfo') {
      if (authority.bearer(request) === null) return { status: 401, json: { serviceErrorCode: 65600, message: 'Invalid access token', status: 401 } };
      return { json: { sub: member.sub, email_verified: true, name: member.name, locale: { country: 'US', language: 'en' }, given_name: member.given_name, family_name: member.family_name, email: member.email, picture: member.picture } };
    }
    return { status: 404, json: { serviceErrorCode: 0, message: 'Resource not found', status: 404 } };
  });
  const posting = new LinkedInPostsFake(fake.origin, {
    now: now ?? Date.now,
    duplicateWindowMs: duplicateWindowMs ?? DEFAULT_DUPLICATE_WINDOW_MS,
    memberOf: (request) => {
      const token = authority.bearer(request);
      return token === null ? null : (memberOfToken.get(token.access) ?? member.sub);
    },
    canPost: (request) => authority.bearer(request)?.scope.split(' ').includes('w_member_social') === true,
  });
  holder.posting = posting;
  return Object.assign(fake, {
    authority,
    member,
    posting,
    issueToken: (scopes: readonly string[] = ['openid', 'profile', 'email', 'w_member_social'], sub = member.sub) => {
      const token = authority.issue(scopes.join(' '));
      if (sub !== member.sub) memberOfToken.set(token.access, sub);
      return token.access;
    },
    endpoints: {
      authorize: `${fake.origin}/oauth/v2/authorization`,
      token: `${fake.origin}/oauth/v2/accessToken`,
      revoke: `${fake.origin}/oauth/v2/revoke`,
      api: fake.origin,
    },
  });
}

/** An unsigned stand-in for the OpenID Connect id_token: the app does not rely on it. */
function idToken(sub: string, audience: string): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part({ iss: 'https://www.linkedin.com/oauth', aud: audience, sub })}.`;
}

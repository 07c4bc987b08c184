import { randomBytes } from 'node:crypto';
import { FakeAuthority, type AuthorityOptions, type IssuedToken } from './oauth-authority';
import { startHttpFake, type FakeReply, type RunningFake, type SeenRequest } from './http-fake';
import { MetaPosting } from './meta-posting';

/**
 * Loopback fakes of Meta's Threads API and Instagram API with Instagram Login: each plays the
 * authorization window, the token endpoint and the graph host on one server, written from Meta's
 * documentation:
 * - https://developers.facebook.com/documentation/threads/get-started/get-access-tokens-and-permissions
 *   (threads.com/oauth/authorize, comma-separated scope; POST graph.threads.net/oauth/access_token with
 *   client_id, client_secret, grant_type, redirect_uri, code: `{access_token, user_id}`, one hour)
 * - https://developers.facebook.com/docs/threads/get-started/long-lived-tokens/
 *   (GET /access_token?grant_type=th_exchange_token&client_secret&access_token: `{access_token,
 *   token_type, expires_in}`, 60 days; GET /refresh_access_token?grant_type=th_refresh_token: only
 *   for an unexpired long-lived token at least 24 hours old; 60 days from the refresh)
 * - https://developers.facebook.com/docs/threads/threads-profiles (GET /v1.0/me?fields=id,username,…)
 * - https://developers.facebook.com/documentation/instagram-platform/instagram-api-with-instagram-login/business-login
 *   (www.instagram.com/oauth/authorize; POST api.instagram.com/oauth/access_token:
 *   `{data: [{access_token, user_id, permissions}]}`)
 * - https://developers.facebook.com/docs/instagram-platform/reference/oauth-access-token (errors as
 *   `{error_type, code, error_message}`; the flat `{access_token, user_id}` answer)
 * - https://developers.facebook.com/documentation/instagram-platform/reference/access_token and
 *   …/reference/refresh_access_token (ig_exchange_token, ig_refresh_token on graph.instagram.com)
 * - https://developers.facebook.com/documentation/instagram-platform/reference/me and the Instagram
 *   User reference (account_type BUSINESS, MEDIA_CREATOR or PERSONAL)
 * - https://developers.facebook.com/docs/graph-api/guides/error-handling
 *   (`{"error": {"message", "type": "OAuthException", "code": 190}}` for a bad token)
 * Meta's pages do not mention PKCE; Spheres always sends it, so the fakes hold it to RFC 7636.
 */
export type MetaNetwork = 'threads' | 'instagram';
export type InstagramAccountType = 'BUSINESS' | 'MEDIA_CREATOR' | 'PERSONAL';

export interface MetaFake extends RunningFake {
  network: MetaNetwork;
  authority: FakeAuthority;
  endpoints: { authorize: string; token: string; graph: string };
  user: { id: string; username: string; name: string; picture: string };
  /** The long-lived tokens handed out, oldest first. */
  longLived(): IssuedToken[];
  /** Instagram only, settable: what /me says the account is, and the shape of the code answer. */
  instagram: InstagramSettings;
  /** The publishing API (meta-posting.ts): containers, the posts made, the daily cap. */
  posting: MetaPosting;
  /** A live long-lived token with the publishing scopes (and any `extraScopes`), as a connected account holds; it never expires in the fake. */
  issuePostingToken(extraScopes?: readonly string[]): string;
}

export interface InstagramSettings {
  accountType: InstagramAccountType;
  /** The documented `data: [ … ]` answer, or the older flat one. */
  codeAnswer: 'data' | 'flat';
}

const SHORT_TTL_S = 3_600;
/** As in the docs' example: a little under 60 days. */
const LONG_TTL_S = 5_183_944;
const MIN_REFRESH_AGE_MS = 24 * 3_600_000;

export interface MetaFakeOptions extends Partial<AuthorityOptions> {
  accountType?: InstagramAccountType;
  /** The fake's clock (ms since the epoch) for tokens and containers; the real clock by default. */
  now?: () => number;
}

export async function startThreadsFake(options: MetaFakeOptions = {}): Promise<MetaFake> {
  return startMetaFake('threads', options);
}

export async function startInstagramFake(options: MetaFakeOptions = {}): Promise<MetaFake> {
  return startMetaFake('instagram', options);
}

interface LongLived {
  token: IssuedToken;
  obtainedAt: number;
}

async function startMetaFake(network: MetaNetwork, options: MetaFakeOptions): Promise<MetaFake> {
  const { accountType, now, ...authorityOptions } = options;
  const authority = new FakeAuthority({
    clientId: network === 'threads' ? '990602627938098' : '97563852873',
    clientSecret: `${network}-app-secret`,
    requirePkce: true,
    accessTokenTtl: SHORT_TTL_S,
    issueRefreshTokens: false,
    ...authorityOptions,
  });
  const user =
    network === 'threads'
      ? { id: '17841400000000001', username: 'alice.threads', name: 'Alice Example', picture: 'https://scontent.cdninstagram.com/v/t51/alice_threads.jpg' }
      : { id: '17841405793187218', username: 'alice.studio', name: 'Alice Studio', picture: 'https://scontent.cdninstagram.com/v/t51/alice_ig.jpg' };
  if (now !== undefined) authority.now = now;
  const posting = new MetaPosting(network, user, () => authority.now());
  const long: LongLived[] = [];
  const state: InstagramSettings = { accountType: accountType ?? 'BUSINESS', codeAnswer: 'data' };
  const prefix = network === 'threads' ? 'th' : 'ig';

  const graphError = (message: string, code: number, subcode?: number): FakeReply => ({
    status: 400,
    json: { error: { message, type: 'OAuthException', code, ...(subcode === undefined ? {} : { error_subcode: subcode }), fbtrace_id: 'AbCdEf123' } },
  });
  const badToken = (): FakeReply => graphError('Error validating access token: Session has expired or the token is invalid.', 190, 463);
  // api.instagram.com answers the code exchange in its own error shape; graph.threads.net in the Graph one.
  const codeError = (message: string, code: number): FakeReply =>
    network === 'instagram' ? { status: 400, json: { error_type: 'OAuthException', code: 400, error_message: message } } : graphError(message, code);

  const issueLong = (scope: string): IssuedToken => {
    const token: IssuedToken = { access: `${prefix}-long-${randomBytes(12).toString('hex')}`, refresh: null, expiresAt: authority.now() + LONG_TTL_S * 1000, scope, revoked: false };
    authority.tokens.push(token);
    long.push({ token, obtainedAt: authority.now() });
    return token;
  };
  const liveLong = (value: string | null): LongLived | undefined => {
    const entry = long.find((candidate) => candidate.token.access === value);
    return entry !== undefined && authority.byAccess(value) !== null ? entry : undefined;
  };

  const fake = await startHttpFake(async (request: SeenRequest) => {
    const q = request.query;
    if (request.method === 'GET' && request.path === '/oauth/authorize') return authority.authorize(request, { scopeSeparator: ',' });
    if (request.method === 'POST' && request.path === '/oauth/access_token') {
      if (request.body['client_id'] !== authority.options.clientId) return codeError('Error validating application. Invalid application ID.', 101);
      if (!authority.clientAuthenticated(request)) return codeError('Error validating client secret.', 1);
      if (request.body['grant_type'] !== 'authorization_code') return codeError('Unsupported grant_type', 100);
      const result = authority.redeemCode(request.body);
      if (!result.ok) return codeError(`Invalid authorization code: ${result.description}`, 100);
      const token = result.token;
      // Meta writes user_id as a bare JSON number beyond 2^53: a JSON parser cannot keep it exact.
      const entry = `"access_token":${JSON.stringify(token.access)},"user_id":${user.id}`;
      const permissions = `"permissions":${JSON.stringify(token.scope.split(' ').join(','))}`;
      const text = network === 'threads' ? `{${entry}}` : state.codeAnswer === 'data' ? `{"data":[{${entry},${permissions}}]}` : `{${entry},${permissions}}`;
      return { text, headers: { 'content-type': 'application/json; charset=utf-8' } };
    }
    if (request.method === 'GET' && request.path === '/access_token') {
      if (q.get('grant_type') !== `${prefix}_exchange_token`) return graphError('Unsupported grant_type', 100);
      if (q.get('client_secret') !== authority.options.clientSecret) return graphError('Error validating client secret.', 1);
      const shortLived = authority.byAccess(q.get('access_token'));
      if (shortLived === null || liveLong(q.get('access_token')) !== undefined) return badToken();
      const token = issueLong(shortLived.scope);
      return { json: { access_token: token.access, token_type: 'bearer', expires_in: LONG_TTL_S } };
    }
    if (request.method === 'GET' && request.path === '/refresh_access_token') {
      if (q.get('grant_type') !== `${prefix}_refresh_token`) return graphError('Unsupported grant_type', 100);
      const entry = liveLong(q.get('access_token'));
      if (entry === undefined) return badToken();
      // The docs state the 24-hour rule but not its error; this one is made up.
      if (authority.now() - entry.obtainedAt < MIN_REFRESH_AGE_MS) return graphError('(fake) A long-lived token can be refreshed once it is at least 24 hours old.', 10);
      const token = issueLong(entry.token.scope);
      return { json: { access_token: token.access, token_type: 'bearer', expires_in: LONG_TTL_S } };
    }
    const mePath = network === 'threads' ? '/v1.0/me' : '/me';
    if (request.method === 'GET' && request.path === mePath) {
      if (authority.byAccess(q.get('access_token')) === null) return badToken();
      const all: Record<string, string> =
        network === 'threads'
          ? { id: user.id, username: user.username, name: user.name, threads_profile_picture_url: user.picture }
          : { id: '7308112341234567', user_id: user.id, username: user.username, name: user.name, account_type: state.accountType, profile_picture_url: user.picture };
      const fields = (q.get('fields') ?? 'id').split(',');
      return { json: Object.fromEntries(fields.filter((field) => field in all).map((field) => [field, all[field]])) };
    }
    // Meta takes the token in the query or as a Bearer header.
    const token = authority.bearer(request) ?? authority.byAccess(q.get('access_token'));
    const published = await posting.route(request, token === null ? null : token.scope.split(/[ ,]/));
    if (published !== null) return published;
    return { status: 404, json: { error: { message: 'Unknown path components', type: 'OAuthException', code: 2500 } } };
  });
  return Object.assign(fake, {
    network,
    authority,
    user,
    instagram: state,
    posting,
    issuePostingToken: (extraScopes: readonly string[] = []) => {
      const scope = [...(network === 'threads' ? ['threads_basic', 'threads_content_publish'] : ['instagram_business_basic', 'instagram_business_content_publish']), ...extraScopes].join(' ');
      const token: IssuedToken = { access: `${prefix}-long-${randomBytes(12).toString('hex')}`, refresh: null, expiresAt: null, scope, revoked: false };
      authority.tokens.push(token);
      return token.access;
    },
    longLived: () => long.map((entry) => entry.token),
    endpoints: { authorize: `${fake.origin}/oauth/authorize`, token: `${fake.origin}/oauth/access_token`, graph: fake.origin },
  });
}

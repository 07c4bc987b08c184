import { tinyPng } from '../images';
import { FakeAuthority, type AuthorityOptions } from './oauth-authority';
import { startHttpFake, type RunningFake, type SeenRequest } from './http-fake';
import { XPostingFake, type XPostingOptions } from './x-posts';

/**
 * A loopback fake of X's OAuth 2.0 (authorization code with PKCE) and the parts of API v2 Spheres
 * uses, written from X's documentation:
 * - https://docs.x.com/resources/fundamentals/authentication/oauth-2-0/authorization-code
 * - https://docs.x.com/resources/fundamentals/authentication/oauth-2-0/user-access-token
 *   (POST /2/oauth2/token: public clients send client_id, confidential ones Basic auth; access
 *   tokens last 2 hours; `offline.access` adds a refresh token; POST /2/oauth2/revoke)
 * - https://docs.x.com/x-api/users/user-lookup-me (GET /2/users/me)
 * and the posting API (POST /2/tweets, GET /2/users/:id/tweets, media upload v2, media metadata):
 * see x-posts.ts for its sources.
 */
export interface XFake extends RunningFake {
  authority: FakeAuthority;
  /** Endpoint overrides for the app: point these at the fake. */
  endpoints: { authorize: string; api: string };
  user: { id: string; username: string; name: string };
  /** The bytes the profile picture address serves; a small PNG by default. */
  avatar: Uint8Array;
  /** What was posted, per user: tweets (text, reply parent, media), uploads with their alt text. */
  posting: XPostingFake;
  /** A live access token for a user (the signed-in user by default), as the sign-in would give. */
  issueToken(userId?: string, scope?: string): string;
}

export interface XFakeOptions extends Partial<AuthorityOptions> {
  /** The fake's clock in ms (tweets' created_at, rate-limit windows); the real clock by default. */
  now?: () => number;
  posting?: Omit<XPostingOptions, 'now'>;
}

export async function startXFake(options: XFakeOptions = {}): Promise<XFake> {
  const { now: clock, posting: postingOptions, ...authorityOptions } = options;
  const now = clock ?? (() => Date.now());
  const authority = new FakeAuthority({ clientId: 'x-client-id', requirePkce: true, accessTokenTtl: 7200, issueRefreshTokens: true, ...authorityOptions });
  authority.now = now;
  const user = { id: '2244994945', username: 'alice_spheres', name: 'Alice Example' };
  const posting = new XPostingFake({ now, ...postingOptions });
  /** Whose each access token is: tokens from the sign-in belong to `user`. */
  const owners = new Map<string, string>();
  let origin = '';
  const fake = await startHttpFake(async (request: SeenRequest) => {
    const bearer = authority.bearer(request);
    const posted = await posting.route(request, bearer === null ? null : (owners.get(bearer.access) ?? user.id));
    if (posted !== null) return posted;
    if (request.method === 'GET' && request.path === '/i/oauth2/authorize') return authority.authorize(request);
    if (request.method === 'POST' && request.path === '/2/oauth2/token') {
      if (!authority.clientAuthenticated(request)) return { status: 401, json: { error: 'unauthorized_client', error_description: 'Missing valid authorization header' } };
      const grantType = request.body['grant_type'];
      const result = grantType === 'authorization_code' ? authority.redeemCode(request.body) : grantType === 'refresh_token' ? authority.refresh(request.body) : { ok: false as const, error: 'unsupported_grant_type', description: 'grant_type' };
      if (!result.ok) return { status: 400, json: { error: result.error, error_description: result.description } };
      const token = result.token;
      return {
        json: {
          token_type: 'bearer',
          expires_in: 7200,
          access_token: token.access,
          scope: token.scope,
          ...(token.refresh === null ? {} : { refresh_token: token.refresh }),
        },
      };
    }
    if (request.method === 'POST' && request.path === '/2/oauth2/revoke') {
      authority.revoke(request.body['token']);
      return { json: { revoked: true } };
    }
    if (request.method === 'GET' && request.path === '/2/users/me') {
      if (authority.bearer(request) === null) return { status: 401, json: { title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' } };
      // On the fake's own origin (X serves these from pbs.twimg.com), so a test can fetch it.
      return { json: { data: { ...user, profile_image_url: `${origin}/profile_images/1/alice_normal.png` } } };
    }
    if (request.method === 'GET' && request.path === '/profile_images/1/alice_normal.png') {
      return { headers: { 'content-type': 'image/png' }, bytes: result.avatar };
    }
    return { status: 404, json: { title: 'Not Found Error', status: 404 } };
  });
  origin = fake.origin;
  const result: XFake = Object.assign(fake, {
    avatar: tinyPng({ width: 48, height: 48 }) as Uint8Array,
    authority,
    posting,
    issueToken: (userId = user.id, scope = 'tweet.read tweet.write users.read media.write offline.access') => {
      const token = authority.issue(scope);
      owners.set(token.access, userId);
      return token.access;
    },
    user,
    endpoints: { authorize: `${fake.origin}/i/oauth2/authorize`, api: fake.origin },
  });
  return result;
}

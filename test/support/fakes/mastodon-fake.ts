import { randomBytes } from 'node:crypto';
import { FakeAuthority, type AuthorityOptions } from './oauth-authority';
import { startHttpFake, type FakeReply, type RunningFake, type SeenRequest } from './http-fake';
import { StatusesFake, type Caller } from './mastodon-statuses';

/**
 * A loopback fake of one Mastodon server: the parts Spheres uses, written from Mastodon's
 * documentation and its OAuth server's (Doorkeeper) behaviour:
 * - https://docs.joinmastodon.org/methods/instance/#v2 and https://docs.joinmastodon.org/entities/Instance/
 *   (GET /api/v2/instance; `configuration.statuses` and `configuration.media_attachments` hold the limits)
 * - https://docs.joinmastodon.org/methods/apps/#create (POST /api/v1/apps: client_name and
 *   redirect_uris required, scopes default `read`; 422 `{"error": "Validation failed: ..."}`)
 * - https://docs.joinmastodon.org/methods/oauth/ (GET /oauth/authorize; POST /oauth/token with
 *   client_id and client_secret, answering `{access_token, token_type: "Bearer", scope, created_at}`
 *   and no expiry; 401 `invalid_client`; POST /oauth/revoke answering `{}`, 403 `unauthorized_client`)
 * - https://docs.joinmastodon.org/methods/accounts/#verify_credentials (401 `{"error": "The access
 *   token is invalid"}`; 403 for a disabled or unconfirmed login)
 * - https://docs.joinmastodon.org/api/oauth-scopes/ (`read` covers `read:accounts`)
 * - Doorkeeper's URIChecker (https://github.com/doorkeeper-gem/doorkeeper, lib/doorkeeper/oauth/helpers/uri_checker.rb):
 *   a loopback IP redirect URI matches a registered one whatever its port (RFC 8252 §7.3).
 * - statuses and media (posting, Idempotency-Key, media processing): see mastodon-statuses.ts.
 */
export interface MastodonFakeOptions {
  /** Merged over the fake's `configuration.statuses`; a key set to undefined is left out. */
  statuses?: Record<string, unknown>;
  /** `configuration.media_attachments`; null leaves the whole key out. */
  mediaAttachments?: Record<string, unknown> | null;
  /** The instance's `domain`; the fake's own host (127.0.0.1:<port>) by default. */
  domain?: string;
  /** Paths that accept the request and never answer. */
  hang?: readonly string[];
  authority?: Partial<AuthorityOptions>;
  /** The fake's clock (ms since the epoch); Date.now by default. Idempotency-Key expiry follows it. */
  now?: () => number;
  /** GETs of a new media attachment that answer 206 (processing) before 200; 2 by default. */
  mediaPolls?: number;
}

export interface RegisteredApp {
  id: string;
  name: string;
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  scopes: string[];
  website: string | null;
}

export interface MastodonFake extends RunningFake {
  authority: FakeAuthority;
  /** 127.0.0.1:<port>: what Spheres calls the server. */
  host: string;
  /** Apps registered and not deleted, oldest first. */
  apps: RegisteredApp[];
  /** Deletes every app registration, as an admin or an old server's app vacuum would. */
  forgetApps(): void;
  /** When set, verify_credentials answers 403 with this error (a disabled or unconfirmed login). */
  loginRefused: string | null;
  user: { id: string; username: string; displayName: string; avatar: string };
  /** The user's statuses and uploaded media; `countOf(text)` counts statuses made with a text. */
  posting: StatusesFake;
  /** A token of the fake's user with these scopes, as if the person had connected the account. */
  issueToken(scopes: readonly string[]): string;
}

/** Mastodon's configured scopes, from config/initializers/doorkeeper.rb (the ones Spheres could ask for). */
const KNOWN_SCOPES = new Set(['read', 'write', 'follow', 'push', 'profile', 'read:accounts', 'read:statuses', 'write:statuses', 'write:media']);

const INVALID_CLIENT = {
  error: 'invalid_client',
  error_description: 'Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.',
};

function html(status: number, title: string): FakeReply {
  return { status, headers: { 'content-type': 'text/html; charset=utf-8' }, text: `<!doctype html><title>${title}</title><h1>${title}</h1>` };
}

/** Doorkeeper's matching: the same string, or two loopback IP URIs that differ only in port. */
function redirectMatches(requested: string, registered: string): boolean {
  if (requested === registered) return true;
  try {
    const a = new URL(requested);
    const b = new URL(registered);
    const loopback = (url: URL) => url.hostname === '127.0.0.1' || url.hostname === '[::1]';
    return loopback(a) && loopback(b) && a.protocol === b.protocol && a.hostname === b.hostname && a.pathname === b.pathname && a.search === b.search && a.username === b.username;
  } catch {
    return false;
  }
}

function stringList(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  return typeof value === 'string' ? value.split(/\s+/).filter(Boolean) : [];
}

export async function startMastodonFake(options: MastodonFakeOptions = {}): Promise<MastodonFake> {
  // Mastodon issues confidential clients only and tokens that never expire, without refresh tokens.
  const authority = new FakeAuthority({ clientId: 'no-app-registered-yet', requirePkce: true, accessTokenTtl: null, issueRefreshTokens: false, ...options.authority });
  const apps: RegisteredApp[] = [];
  /** Which app each authorization code was issued to: a code only redeems for its own client. */
  const codeClient = new Map<string, string>();
  const user = { id: '109348264729562376', username: 'alice', displayName: 'Alice Example', avatar: 'https://files.mastodon.example/accounts/avatars/alice.png' };
  const hang = new Set(options.hang ?? []);
  const now = options.now ?? (() => Date.now());
  let host = '';
  // The fake itself, once started: tests flip `loginRefused` on it.
  let self: MastodonFake | null = null;

  const appById = (clientId: unknown) => apps.find((app) => app.clientId === clientId);

  /** Client authentication at the token and revoke endpoints: form parameters or Basic auth. */
  const authenticated = (request: SeenRequest): RegisteredApp | undefined => {
    let id = request.body['client_id'];
    let secret = request.body['client_secret'];
    const basic = request.headers.authorization;
    if (typeof basic === 'string' && basic.startsWith('Basic ')) {
      const [user, pass] = Buffer.from(basic.slice(6), 'base64').toString('utf8').split(':');
      id = decodeURIComponent(user ?? '');
      secret = decodeURIComponent(pass ?? '');
    }
    const app = appById(id);
    return app !== undefined && app.clientSecret === secret ? app : undefined;
  };

  const instance = () => {
    const statuses: Record<string, unknown> = { max_characters: 1000, max_media_attachments: 4, characters_reserved_per_url: 23, ...options.statuses };
    for (const key of Object.keys(statuses)) if (statuses[key] === undefined) delete statuses[key];
    const mediaAttachments =
      options.mediaAttachments === null
        ? {}
        : { media_attachments: options.mediaAttachments ?? { supported_mime_types: ['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'video/mp4'], image_size_limit: 16_777_216, image_matrix_limit: 33_177_600, video_size_limit: 103_809_024 } };
    return {
      domain: options.domain ?? host,
      title: 'Fake Mastodon',
      version: '4.3.0',
      source_url: 'https://github.com/mastodon/mastodon',
      description: 'A loopback fake for Spheres tests',
      usage: { users: { active_month: 1 } },
      languages: ['en'],
      configuration: {
        urls: { streaming: `ws://${host}` },
        accounts: { max_featured_tags: 10, max_pinned_statuses: 5 },
        statuses,
        ...mediaAttachments,
        polls: { max_options: 4, max_characters_per_option: 50, min_expiration: 300, max_expiration: 2_629_746 },
        translation: { enabled: false },
      },
      registrations: { enabled: false, approval_required: false, message: null },
      contact: { email: 'admin@mastodon.example', account: null },
      rules: [],
    };
  };

  const registerApp = (request: SeenRequest): FakeReply => {
    const name = request.body['client_name'];
    const redirectUris = stringList(request.body['redirect_uris']);
    const scopes = request.body['scopes'] === undefined ? ['read'] : stringList(request.body['scopes']);
    if (typeof name !== 'string' || name === '') return { status: 422, json: { error: "Validation failed: Application name can't be blank" } };
    if (redirectUris.length === 0) return { status: 422, json: { error: "Validation failed: Redirect URI can't be blank" } };
    for (const uri of redirectUris) {
      let ok = uri === 'urn:ietf:wg:oauth:2.0:oob';
      try {
        const url = new URL(uri);
        ok ||= url.hash === '' && !['javascript:', 'data:', 'vbscript:'].includes(url.protocol);
      } catch {
        ok ||= false;
      }
      if (!ok) return { status: 422, json: { error: 'Validation failed: Redirect URI must be an absolute URI.' } };
    }
    if (scopes.some((scope) => !KNOWN_SCOPES.has(scope))) return { status: 422, json: { error: 'Validation failed: Scopes are not valid' } };
    const app: RegisteredApp = {
      id: String(563_419 + apps.length),
      name,
      clientId: randomBytes(32).toString('base64url'),
      clientSecret: randomBytes(32).toString('base64url'),
      redirectUris,
      scopes,
      website: typeof request.body['website'] === 'string' ? request.body['website'] : null,
    };
    apps.push(app);
    return {
      json: {
        id: app.id,
        name: app.name,
        website: app.website,
        scopes: app.scopes,
        redirect_uri: app.redirectUris.join('\n'),
        redirect_uris: app.redirectUris,
        client_id: app.clientId,
        client_secret: app.clientSecret,
        client_secret_expires_at: 0,
        vapid_key: 'BCkMmVdKDnKYwzVCDC99Iuc9GvId-x7-kKtuHnLgfF98ENiZp_aj-UNthbCdI70DqN1zUVis-x0Wrot2sBagkMc=',
      },
    };
  };

  const authorize = (request: SeenRequest): FakeReply => {
    const q = request.query;
    const app = appById(q.get('client_id'));
    if (app === undefined) {
      // Doorkeeper shows an error page and does not redirect: the redirect URI cannot be trusted.
      authority.refusals.push('unknown client_id');
      return html(401, 'Client authentication failed due to unknown client');
    }
    const redirectUri = q.get('redirect_uri') ?? '';
    if (!app.redirectUris.some((registered) => redirectMatches(redirectUri, registered))) {
      authority.refusals.push('redirect_uri not registered for this app');
      return html(400, 'The requested redirect uri is malformed or doesn\'t match client redirect URI.');
    }
    const requested = (q.get('scope') ?? 'read').split(/[\s+]+/).filter(Boolean);
    if (requested.some((scope) => !app.scopes.includes(scope))) {
      authority.refusals.push('scope not registered for this app');
      const back = new URL(redirectUri);
      back.searchParams.set('error', 'invalid_scope');
      back.searchParams.set('error_description', 'The requested scope is invalid, unknown, or malformed.');
      back.searchParams.set('state', q.get('state') ?? '');
      return { status: 302, headers: { location: back.toString() } };
    }
    authority.options.clientId = app.clientId;
    authority.options.clientSecret = app.clientSecret;
    const reply = authority.authorize(request);
    const location = reply.headers?.['location'];
    const code = location === undefined ? null : new URL(location).searchParams.get('code');
    if (code !== null) codeClient.set(code, app.clientId);
    return reply;
  };

  const appTokens: string[] = [];
  const token = (request: SeenRequest): FakeReply => {
    const app = authenticated(request);
    if (app === undefined) return { status: 401, json: INVALID_CLIENT };
    const grantType = request.body['grant_type'];
    let result: ReturnType<FakeAuthority['redeemCode']>;
    if (grantType === 'authorization_code') {
      const code = String(request.body['code'] ?? '');
      result = codeClient.get(code) === app.clientId ? authority.redeemCode(request.body) : { ok: false, error: 'invalid_grant', description: 'The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.' };
    } else if (grantType === 'refresh_token') {
      result = authority.refresh(request.body);
    } else if (grantType === 'client_credentials') {
      // An app token (no user, no refresh token): https://docs.joinmastodon.org/methods/oauth/#token
      appTokens.push(request.body['scope'] === undefined ? 'read' : String(request.body['scope']));
      return { json: { access_token: `app-token-${appTokens.length}`, token_type: 'Bearer', scope: appTokens.at(-1), created_at: Math.floor(authority.now() / 1000) } };
    } else {
      result = { ok: false, error: 'unsupported_grant_type', description: 'The authorization grant type is not supported by the authorization server.' };
    }
    if (!result.ok) return { status: 400, json: { error: result.error, error_description: result.description } };
    const issued = result.token;
    return {
      json: {
        access_token: issued.access,
        token_type: 'Bearer',
        scope: issued.scope,
        created_at: Math.floor(authority.now() / 1000),
        ...(issued.refresh === null ? {} : { refresh_token: issued.refresh }),
        ...(issued.expiresAt === null ? {} : { expires_in: Math.round((issued.expiresAt - authority.now()) / 1000) }),
      },
    };
  };

  const posting = new StatusesFake({
    now,
    // Enforces what the instance says (Mastodon's own default is 500).
    maxCharacters: () => {
      const max = instance().configuration.statuses['max_characters'];
      return typeof max === 'number' ? max : 500;
    },
    mediaPolls: options.mediaPolls ?? 2,
    origin: () => `http://${host}`,
    account: user,
  });
  /** The user behind a live Bearer token; every token of this fake is the one user's. */
  const callerOf = (request: SeenRequest): Caller | null => {
    const bearer = authority.bearer(request);
    return bearer === null ? null : { accountId: user.id, scopes: bearer.scope.split(' ') };
  };
  const unauthorized: FakeReply = { status: 401, json: { error: 'The access token is invalid' } };

  const fake = await startHttpFake((request) => {
    if (hang.has(request.path)) return { hang: true };
    if (request.path === '/api/v1/statuses' && request.method === 'POST') {
      const caller = callerOf(request);
      return caller === null ? unauthorized : posting.create(request, caller);
    }
    const statusPath = /^\/api\/v1\/statuses\/(\d+)$/.exec(request.path);
    if (statusPath !== null && request.method === 'GET') return posting.show(statusPath[1]!);
    const accountStatuses = /^\/api\/v1\/accounts\/(\d+)\/statuses$/.exec(request.path);
    if (accountStatuses !== null && request.method === 'GET') {
      // A token that is not live answers 401; no token at all sees the public statuses.
      const caller = callerOf(request);
      if (caller === null && request.headers.authorization !== undefined) return unauthorized;
      return posting.listOfAccount(request, accountStatuses[1]!, caller);
    }
    if (request.path === '/api/v2/media' && request.method === 'POST') {
      const caller = callerOf(request);
      return caller === null ? unauthorized : posting.upload(request, caller);
    }
    const mediaPath = /^\/api\/v1\/media\/(\d+)$/.exec(request.path);
    if (mediaPath !== null && request.method === 'GET') {
      const caller = callerOf(request);
      return caller === null ? unauthorized : posting.showMedia(mediaPath[1]!, caller);
    }
    if (request.method === 'GET' && request.path === '/api/v2/instance') return { json: instance() };
    if (request.method === 'POST' && request.path === '/api/v1/apps') return registerApp(request);
    if (request.method === 'GET' && request.path === '/oauth/authorize') return authorize(request);
    if (request.method === 'POST' && request.path === '/oauth/token') return token(request);
    if (request.method === 'POST' && request.path === '/oauth/revoke') {
      if (authenticated(request) === undefined) return { status: 403, json: { error: 'unauthorized_client', error_description: 'You are not authorized to revoke this token' } };
      authority.revoke(request.body['token']);
      return { json: {} };
    }
    if (request.method === 'GET' && request.path === '/api/v1/accounts/verify_credentials') {
      const bearer = authority.bearer(request);
      if (bearer === null) return { status: 401, json: { error: 'The access token is invalid' } };
      const granted = bearer.scope.split(' ');
      if (!['read', 'read:accounts', 'profile'].some((scope) => granted.includes(scope))) return { status: 403, json: { error: 'This action is outside the authorized scopes' } };
      const refused = self?.loginRefused ?? null;
      if (refused !== null) return { status: 403, json: { error: refused } };
      return {
        json: {
          id: user.id,
          username: user.username,
          acct: user.username,
          display_name: user.displayName,
          locked: false,
          bot: false,
          created_at: '2022-11-12T00:00:00.000Z',
          note: '<p>Writes things.</p>',
          url: `http://${host}/@${user.username}`,
          avatar: user.avatar,
          avatar_static: user.avatar,
          followers_count: 12,
          following_count: 34,
          statuses_count: 56,
          source: { privacy: 'public', sensitive: false, language: 'en', note: 'Writes things.', fields: [] },
          emojis: [],
          fields: [],
        },
      };
    }
    return { status: 404, json: { error: 'Record not found' } };
  });
  host = new URL(fake.origin).host;
  self = Object.assign(fake, {
    authority,
    host,
    apps,
    user,
    forgetApps: () => void apps.splice(0),
    loginRefused: null as string | null,
    posting,
    issueToken: (scopes: readonly string[]) => authority.issue(scopes.join(' ')).access,
  });
  return self;
}

/** What a server that is not Mastodon answers at every path. */
export type NotMastodonKind = 'html_404' | 'html_page' | 'json_not_instance' | 'redirect';

/** A loopback web server that is not Mastodon: a plain website, some other JSON API, or a redirect. */
export async function startNotMastodonFake(kind: NotMastodonKind): Promise<RunningFake> {
  return startHttpFake(() => {
    switch (kind) {
      case 'html_404':
        return html(404, 'Not Found');
      case 'html_page':
        return html(200, 'Welcome to my blog');
      case 'json_not_instance':
        return { json: { name: 'Some other API', version: '2.1.0', endpoints: ['/api/items'] } };
      case 'redirect':
        return { status: 301, headers: { location: 'https://www.example.com/' } };
    }
  });
}

import { createHash, randomBytes } from 'node:crypto';
import type { FakeReply, SeenRequest } from './http-fake';

/**
 * The authorization-server half every OAuth fake shares, written from RFC 6749, RFC 7636 (PKCE)
 * and RFC 8252 (loopback redirects). Each network's fake wraps it with that network's own paths,
 * parameters and answers, from the network's documentation.
 */
export interface AuthorityOptions {
  clientId: string;
  /** Set when the network authenticates the app with a secret at the token endpoint. */
  clientSecret?: string;
  /** Whether the authorize request must carry a PKCE S256 challenge. */
  requirePkce: boolean;
  /** Access token lifetime in seconds (null: no expiry). */
  accessTokenTtl: number | null;
  issueRefreshTokens: boolean;
  /** Makes tokens; tests pass a canary maker. */
  makeToken?: (kind: 'access' | 'refresh') => string;
}

/** What the fake user does on the consent page. */
export type Consent = 'approve' | 'deny' | 'wrong_state' | 'ignore';

interface Grant {
  redirectUri: string;
  challenge: string | null;
  scope: string;
  used: boolean;
}

export interface IssuedToken {
  access: string;
  refresh: string | null;
  expiresAt: number | null;
  scope: string;
  revoked: boolean;
}

export class FakeAuthority {
  readonly options: AuthorityOptions;
  consent: Consent = 'approve';
  readonly #grants = new Map<string, Grant>();
  readonly tokens: IssuedToken[] = [];
  /** Authorize requests refused, with why: tests check the app never got that far. */
  readonly refusals: string[] = [];
  now: () => number = () => Date.now();

  constructor(options: AuthorityOptions) {
    this.options = options;
  }

  #token(kind: 'access' | 'refresh'): string {
    return this.options.makeToken?.(kind) ?? `${kind}-${randomBytes(12).toString('hex')}`;
  }

  /** RFC 8252 §7.3: a loopback redirect on 127.0.0.1, any port, path /callback. */
  static isLoopbackRedirect(value: string | null): boolean {
    if (value === null) return false;
    try {
      const url = new URL(value);
      return url.protocol === 'http:' && url.hostname === '127.0.0.1' && url.port !== '' && url.pathname === '/callback';
    } catch {
      return false;
    }
  }

  /** The authorization endpoint (RFC 6749 §4.1.1): a 302 back to the app, as a browser would follow. */
  authorize(request: SeenRequest, options: { scopeSeparator?: string } = {}): FakeReply {
    const q = request.query;
    const redirectUri = q.get('redirect_uri');
    const refuse = (why: string): FakeReply => {
      this.refusals.push(why);
      return { status: 400, text: `authorize refused: ${why}` };
    };
    if (q.get('client_id') !== this.options.clientId) return refuse('unknown client_id');
    if (!FakeAuthority.isLoopbackRedirect(redirectUri)) return refuse('redirect_uri is not a 127.0.0.1 loopback /callback');
    if (q.get('response_type') !== 'code') return refuse('response_type must be code');
    const state = q.get('state');
    if (state === null || state.length < 16) return refuse('state missing or guessable');
    const challenge = q.get('code_challenge');
    if (this.options.requirePkce && (challenge === null || q.get('code_challenge_method') !== 'S256')) return refuse('PKCE S256 challenge missing');
    const back = new URL(redirectUri!);
    if (this.consent === 'ignore') return { status: 200, text: 'The user walked away from the consent page.' };
    if (this.consent === 'deny') {
      back.searchParams.set('error', 'access_denied');
      back.searchParams.set('error_description', 'The user denied the request');
      back.searchParams.set('state', state);
      return { status: 302, headers: { location: back.toString() } };
    }
    const code = randomBytes(16).toString('hex');
    this.#grants.set(code, { redirectUri: redirectUri!, challenge, scope: (q.get('scope') ?? '').split(options.scopeSeparator ?? ' ').join(' '), used: false });
    back.searchParams.set('code', code);
    back.searchParams.set('state', this.consent === 'wrong_state' ? `${state}-forged` : state);
    return { status: 302, headers: { location: back.toString() } };
  }

  /** Checks the client's authentication: Basic auth or client_id/client_secret in the form. */
  clientAuthenticated(request: SeenRequest): boolean {
    const basic = request.headers.authorization;
    let id = typeof request.body['client_id'] === 'string' ? request.body['client_id'] : undefined;
    let secret = typeof request.body['client_secret'] === 'string' ? request.body['client_secret'] : undefined;
    if (typeof basic === 'string' && basic.startsWith('Basic ')) {
      const [user, pass] = Buffer.from(basic.slice(6), 'base64').toString('utf8').split(':');
      id = decodeURIComponent(user ?? '');
      secret = decodeURIComponent(pass ?? '');
    }
    if (id !== this.options.clientId) return false;
    return this.options.clientSecret === undefined || secret === this.options.clientSecret;
  }

  /**
   * Redeems a code (RFC 6749 §4.1.3, RFC 7636 §4.6): the code once, the same redirect_uri, and
   * BASE64URL(SHA256(code_verifier)) equal to the challenge. Answers like a token endpoint.
   */
  redeemCode(body: Record<string, unknown>): { ok: true; token: IssuedToken } | { ok: false; error: string; description: string } {
    const code = String(body['code'] ?? '');
    const grant = this.#grants.get(code);
    if (grant === undefined || grant.used) return { ok: false, error: 'invalid_grant', description: 'authorization code unknown or already used' };
    grant.used = true;
    if (body['redirect_uri'] !== grant.redirectUri) return { ok: false, error: 'invalid_grant', description: 'redirect_uri does not match' };
    if (grant.challenge !== null || this.options.requirePkce) {
      const verifier = typeof body['code_verifier'] === 'string' ? body['code_verifier'] : '';
      if (!/^[A-Za-z0-9._~-]{43,128}$/.test(verifier)) return { ok: false, error: 'invalid_request', description: 'code_verifier missing or malformed' };
      const computed = createHash('sha256').update(verifier).digest('base64url');
      if (computed !== grant.challenge) return { ok: false, error: 'invalid_grant', description: 'code_verifier does not match the code_challenge' };
    }
    return { ok: true, token: this.issue(grant.scope) };
  }

  issue(scope: string): IssuedToken {
    const token: IssuedToken = {
      access: this.#token('access'),
      refresh: this.options.issueRefreshTokens ? this.#token('refresh') : null,
      expiresAt: this.options.accessTokenTtl === null ? null : this.now() + this.options.accessTokenTtl * 1000,
      scope,
      revoked: false,
    };
    this.tokens.push(token);
    return token;
  }

  /** RFC 6749 §6, with rotation: the old refresh token stops working. */
  refresh(body: Record<string, unknown>): { ok: true; token: IssuedToken } | { ok: false; error: string; description: string } {
    const old = this.tokens.find((token) => token.refresh !== null && token.refresh === body['refresh_token']);
    if (old === undefined || old.revoked) return { ok: false, error: 'invalid_grant', description: 'refresh token invalid, expired or revoked' };
    old.revoked = true;
    return { ok: true, token: this.issue(old.scope) };
  }

  /** The token a Bearer header names, if it is live. */
  bearer(request: SeenRequest): IssuedToken | null {
    const header = request.headers.authorization;
    const value = typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7) : null;
    return this.byAccess(value);
  }

  byAccess(value: string | null): IssuedToken | null {
    const token = this.tokens.find((candidate) => candidate.access === value);
    if (token === undefined || token.revoked) return null;
    if (token.expiresAt !== null && token.expiresAt <= this.now()) return null;
    return token;
  }

  revoke(value: unknown): void {
    for (const token of this.tokens) if (token.access === value || token.refresh === value) token.revoked = true;
  }

  /** Tokens nobody revoked: after a disconnect, a test expects none. */
  live(): IssuedToken[] {
    return this.tokens.filter((token) => !token.revoked);
  }
}

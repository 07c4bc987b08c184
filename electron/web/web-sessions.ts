import { createHash, randomBytes } from 'node:crypto';

/** What a one-time address's token turned into. */
export type Trade = { kind: 'session'; secret: string } | { kind: 'used' } | { kind: 'invalid' };

function digest(secret: string): string {
  // Looked up by hash: a Set lookup on the secret itself could leak timing about its prefix.
  return createHash('sha256').update(secret).digest('hex');
}

/**
 * The web host's credentials. The address it prints carries a launch token that works once: the
 * first visit trades it for a session secret (random, unrelated to the token, known only to this
 * process and that one tab). The secret never travels in a cookie or a URL: the page gets it in
 * the traded HTML and sends it as an Authorization header, so no other server on 127.0.0.1, which
 * would receive every cookie of this host whatever its port, ever sees anything it could replay.
 */
export class WebSessions {
  readonly #unused = new Set<string>();
  readonly #used = new Set<string>();
  readonly #sessions = new Set<string>();

  constructor(firstToken: string) {
    this.#unused.add(digest(firstToken));
  }

  /** A fresh one-time token, for another tab or browser. */
  newLaunchToken(): string {
    const token = randomBytes(32).toString('base64url');
    this.#unused.add(digest(token));
    return token;
  }

  trade(token: string): Trade {
    const key = digest(token);
    if (this.#used.has(key)) return { kind: 'used' };
    if (!this.#unused.delete(key)) return { kind: 'invalid' };
    this.#used.add(key);
    const secret = randomBytes(32).toString('base64url');
    this.#sessions.add(digest(secret));
    return { kind: 'session', secret };
  }

  /** Whether an Authorization header carries a session this host handed out. */
  admits(authorization: string | undefined): boolean {
    if (authorization === undefined || !authorization.startsWith('Bearer ')) return false;
    return this.#sessions.has(digest(authorization.slice('Bearer '.length)));
  }
}

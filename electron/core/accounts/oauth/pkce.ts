import { createHash, randomBytes } from 'node:crypto';

export interface Pkce {
  /** RFC 7636 §4.1: 43 to 128 unreserved characters; 32 random bytes in base64url give 43. */
  verifier: string;
  /** BASE64URL(SHA256(verifier)), RFC 7636 §4.2. */
  challenge: string;
  method: 'S256';
}

export function createPkce(): Pkce {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: pkceChallenge(verifier), method: 'S256' };
}

export function pkceChallenge(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

/** An unguessable `state` value (RFC 6749 §10.12), one per authorization attempt. */
export function createState(): string {
  return randomBytes(24).toString('base64url');
}

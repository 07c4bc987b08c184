import type * as AtprotoApi from '@atproto/api';
import { classifyHttpStatus, findPublishFailure, PublishFailure, retryAfterMs } from '../publish-failure';

/** XRPC error names after which the stored sign-in is useless (as CredentialSession judges them). */
const SIGN_IN_GONE = new Set(['InvalidToken', 'AuthenticationRequired', 'AccountTakedown', 'InvalidDID']);

/**
 * What a failed call to the PDS means for the post. Only the XRPC error name is kept (a word like
 * "InvalidRequest"): server messages can quote the post and are not stored.
 * https://atproto.com/specs/xrpc#error-responses
 */
export function blueskyFailure(api: typeof AtprotoApi, error: unknown, now: Date): PublishFailure {
  const ours = findPublishFailure(error);
  if (ours !== null) return ours;
  if (!(error instanceof api.XRPCError)) {
    return new PublishFailure('unknown', 'connection_lost', 'Bluesky\'s answer was cut off; the post may have gone out. Spheres checks before sending again.', { cause: error });
  }
  const name = /^[A-Za-z][A-Za-z0-9]{0,63}$/.test(error.error) ? error.error : `HTTP ${error.status}`;
  if (name === 'ExpiredToken') {
    // Refused, so not posted; the accounts service renews the sign-in before the next attempt.
    return new PublishFailure('retryable', 'session_expired', 'The Bluesky sign-in had expired; Spheres renews it and tries again.', { status: error.status });
  }
  if (SIGN_IN_GONE.has(name)) return classifyHttpStatus(401, 'Bluesky', null);
  // 1 and 2 are @atproto/xrpc's "Unknown" and "InvalidResponse": an answer we could not read.
  if (error.status < 100) {
    return new PublishFailure('unknown', 'connection_lost', `Bluesky's answer could not be read (${name}); the post may have gone out. Spheres checks before sending again.`, { cause: error });
  }
  const headers = error.headers ?? {};
  const failure = classifyHttpStatus(error.status, 'Bluesky', retryAfterMs({ get: (key) => headers[key] }, now));
  return new PublishFailure(failure.kind, failure.code, `${failure.message.replace(/\.$/, '')} (${name}).`, {
    status: error.status,
    ...(failure.retryAfterMs === undefined ? {} : { retryAfterMs: failure.retryAfterMs }),
  });
}

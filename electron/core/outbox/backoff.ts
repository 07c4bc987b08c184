/** How long to wait before the next attempt of a target that failed in a way worth retrying. */
export interface BackoffPolicy {
  /** The first wait. */
  baseMs: number;
  /** No wait is longer than this, whatever the attempt count (a Retry-After may still ask for longer). */
  capMs: number;
  /** After this many attempts a target stops retrying and needs the person. */
  maxAttempts: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 2_000, capMs: 15 * 60_000, maxAttempts: 10 };

/**
 * Exponential backoff with "full jitter" (a uniform wait between half the exponential step and the
 * step): many clients failing together do not come back together.
 * https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/
 * A server's own Retry-After wins when it asks for longer: retrying sooner only earns another 429.
 *
 * `attempt` counts attempts made so far (1 after the first failure); `random` is in [0, 1).
 */
export function backoffDelayMs(attempt: number, random: () => number, policy: BackoffPolicy, serverAskedMs?: number): number {
  const exponent = Math.min(Math.max(attempt - 1, 0), 30);
  const step = Math.min(policy.capMs, policy.baseMs * 2 ** exponent);
  const jittered = Math.round(step / 2 + (random() * step) / 2);
  return Math.max(jittered, serverAskedMs ?? 0);
}

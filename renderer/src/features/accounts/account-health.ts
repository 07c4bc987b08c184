import type { Account, OutboxEntry, Post } from '../../../../common/domain';

/** What the health chip says about an account's sign-in. */
export type AccountHealth =
  | { kind: 'connected' }
  | { kind: 'renews' }
  | { kind: 'expires'; days: number; warn: boolean }
  | { kind: 'expired' }
  | { kind: 'reconnect' };

const DAY_MS = 86_400_000;

/** A week's notice before a sign-in Spheres cannot renew runs out: time to reconnect before a post fails. */
export const EXPIRY_WARNING_DAYS = 7;

export function accountHealth(account: Pick<Account, 'status' | 'refreshable' | 'tokenExpiresAt'>, now: Date): AccountHealth {
  if (account.status === 'reconnect_needed') return { kind: 'reconnect' };
  if (account.tokenExpiresAt === null) return { kind: 'connected' };
  if (account.refreshable) return { kind: 'renews' };
  const left = Date.parse(account.tokenExpiresAt) - now.getTime();
  if (left <= 0) return { kind: 'expired' };
  const days = Math.ceil(left / DAY_MS);
  return { kind: 'expires', days, warn: days <= EXPIRY_WARNING_DAYS };
}

/**
 * The queued posts that wait for this account: a target on its network, either for this very
 * account or for the network without an account picked yet.
 */
export function queuedPostsFor(account: Pick<Account, 'id' | 'network'>, queued: readonly Post[]): Post[] {
  return queued.filter((post) =>
    post.targets.some((target) => target.network === account.network && (target.accountId === undefined || target.accountId === account.id)),
  );
}

/** A post held back by an account that needs reconnecting, as its card lists it. */
export interface WaitingPost {
  id: string;
  text: string;
  /** Where the person deals with it: the composer for a post not yet sent, the Outbox for one on its way. */
  href: string;
}

/**
 * Everything this account holds back: posts in the outbox with a target of this account not yet
 * published, and posts marked queued that have not reached the outbox (for its network).
 */
export function waitingPostsFor(
  account: Pick<Account, 'id' | 'network'>,
  queued: readonly Post[],
  entries: readonly OutboxEntry[],
  hrefs: { compose(id: string): string; outbox: string },
): WaitingPost[] {
  const fromOutbox = entries
    .filter((entry) => entry.targets.some((target) => target.accountId === account.id && target.state !== 'published'))
    .map((entry) => ({ id: entry.postId, text: entry.excerpt, href: hrefs.outbox }));
  const seen = new Set(fromOutbox.map((post) => post.id));
  const notSent = queuedPostsFor(account, queued)
    .filter((post) => !seen.has(post.id))
    .map((post) => ({ id: post.id, text: post.text, href: hrefs.compose(post.id) }));
  return [...fromOutbox, ...notSent];
}

/** The host of a Mastodon server or Bluesky provider, as people write it: "mastodon.social". */
export function serverName(serverUrl: string | null): string | null {
  if (serverUrl === null) return null;
  try {
    return new URL(serverUrl).host;
  } catch {
    return serverUrl;
  }
}

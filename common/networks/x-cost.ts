import type { NetworkAnalysis } from './types';

/*
 * X bills the developer app per post it creates, and more for a post with a link. Prices from X's
 * pay-per-usage page, "Write operations, charged per request": Content: Create $0.015, Content:
 * Create (with URL) $0.200 — https://docs.x.com/x-api/getting-started/pricing (read 2026-12-06).
 * X says prices are subject to change and the Developer Console has the current rates, so the
 * composer calls this an estimate. Kept in thousandths of a dollar so sums stay exact.
 */
export const X_PRICES_SOURCE = 'https://docs.x.com/x-api/getting-started/pricing';
export const X_PRICES_TAKEN_ON = '2026-12-06';
/** Content: Create, per post: $0.015. */
export const X_PRICE_PER_POST_MILLS = 15;
/** Content: Create (with URL), per post with a link: $0.200. */
export const X_PRICE_PER_POST_WITH_LINK_MILLS = 200;

export interface XCostEstimate {
  /** Posts X makes: every part of the thread, on every X account the post goes to. */
  posts: number;
  /** Of those, the posts with a link in their text. */
  withLink: number;
  /** The estimate in US dollars. */
  usd: number;
}

/** What a post costs the developer app on X: its parts (from the same analysis the preview shows) on each X account. */
export function estimateXCost(analysis: Pick<NetworkAnalysis, 'parts' | 'links'>, accounts: number): XCostEstimate {
  const linked = analysis.parts.filter((part) => analysis.links.some((link) => link.start < part.end && link.end > part.start)).length;
  const posts = analysis.parts.length * accounts;
  const withLink = linked * accounts;
  const mills = (posts - withLink) * X_PRICE_PER_POST_MILLS + withLink * X_PRICE_PER_POST_WITH_LINK_MILLS;
  return { posts, withLink, usd: mills / 1000 };
}

import type { HistoryFormat } from '../history-format';
import { linkedInShares } from './linkedin-shares';
import { mastodonOutbox } from './mastodon-outbox';
import { xArchive } from './x-archive';

/**
 * Every export Spheres reads, tried in this order (the first whose detect() says yes reads it).
 * A new network's export is one line here (Instagram, Threads, Facebook: see the metaimport formats).
 */
export const HISTORY_FORMATS: readonly HistoryFormat[] = [xArchive, linkedInShares, mastodonOutbox];

export { linkedInShares, mastodonOutbox, xArchive };

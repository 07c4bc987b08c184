import { facebookFormat } from '../facebook-format';
import type { HistoryFormat } from '../history-format';
import { instagramFormat } from '../instagram-format';
import { threadsFormat } from '../threads-format';
import { linkedInShares } from './linkedin-shares';
import { mastodonOutbox } from './mastodon-outbox';
import { xArchive } from './x-archive';

/**
 * Every export Spheres reads, tried in this order (the first whose detect() says yes reads it).
 * A new network's export is one line here.
 */
export const HISTORY_FORMATS: readonly HistoryFormat[] = [xArchive, linkedInShares, mastodonOutbox, instagramAndThreads(), instagramFormat, threadsFormat, facebookFormat];

/**
 * Instagram's "Download your information" may hold the person's Threads posts too: one export, both
 * networks' posts (each post keeps its own network, so the calendar and dedupe see them apart).
 */
function instagramAndThreads(): HistoryFormat {
  return {
    network: 'instagram',
    label: 'Instagram and Threads export',
    detect: async (archive) => (await instagramFormat.detect(archive)) && (await threadsFormat.detect(archive)),
    async *posts(archive, skip, signal) {
      yield* instagramFormat.posts(archive, skip, signal);
      yield* threadsFormat.posts(archive, skip, signal);
    },
  };
}

export { facebookFormat, instagramFormat, linkedInShares, mastodonOutbox, threadsFormat, xArchive };

import { startLinkedInFake } from '../../support/fakes/linkedin-fake';
import { FaultProxy } from '../../support/fault-proxy';
import type { SoakNetwork } from './network';

/** The soak's LinkedIn account id carries the member's id: the child's publisher names the author from it. */
export const soakLinkedInAuthor = (accountId: string): string => `urn:li:person:${accountId.slice('linkedin:'.length)}`;

/**
 * The LinkedIn loopback fake (written from LinkedIn's API docs), one member, single posts only
 * (LinkedIn has no threads). Counted as LinkedIn shows the posts: an escaping mistake cuts a
 * post and shows up as missing.
 */
export async function soakLinkedIn(): Promise<SoakNetwork> {
  const linkedin = await startLinkedInFake();
  const proxy = await FaultProxy.start(linkedin.origin);
  // Image uploads go to the address LinkedIn hands out: through the proxy too, so they meet faults.
  linkedin.posting.uploadOrigin = proxy.url;
  const accountId = `linkedin:${linkedin.member.sub}`;
  return {
    network: 'linkedin',
    accounts: [accountId],
    credentials: { [accountId]: { accessToken: linkedin.issueToken() } },
    proxy,
    takesThreads: false,
    needsImage: false,
    async posted() {
      return linkedin.posting.posts.map((post) => ({ accountId, id: post.urn, text: post.shown, parent: null, images: post.media.length }));
    },
    async close() {
      await proxy.close();
      await linkedin.close();
    },
  };
}

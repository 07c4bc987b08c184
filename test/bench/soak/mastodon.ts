import { startMastodonFake } from '../../support/fakes/mastodon-fake';
import { FaultProxy } from '../../support/fault-proxy';
import type { SoakNetwork } from './network';

/** The Mastodon loopback fake (written from Mastodon's docs), one account, counted in its statuses. */
export async function soakMastodon(): Promise<SoakNetwork> {
  const mastodon = await startMastodonFake({ mediaPolls: 2 });
  const proxy = await FaultProxy.start(mastodon.origin);
  const scopes = ['read:accounts', 'write:statuses', 'write:media'];
  const accountId = `mastodon:${mastodon.host.replace(':', '.')}:${mastodon.user.username}`;
  return {
    network: 'mastodon',
    accounts: [accountId],
    credentials: { [accountId]: { accessToken: mastodon.issueToken(scopes), scopes } },
    proxy,
    takesThreads: true,
    needsImage: false,
    async posted() {
      return mastodon.posting.statuses.map((status) => ({ accountId, id: status.id, text: status.text, parent: status.inReplyToId, images: status.mediaIds.length }));
    },
    async close() {
      await proxy.close();
      await mastodon.close();
    },
  };
}

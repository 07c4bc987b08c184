import { startXFake } from '../../support/fakes/x-fake';
import { FaultProxy } from '../../support/fault-proxy';
import type { SoakNetwork } from './network';

/**
 * The X loopback fake (written from X's API docs), one account, counted in its tweets. X allows 100
 * posts per user in 15 minutes; the soak sends a thousand in a few, so the fake's windows are wide
 * here (the windows themselves are tested in x-faults.test.ts).
 */
export async function soakX(): Promise<SoakNetwork> {
  const x = await startXFake({ accessTokenTtl: null, posting: { mediaPolls: 1, limits: { create_tweet: 100_000, user_tweets: 100_000, media: 100_000 } } });
  const proxy = await FaultProxy.start(x.origin);
  // As the X connector names an account: its user id.
  const accountId = `x:${x.user.id}`;
  return {
    network: 'x',
    accounts: [accountId],
    credentials: { [accountId]: { accessToken: x.issueToken(), scopes: ['tweet.read', 'tweet.write', 'users.read', 'media.write', 'offline.access'] } },
    proxy,
    takesThreads: true,
    needsImage: false,
    async posted() {
      return x.posting.tweets.map((tweet) => ({ accountId, id: tweet.id, text: tweet.text, parent: tweet.inReplyToId, images: tweet.mediaIds.length }));
    },
    async close() {
      await proxy.close();
      await x.close();
    },
  };
}

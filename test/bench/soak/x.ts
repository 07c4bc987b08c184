import { startXFake } from '../../support/fakes/x-fake';
import { FaultProxy } from '../../support/fault-proxy';
import type { SoakNetwork } from './network';

/**
 * The X loopback fake (written from X's API docs), three accounts, counted in their tweets. X allows
 * 100 posts per user in 15 minutes; the soak sends a thousand in a few, so the fake's windows are
 * wide here (the windows themselves are tested in x-faults.test.ts), and the posts are spread over
 * three accounts: after a lost answer Spheres reads the account's posts since the part was first
 * sent, at most 500 (75 minutes of posting at X's limit), which one account posting at ten times
 * X's limit would outrun.
 */
export async function soakX(): Promise<SoakNetwork> {
  const x = await startXFake({ accessTokenTtl: null, posting: { mediaPolls: 1, limits: { create_tweet: 100_000, user_tweets: 100_000, media: 100_000 } } });
  const proxy = await FaultProxy.start(x.origin);
  // As the X connector names an account: its user id.
  const userIds = [x.user.id, '2244994946', '2244994947'];
  const accountOf = new Map(userIds.map((userId) => [userId, `x:${userId}`]));
  const credentials = Object.fromEntries(userIds.map((userId) => [`x:${userId}`, { accessToken: x.issueToken(userId), scopes: ['tweet.read', 'tweet.write', 'users.read', 'media.write', 'offline.access'] }]));
  return {
    network: 'x',
    accounts: [...accountOf.values()],
    credentials,
    proxy,
    takesThreads: true,
    needsImage: false,
    async posted() {
      return x.posting.tweets.map((tweet) => ({ accountId: accountOf.get(tweet.userId) ?? `x:${tweet.userId}`, id: tweet.id, text: tweet.text, parent: tweet.inReplyToId, images: tweet.mediaIds.length }));
    },
    async close() {
      await proxy.close();
      await x.close();
    },
  };
}

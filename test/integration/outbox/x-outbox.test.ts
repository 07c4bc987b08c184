import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Post } from '../../../common/domain';
import { MemoryVault } from '../../../electron/core/vault';
import { followInBrowser } from '../../support/fakes/http-fake';
import { startXFake, type XFake } from '../../support/fakes/x-fake';
import { inProcessApp } from '../../support/in-process-app';

let fake: XFake | undefined;
const opened: { core: { close(): Promise<void> }; dataDir: string }[] = [];
afterEach(async () => {
  for (const app of opened.splice(0)) {
    await app.core.close();
    rmSync(app.dataDir, { recursive: true, force: true });
  }
  await fake?.close();
  fake = undefined;
});

/** The app with an X account connected through the X fake, its API origin overridden as the connector's is. */
async function connectedApp() {
  fake = await startXFake();
  const app = await inProcessApp({ vault: new MemoryVault(), openBrowser: followInBrowser, accountsTesting: { endpoints: { x: fake.endpoints } } });
  opened.push(app);
  await app.api.apps.save({ app: 'x', clientId: 'x-client-id' });
  const account = await app.api.accounts.connect({ network: 'x' });
  // As the hosts do once the core is open.
  await app.core.outbox.start();
  return { app, account, fake };
}

/** Everything but what publishing writes (status, results, updatedAt). */
function editable(post: Post): Omit<Post, 'status' | 'results' | 'updatedAt'> {
  const { status: _status, results: _results, updatedAt: _updatedAt, ...rest } = post;
  return rest;
}

describe('posting to X through the app, against the X fake written from X\'s API docs', () => {
  it('Post now publishes a thread to the connected X account once, each part answering the one before, and writes only the result back', async () => {
    const { app, account, fake } = await connectedApp();
    const before = await app.api.posts.saveDraft({
      id: 'x-outbox-thread',
      tone: 'blend',
      text: 'First post of a thread on X.\n---\nSecond post, with https://example.com/spheres',
      overrides: {},
      overrideBases: {},
      targets: [{ network: 'x', accountId: account.id }],
      media: [],
      contentWarning: '',
      threadNumbering: false,
      planned: null,
    });
    await app.api.outbox.postNow({ id: before.id });
    await app.core.outbox.settled();
    const after = await app.api.posts.get({ id: before.id });
    expect(after.status).toBe('published');
    expect(editable(after)).toStrictEqual(editable(before));
    const tweets = fake.posting.tweetsOf(fake.user.id);
    expect(tweets.map((tweet) => tweet.text)).toStrictEqual(['First post of a thread on X.', 'Second post, with https://example.com/spheres']);
    expect(tweets.map((tweet) => tweet.inReplyToId)).toStrictEqual([null, tweets[0]!.id]);
    expect(after.results[0]).toMatchObject({ target: { network: 'x', accountId: account.id }, state: 'published', url: `https://x.com/i/status/${tweets[0]!.id}` });
  });
});

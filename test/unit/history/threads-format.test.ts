import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { instagramFormat } from '../../../electron/core/history/instagram-format';
import { threadsFormat } from '../../../electron/core/history/threads-format';
import { folderArchive, memoryArchive, readHistory } from '../../support/memory-archive';

const FIXTURE = path.resolve(__dirname, '../../fixtures/history/threads');

describe('reading the Threads posts of an export', () => {
  it('reads posts and replies with Danish letters and emoji repaired, replies marked', async () => {
    const archive = folderArchive(FIXTURE, 'instagram-testperson-threads.zip');
    expect(await threadsFormat.detect(archive)).toBe(true);
    const { posts } = await readHistory(threadsFormat, archive);
    expect(posts.map(({ network, text, publishedAt, kind, url }) => ({ network, text, publishedAt, kind, url }))).toStrictEqual([
      { network: 'threads', text: 'Godmorgen fra Århus ☕️ hvem er vågen?', publishedAt: '2024-08-01T00:00:00.000Z', kind: 'post', url: null },
      { network: 'threads', text: 'Helt enig — vi ses på Nørrebro 🚲', publishedAt: '2024-08-01T01:00:00.000Z', kind: 'reply', url: null },
      { network: 'threads', text: 'To billeder fra Søndervig 🌊', publishedAt: '2024-08-02T00:00:00.000Z', kind: 'post', url: null },
    ]);
  });

  it('keeps a post whose second image is missing from the export, and says which image', async () => {
    const archive = folderArchive(FIXTURE, 'instagram-testperson-threads.zip');
    const { posts, skipped } = await readHistory(threadsFormat, archive);
    expect(posts.map((post) => post.media)).toStrictEqual([[], [], [{ path: 'media/posts/202408/18000000000000001.png', altText: '' }]]);
    expect(skipped).toStrictEqual([
      {
        where: 'your_instagram_activity/threads/threads_and_replies.json, item 3',
        reason: 'The image media/posts/202408/18000000000000002.png is not in instagram-testperson-threads.zip; the post is imported without it.',
      },
    ]);
  });

  it('reads threads/threads_and_replies.json at the top of an export, and tells text posts apart by their text', async () => {
    const textPost = (title: string) => ({ media: [{ uri: '', creation_timestamp: 1_700_000_000, title }] });
    const archive = memoryArchive('threads.zip', {
      'threads/threads_and_replies.json': JSON.stringify({ text_post_app_text_posts: [textPost('one'), textPost('two')] }),
    });
    const { posts } = await readHistory(threadsFormat, archive);
    expect(posts.map((post) => post.text)).toStrictEqual(['one', 'two']);
    expect(posts[0]!.remoteId).not.toBe(posts[1]!.remoteId);
  });

  it('is told apart from the Instagram posts of the same export', async () => {
    const archive = folderArchive(FIXTURE);
    expect(await instagramFormat.detect(archive)).toBe(false);
  });
});

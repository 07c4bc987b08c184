import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { facebookFormat } from '../../../electron/core/history/facebook-format';
import { folderArchive, memoryArchive, readHistory } from '../../support/memory-archive';

const FIXTURE = path.resolve(__dirname, '../../fixtures/history/facebook');

describe('reading a Facebook export', () => {
  it('reads posts with Danish letters and emoji repaired, a shared link and a photo', async () => {
    const archive = folderArchive(FIXTURE, 'facebook-testperson.zip');
    expect(await facebookFormat.detect(archive)).toBe(true);
    const { posts } = await readHistory(facebookFormat, archive);
    expect(posts.map(({ network, text, publishedAt, kind, url, media }) => ({ network, text, publishedAt, kind, url, media }))).toStrictEqual([
      { network: 'facebook', text: 'Så er der æblekage på bordet 🍎 Øv, den forsvandt på 5 minutter 😂', publishedAt: '2023-11-14T22:13:20.000Z', kind: 'post', url: null, media: [] },
      { network: 'facebook', text: 'Værd at læse om blåbær\n\nhttps://example.com/artikel/blaabaer', publishedAt: '2023-11-15T22:13:20.000Z', kind: 'post', url: null, media: [] },
      {
        network: 'facebook',
        text: 'Udsigten i dag 🌅',
        publishedAt: '2023-11-16T22:13:20.000Z',
        kind: 'post',
        url: null,
        media: [{ path: 'your_activity_across_facebook/posts/media/Tidslinje_1234/200000000000001.png', altText: '' }],
      },
    ]);
  });

  it('leaves out a status note with nothing written in it, and says so', async () => {
    const { skipped } = await readHistory(facebookFormat, folderArchive(FIXTURE));
    expect(skipped).toStrictEqual([{ where: 'your_activity_across_facebook/posts/your_posts_1.json, item 4', reason: 'It holds no text, link or image of its own.' }]);
  });

  it('reads the older layout (posts/your_posts_1.json) and the newer file name with check-ins', async () => {
    const older = memoryArchive('facebook-old.zip', {
      'posts/your_posts_1.json': JSON.stringify([{ timestamp: 1_400_000_000, data: [{ post: 'Gammel status' }] }]),
    });
    const newer = memoryArchive('facebook-new.zip', {
      'your_activity_across_facebook/posts/your_posts__check_ins__photos_and_videos_1.json': JSON.stringify([{ timestamp: 1_600_000_000, data: [{ post: 'Ny status' }] }]),
    });
    expect((await readHistory(facebookFormat, older)).posts.map((post) => post.text)).toStrictEqual(['Gammel status']);
    expect((await readHistory(facebookFormat, newer)).posts.map((post) => post.text)).toStrictEqual(['Ny status']);
  });

  it('does not repeat a link the text already holds', async () => {
    const archive = memoryArchive('facebook.zip', {
      'posts/your_posts_1.json': JSON.stringify([
        { timestamp: 1_600_000_000, data: [{ post: 'Se https://example.com/a' }], attachments: [{ data: [{ external_context: { url: 'https://example.com/a' } }] }] },
      ]),
    });
    expect((await readHistory(facebookFormat, archive)).posts.map((post) => post.text)).toStrictEqual(['Se https://example.com/a']);
  });
});

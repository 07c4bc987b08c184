import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { instagramFormat } from '../../../electron/core/history/instagram-format';
import { folderArchive, memoryArchive, readHistory } from '../../support/memory-archive';

const FIXTURES = path.resolve(__dirname, '../../fixtures/history/instagram');

describe('reading an Instagram export', () => {
  it('reads the 2025 layout (your_instagram_activity/media/posts_1.json) with Danish letters and emoji repaired', async () => {
    const archive = folderArchive(path.join(FIXTURES, '2025'), 'instagram-testperson-2025.zip');
    expect(await instagramFormat.detect(archive)).toBe(true);
    const { posts, skipped } = await readHistory(instagramFormat, archive);
    expect(posts.map(({ text, publishedAt, kind, url, network }) => ({ text, publishedAt, kind, url, network }))).toStrictEqual([
      { network: 'instagram', text: 'Sommer på Ærø 🌞 æbleskiver til alle', publishedAt: '2024-06-20T08:00:00.000Z', kind: 'post', url: null },
      { network: 'instagram', text: 'Første tur til Østerbro — blåbær og øl 🍺\n#københavn', publishedAt: '2024-06-27T08:00:00.000Z', kind: 'post', url: null },
      { network: 'instagram', text: 'Å nej, Ålborg regner igen ☔ 👨‍👩‍👧', publishedAt: '2024-07-04T08:00:00.000Z', kind: 'post', url: null },
    ]);
    // Images are named by their place in the archive; the carousel keeps both, in order.
    expect(posts.map((post) => post.media.map((media) => media.path))).toStrictEqual([
      ['media/posts/202406/17900000000000001.png'],
      ['media/posts/202406/17900000000000002.png', 'media/posts/202406/17900000000000003.png'],
      [],
    ]);
    expect(skipped).toStrictEqual([
      {
        where: 'your_instagram_activity/media/posts_1.json, item 3',
        reason: 'media/posts/202407/17900000000000004.mp4 is not an image Spheres keeps (JPEG, PNG, GIF or WebP); the post is imported without it.',
      },
    ]);
    // Listing the posts reads only the posts file: images are read when they are stored.
    expect(archive.reads).toStrictEqual(['your_instagram_activity/media/posts_1.json']);
  });

  it('reads the older layout (content/posts_1.json), keeping a post whose image is missing and saying which', async () => {
    const archive = folderArchive(path.join(FIXTURES, '2022'), 'instagram-testperson-2022.zip');
    expect(await instagramFormat.detect(archive)).toBe(true);
    const { posts, skipped } = await readHistory(instagramFormat, archive);
    expect(posts.map((post) => [post.text, post.publishedAt, post.media.map((media) => media.path)])).toStrictEqual([
      ['Forår i Æbelø skov 🌱', '2022-03-18T00:00:00.000Z', ['media/posts/202203/17800000000000001.png']],
      ['Fødselsdag 🎂🎉 tak for alle hilsner!', '2022-03-25T00:00:00.000Z', ['media/posts/202203/17800000000000002.png']],
    ]);
    expect(skipped).toStrictEqual([
      {
        where: 'content/posts_1.json, item 2',
        reason: 'The image media/posts/202203/17800000000000099.png is not in instagram-testperson-2022.zip; the post is imported without it.',
      },
    ]);
  });

  it('reads media/posts_1.json at the top, numbered files in order, and a re-zipped folder', async () => {
    const post = (uri: string, title: string, at: number) => ({ media: [{ uri, creation_timestamp: at, title }] });
    const archive = memoryArchive('again.zip', {
      'instagram-x/media/posts_2.json': JSON.stringify([post('media/posts/2/b.jpg', 'second file', 1_600_000_100)]),
      'instagram-x/media/posts_1.json': JSON.stringify([post('media/posts/1/a.jpg', 'first file', 1_600_000_000)]),
      'instagram-x/media/posts/1/a.jpg': new Uint8Array([0xff, 0xd8]),
    });
    const { posts, skipped } = await readHistory(instagramFormat, archive);
    expect(posts.map((item) => [item.text, item.media.map((media) => media.path)])).toStrictEqual([
      ['first file', ['instagram-x/media/posts/1/a.jpg']],
      ['second file', []],
    ]);
    expect(skipped.map((item) => item.where)).toStrictEqual(['instagram-x/media/posts_2.json, item 1']);
  });

  it('reads the 2024 layout (your_instagram_activity/content/posts_1.json)', async () => {
    const archive = memoryArchive('instagram-2024.zip', {
      'your_instagram_activity/content/posts_1.json': JSON.stringify([{ media: [{ uri: 'media/posts/202401/a.jpg', creation_timestamp: 1_704_067_200, title: 'Nyt\u00c3\u00a5r' }] }]),
      'media/posts/202401/a.jpg': new Uint8Array([0xff, 0xd8]),
    });
    expect(await instagramFormat.detect(archive)).toBe(true);
    const { posts } = await readHistory(instagramFormat, archive);
    expect(posts.map((post) => [post.text, post.media.map((media) => media.path)])).toStrictEqual([['Nytår', ['media/posts/202401/a.jpg']]]);
  });

  it('gives each post the same id in two downloads of the export, and different posts different ids', async () => {
    const first = await readHistory(instagramFormat, folderArchive(path.join(FIXTURES, '2025')));
    const again = await readHistory(instagramFormat, folderArchive(path.join(FIXTURES, '2025')));
    expect(again.posts.map((post) => post.remoteId)).toStrictEqual(first.posts.map((post) => post.remoteId));
    expect(new Set(first.posts.map((post) => post.remoteId)).size).toBe(3);
    expect(first.posts[0]!.remoteId).toMatch(/^1718870400-[0-9a-f]{16}$/);
  });

  it('is not detected in an export of another kind', async () => {
    expect(await instagramFormat.detect(folderArchive(path.resolve(FIXTURES, '../facebook')))).toBe(false);
    expect(await instagramFormat.detect(memoryArchive('tweets.zip', { 'data/tweets.js': 'window.YTD.tweets.part0 = []' }))).toBe(false);
  });
});

import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HISTORY_FORMATS, HistoryImportError, openExportSource, type HistorySource, type ImportedPost, type SkippedPost } from '../../../electron/core/history';
import { parseCsv } from '../../../electron/core/history/csv';
import { htmlToText } from '../../../electron/core/history/html-text';
import { parseXDate } from '../../../electron/core/history/formats/x-archive';
import { fixtureFiles, fixturePath, writeTarGz, writeZip } from '../../support/history-archives';

const dir = mkdtempSync(path.join(os.tmpdir(), 'spheres-history-formats-'));
const open: HistorySource[] = [];

async function read(file: string, name = path.basename(file)): Promise<{ source: HistorySource; posts: ImportedPost[]; skipped: SkippedPost[] }> {
  const source = await openExportSource(file, name, HISTORY_FORMATS);
  open.push(source);
  const skipped: SkippedPost[] = [];
  const posts: ImportedPost[] = [];
  for await (const post of source.posts((s) => skipped.push(s), new AbortController().signal)) posts.push(post);
  return { source, posts, skipped };
}

afterEach(async () => {
  for (const source of open.splice(0)) await source.close();
});

describe('the X archive', () => {
  it('reads every part file, expands t.co links, takes long posts from note-tweet.js and marks replies and retweets', async () => {
    const zip = await writeZip(path.join(dir, 'twitter-2024.zip'), fixtureFiles('x-archive'));
    const { source, posts, skipped } = await read(zip);
    expect(source.label).toBe('X archive');
    expect(posts.map((post) => [post.remoteId, post.kind])).toEqual([
      ['1600000000000000001', 'post'],
      ['1600000000000000002', 'reply'],
      ['1600000000000000003', 'repost'],
      ['1700000000000000004', 'post'],
      // A reply to one's own post is a thread: the person's post.
      ['1700000000000000005', 'post'],
    ]);
    const first = posts[0]!;
    expect(first.text).toBe('Slides from today & the notes: https://example.org/keynote');
    expect(first.publishedAt).toBe('2018-10-10T20:19:24.000Z');
    expect(first.url).toBe('https://x.com/spheres_demo/status/1600000000000000001');
    expect(first.media).toEqual([{ path: 'data/tweets_media/1600000000000000001-FakeImgA1.png', altText: '' }]);
    expect(posts[3]!.text).toBe(
      'Lang tekst om hvorfor vi holder fri om fredagen. Det startede som et forsøg og blev til en vane, som hele holdet nu værner om, fordi den giver plads til at tænke & læse. Mere her: https://example.org/fredag',
    );
    expect(posts[4]!.text).toBe('2/ And it works 🎉');
    expect(skipped).toEqual([{ where: 'data/tweets-part1.js, item 3 (post 1700000000000000006)', reason: 'its date "sometime in 2023" cannot be read' }]);
  });

  it('reads the older layout (data/tweet.js, no tweet wrapper)', async () => {
    const zip = await writeZip(path.join(dir, 'twitter-2019.zip'), fixtureFiles('x-archive-2019'));
    const { posts } = await read(zip);
    expect(posts).toEqual([
      { network: 'x', remoteId: '800000000000000001', url: 'https://x.com/i/web/status/800000000000000001', publishedAt: '2016-11-15T09:30:00.000Z', text: 'New blog post http://example.com/2016/post', kind: 'post', media: [] },
    ]);
  });

  it('reads tweets.js picked on its own', async () => {
    const { posts } = await read(fixturePath('x-archive', 'data/tweets.js'));
    expect(posts).toHaveLength(3);
  });

  it('reads X dates with their offset', () => {
    expect(parseXDate('Wed Oct 10 20:19:24 +0000 2018')).toBe('2018-10-10T20:19:24.000Z');
    expect(parseXDate('Wed Oct 10 22:19:24 +0200 2018')).toBe('2018-10-10T20:19:24.000Z');
    expect(parseXDate('yesterday')).toBeNull();
  });

  it('refuses a web page saved where tweets.js should be, naming the file and the entry', async () => {
    const files = new Map(fixtureFiles('x-archive'));
    files.set('data/tweets.js', '<!DOCTYPE html><html><body>Sign in to X</body></html>');
    const zip = await writeZip(path.join(dir, 'signed-out.zip'), files);
    const error = await read(zip).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(HistoryImportError);
    expect((error as HistoryImportError).message).toBe("signed-out.zip: data/tweets.js is a web page (HTML), not the export's data. Download the export again from the network's settings.");
  });
});

describe('the LinkedIn export', () => {
  it('reads Shares.csv with multi-line quoted fields, doubled quotes and UTC dates', async () => {
    const { source, posts, skipped } = await read(fixturePath('linkedin', 'Shares.csv'));
    expect(source.label).toBe('LinkedIn export');
    expect(posts).toEqual([
      {
        network: 'linkedin',
        remoteId: 'urn:li:share:7060000000000000001',
        url: 'https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A7060000000000000001',
        publishedAt: '2023-05-04T10:11:12.000Z',
        text: 'We are hiring!\n\nThree roles, one team. "Curious" people welcome, and yes, remote, too.',
        kind: 'post',
        media: [],
      },
      {
        network: 'linkedin',
        remoteId: 'urn:li:share:7070000000000000002',
        url: 'https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A7070000000000000002',
        publishedAt: '2023-06-01T08:00:00.000Z',
        text: 'Worth reading:\n\nhttps://example.org/article',
        kind: 'post',
        media: [],
      },
    ]);
    expect(skipped).toEqual([{ where: 'Shares.csv, line 6', reason: 'its date "not a date" cannot be read' }]);
  });

  it('reads the same file inside the zip', async () => {
    const zip = await writeZip(path.join(dir, 'Basic_LinkedInDataExport.zip'), new Map([['Shares.csv', fixtureFiles('linkedin').get('Shares.csv')!], ['Profile.csv', 'First Name\nDemo\n']]));
    expect((await read(zip)).posts).toHaveLength(2);
  });

  it('parses CSV as RFC 4180 says', () => {
    expect(parseCsv('a,"b, ""c""\nd",e\r\n\r\nf,,\n').map((row) => row.fields)).toEqual([
      ['a', 'b, "c"\nd', 'e'],
      ['f', '', ''],
    ]);
    expect(() => parseCsv('a,"never closed\n')).toThrow('a quoted field that starts on line 1 is never closed');
  });
});

describe('the Mastodon archive', () => {
  for (const kind of ['zip', 'tar.gz'] as const) {
    it(`reads outbox.json from a ${kind}: own posts, replies, boosts, HTML as text, attachments with alt text, no private messages`, async () => {
      const file = path.join(dir, `archive-20230401.${kind}`);
      if (kind === 'zip') await writeZip(file, fixtureFiles('mastodon'));
      else await writeTarGz(file, fixtureFiles('mastodon'));
      const { source, posts, skipped } = await read(file);
      expect(source.label).toBe('Mastodon archive');
      expect(posts).toEqual([
        {
          network: 'mastodon',
          remoteId: 'https://social.example/users/demo/statuses/110000000000000001',
          url: 'https://social.example/@demo/110000000000000001',
          publishedAt: '2023-02-01T09:00:00.000Z',
          text: 'Første dag på det nye kontor & alt er kasser.\n\nMere om flytningen: https://example.org/flytning/del-1\nMed @kim #kontor',
          kind: 'post',
          media: [{ path: 'media_attachments/files/110/200/300/original/boxes.png', altText: 'Stacks of moving boxes in an empty office' }],
        },
        {
          network: 'mastodon',
          remoteId: 'https://social.example/users/demo/statuses/110000000000000002',
          url: 'https://social.example/@demo/110000000000000002',
          publishedAt: '2023-02-02T10:00:00.000Z',
          text: '@kim Ja, vinduespladsen er min 😄',
          kind: 'reply',
          media: [],
          contentWarning: 'Kontorpolitik',
        },
        {
          network: 'mastodon',
          remoteId: 'https://social.example/users/demo/statuses/110000000000000003/activity',
          url: 'https://other.example/users/kim/statuses/6',
          publishedAt: '2023-02-03T11:00:00.000Z',
          text: 'https://other.example/users/kim/statuses/6',
          kind: 'repost',
          media: [],
        },
        {
          network: 'mastodon',
          remoteId: 'https://social.example/users/demo/statuses/110000000000000005',
          url: 'https://social.example/@demo/110000000000000005',
          publishedAt: '2023-03-05T08:30:00.000Z',
          text: 'Line one\nLine two <3',
          kind: 'post',
          media: [],
        },
      ]);
      expect(skipped).toEqual([{ where: 'outbox.json, item 4 (https://social.example/users/demo/statuses/110000000000000004)', reason: 'a private message, not a post' }]);
      const image = Buffer.from(await source.readMedia('media_attachments/files/110/200/300/original/boxes.png', 1000));
      expect(image.equals(fixtureFiles('mastodon').get('media_attachments/files/110/200/300/original/boxes.png') as Buffer)).toBe(true);
    });
  }

  it('turns HTML into text with paragraphs, line breaks and links kept', () => {
    expect(htmlToText('<p>a &amp; b</p><p>c<br>d <a href="https://e.example/x">the article</a></p>')).toBe('a & b\n\nc\nd the article');
  });
});

describe('an export Spheres does not know', () => {
  it('is refused with the file named and what Spheres reads', async () => {
    const zip = await writeZip(path.join(dir, 'holiday-photos.zip'), new Map([['IMG_0001.txt', 'not an export']]));
    await expect(read(zip)).rejects.toThrow('holiday-photos.zip is not a data export Spheres can read. It reads: X archive, LinkedIn export, Mastodon archive, Instagram and Threads export, Instagram export, Threads export, Facebook export.');
  });
});

import { describe, expect, it } from 'vitest';
import { facebookFormat } from '../../../electron/core/history/facebook-format';
import { HistoryImportError, type HistoryFormat } from '../../../electron/core/history/history-format';
import { instagramFormat } from '../../../electron/core/history/instagram-format';
import { META_JSON_MAX_BYTES, META_MAX_TEXT_CHARS } from '../../../electron/core/history/meta-export';
import { threadsFormat } from '../../../electron/core/history/threads-format';
import { memoryArchive, readHistory } from '../../support/memory-archive';

const POSTS_FILE: Record<'instagram' | 'threads' | 'facebook', [HistoryFormat, string]> = {
  instagram: [instagramFormat, 'your_instagram_activity/media/posts_1.json'],
  threads: [threadsFormat, 'your_instagram_activity/threads/threads_and_replies.json'],
  facebook: [facebookFormat, 'your_activity_across_facebook/posts/your_posts_1.json'],
};

async function refusal(format: HistoryFormat, files: Record<string, string | Uint8Array>): Promise<HistoryImportError> {
  const error: unknown = await readHistory(format, memoryArchive('export.zip', files)).then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!(error instanceof HistoryImportError)) throw new Error(`expected a HistoryImportError, got ${String(error)}`);
  return error;
}

describe.each(Object.entries(POSTS_FILE))('a hostile %s export', (_network, [format, file]) => {
  it('refuses HTML where JSON was expected, naming the file and what to do', async () => {
    const error = await refusal(format, { [file]: '<!DOCTYPE html><html><body>Your posts</body></html>' });
    expect(error.code).toBe('wrong_kind');
    expect(error.message).toBe(`export.zip: ${file} is a web page (HTML), not JSON. Request the ${format.label} again with the format set to JSON instead of HTML.`);
  });

  it('refuses JSON cut short, naming the file', async () => {
    const error = await refusal(format, { [file]: '[{"media": [{"uri": "media/posts/1.jpg"' });
    expect(error.code).toBe('damaged');
    expect(error.message).toMatch(new RegExp(`^export\\.zip: ${file.replace(/\./g, '\\.')} is not valid JSON \\(.+\\)\\. The export may be cut short: download it again\\.$`));
  });

  it('refuses JSON of the wrong shape, naming the file', async () => {
    const error = await refusal(format, { [file]: JSON.stringify(format === threadsFormat ? [] : { text_post_app_text_posts: [] }) });
    expect(error.code).toBe('wrong_kind');
    expect(error.message).toMatch(new RegExp(`^export\\.zip: ${file.replace(/\./g, '\\.')} is not (Instagram's|Threads'|Facebook's) list of posts`));
  });

  it('refuses an export without its posts file', async () => {
    const error = await refusal(format, { 'data/tweets.js': 'window.YTD.tweets.part0 = []' });
    expect(error.code).toBe('wrong_kind');
    expect(error.message).toMatch(/^export\.zip /);
  });

  it('passes the reader a size cap, so a posts file too large to hold is refused by name', async () => {
    const archive = memoryArchive('export.zip', { [file]: '[]' });
    const caps: (number | undefined)[] = [];
    const read = archive.read;
    archive.read = (path, maxBytes) => {
      caps.push(maxBytes);
      return read(path, 1);
    };
    const error: unknown = await readHistory(format, archive).catch((caught: unknown) => caught);
    expect(caps).toStrictEqual([META_JSON_MAX_BYTES]);
    expect(error).toBeInstanceOf(HistoryImportError);
    expect((error as HistoryImportError).code).toBe('too_large');
    expect((error as HistoryImportError).message).toContain(file);
  });
});

describe('hostile posts inside a Meta export', () => {
  it('skips an item of the wrong shape and a post with a huge text, telling where and why, and keeps the rest', async () => {
    const huge = 'æ'.repeat(META_MAX_TEXT_CHARS + 1);
    const archive = memoryArchive('instagram.zip', {
      'content/posts_1.json': JSON.stringify([
        { media: 'not a list' },
        { media: [{ uri: '', creation_timestamp: 1_600_000_000, title: huge }] },
        { media: [{ uri: '', title: 'no time' }] },
        { media: [{ uri: 'https://cdn.example/remote.jpg', creation_timestamp: 1_600_000_100, title: 'kept' }] },
      ]),
    });
    const { posts, skipped } = await readHistory(instagramFormat, archive);
    expect(posts.map((post) => [post.text, post.media])).toStrictEqual([['kept', []]]);
    expect(skipped).toStrictEqual([
      { where: 'content/posts_1.json, item 1', reason: 'It is not shaped like an Instagram post (media: Invalid input: expected array, received string).' },
      { where: 'content/posts_1.json, item 2', reason: `Its text is 100,001 characters long, more than the 100,000 a post can hold; it was left out.` },
      { where: 'content/posts_1.json, item 3', reason: 'It has no time of posting.' },
      { where: 'content/posts_1.json, item 4', reason: 'The image https://cdn.example/remote.jpg is a web address, not a file in the export; the post is imported without it.' },
    ]);
  });

  it('never names a file outside the archive, even when a uri climbs out', async () => {
    const archive = memoryArchive('facebook.zip', {
      'posts/your_posts_1.json': JSON.stringify([{ timestamp: 1_600_000_000, data: [{ post: 'hi' }], attachments: [{ data: [{ media: { uri: '../../etc/passwd.png' } }] }] }]),
    });
    const { posts, skipped } = await readHistory(facebookFormat, archive);
    expect(posts.map((post) => post.media)).toStrictEqual([[]]);
    expect(skipped.map((item) => item.reason)).toStrictEqual(['The image ../../etc/passwd.png is not in facebook.zip; the post is imported without it.']);
  });

  it('stops when the import is cancelled', async () => {
    const archive = memoryArchive('threads.zip', {
      'threads/threads_and_replies.json': JSON.stringify({ text_post_app_text_posts: [{ media: [{ uri: '', creation_timestamp: 1_600_000_000, title: 'a' }] }] }),
    });
    const controller = new AbortController();
    controller.abort();
    await expect(readHistory(threadsFormat, archive, controller.signal)).rejects.toThrow(/abort/i);
  });
});

import { z } from 'zod';
import type { ArchiveReader, HistoryFormat, ImportedPost, SkippedPost } from './history-format';
import { HistoryImportError } from './history-format';
import { derivedRemoteId, exportRoot, importedMedia, matchingEntries, MetaMediaSchema, metaPostTextOrSkip, readMetaJson, shapeProblem } from './meta-export';
import { repairMetaText } from './meta-text';

/*
 * Threads' posts in Meta's "Download your information" export (JSON), which comes with the
 * Instagram export (https://help.instagram.com/181231772500920, choose JSON).
 * The file is `threads/threads_and_replies.json` (inside `your_instagram_activity/` since 2024), one
 * object `{ "text_post_app_text_posts": [ … ] }`; each post is shaped like an Instagram post
 * (`media[]` with `uri`, `creation_timestamp`, `title`; `title`/`creation_timestamp` on the post for
 * several images), a text-only post has one media item with an empty `uri`, and each media item's
 * `text_app_post.is_reply` says whether it answered someone. Key names as read by public parsers of
 * real exports (they also list the sibling keys text_post_app_media_likes and
 * text_post_app_text_post_app_saved_posts for likes and saved posts, which are not the person's posts).
 */

const THREADS_FILE = /(?:^|\/)threads\/threads_and_replies(?:_\d+)?\.json$/i;
const THREADS_ROOT = /(?:your_instagram_activity\/)?threads\/threads_and_replies(?:_\d+)?\.json$/i;

const ThreadsMedia = MetaMediaSchema.extend({
  text_app_post: z.object({ is_reply: z.boolean().optional() }).optional(),
});

const ThreadsPost = z.object({
  media: z.array(ThreadsMedia),
  title: z.string().optional(),
  creation_timestamp: z.number().optional(),
  text_app_post: z.object({ is_reply: z.boolean().optional() }).optional(),
});

const ThreadsFile = z.object({ text_post_app_text_posts: z.array(z.unknown()) });

export const threadsFormat: HistoryFormat = {
  network: 'threads',
  label: 'Threads export',
  async detect(archive: ArchiveReader): Promise<boolean> {
    return (await archive.entries()).some((entry) => THREADS_FILE.test(entry.path));
  },
  async *posts(archive: ArchiveReader, skip: (skipped: SkippedPost) => void, signal: AbortSignal): AsyncIterable<ImportedPost> {
    const paths = (await archive.entries()).map((entry) => entry.path);
    const files = matchingEntries(paths, THREADS_FILE);
    if (files.length === 0) {
      throw new HistoryImportError('wrong_kind', `${archive.name} holds no Threads posts: it has no threads/threads_and_replies.json.`);
    }
    const entries = new Set(paths);
    const seen = new Set<string>();
    for (const file of files) {
      signal.throwIfAborted();
      const json = ThreadsFile.safeParse(await readMetaJson(archive, file, 'Threads export'));
      if (!json.success) {
        throw new HistoryImportError('wrong_kind', `${archive.name}: ${file} is not Threads' list of posts (expected an object with "text_post_app_text_posts").`);
      }
      const root = exportRoot(file, THREADS_ROOT);
      for (const [index, item] of json.data.text_post_app_text_posts.entries()) {
        signal.throwIfAborted();
        const where = `${file}, item ${index + 1}`;
        const parsed = ThreadsPost.safeParse(item);
        if (!parsed.success) {
          skip({ where, reason: shapeProblem('a Threads post', parsed.error) });
          continue;
        }
        const post = parsed.data;
        const read = metaPostTextOrSkip({ title: post.title, timestamp: post.creation_timestamp, media: post.media }, where, skip);
        if (read === null) continue;
        const { text, publishedAt } = read;
        const uris = post.media.map((media) => media.uri ?? '').filter((uri) => uri !== '');
        if (text === '' && uris.length === 0) {
          skip({ where, reason: 'It holds neither text nor an image.' });
          continue;
        }
        const isReply = post.text_app_post?.is_reply === true || post.media.some((media) => media.text_app_post?.is_reply === true);
        const remoteId = derivedRemoteId(publishedAt, uris[0] === undefined ? undefined : repairMetaText(uris[0]), text);
        if (seen.has(remoteId)) continue;
        seen.add(remoteId);
        yield {
          network: 'threads',
          remoteId,
          // The export names no post code, so the threads.net/@…/post/… address is unknown.
          url: null,
          publishedAt,
          text,
          kind: isReply ? 'reply' : 'post',
          media: importedMedia(uris, { archive, entries, root, where, skip }),
        };
      }
    }
  },
};

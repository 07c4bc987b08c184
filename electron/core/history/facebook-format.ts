import { z } from 'zod';
import type { ArchiveReader, HistoryFormat, ImportedPost, SkippedPost } from './history-format';
import { HistoryImportError } from './history-format';
import { derivedRemoteId, exportRoot, importedMedia, instantOf, matchingEntries, readMetaJson, shapeProblem, textProblem } from './meta-export';
import { repairMetaText } from './meta-text';

/*
 * Facebook's "Download your information" export, JSON format: https://www.facebook.com/help/212802592074644
 * The person's posts are `posts/your_posts_1.json` in older exports and
 * `your_activity_across_facebook/posts/your_posts_1.json` (also named
 * `your_posts__check_ins__photos_and_videos_1.json`) in newer ones, numbered when split. Each file is
 * an array of `{ timestamp, title?, data: [{ post } | { update_timestamp }], attachments: [{ data:
 * [{ media: { uri, creation_timestamp, title, description } } | { external_context: { url } } | …] }] }`.
 * Sources: https://github.com/apparebit/deface (reads `posts/your_posts_n.json`, documents the
 * mojibake) and the structure excerpts in https://github.com/NorseKode/Waultar-App
 * (documents/parser/content_examples.md: attachments → data → media.uri / external_context.url).
 * A post has no id or address in the export: see derivedRemoteId (meta-export.ts).
 */

const POSTS_FILE = /(?:^|\/)posts\/your_posts(?:__check_ins__photos_and_videos)?_\d+\.json$/i;
const POSTS_ROOT = /(?:your_activity_across_facebook\/)?posts\/your_posts(?:__check_ins__photos_and_videos)?_\d+\.json$/i;

const FacebookPost = z.object({
  timestamp: z.number(),
  data: z.array(z.object({ post: z.string().optional() })).optional(),
  attachments: z
    .array(
      z.object({
        data: z.array(
          z.object({
            media: z.object({ uri: z.string() }).optional(),
            external_context: z.object({ url: z.string().optional() }).optional(),
          }),
        ),
      }),
    )
    .optional(),
});

export const facebookFormat: HistoryFormat = {
  network: 'facebook',
  label: 'Facebook export',
  async detect(archive: ArchiveReader): Promise<boolean> {
    return (await archive.entries()).some((entry) => POSTS_FILE.test(entry.path));
  },
  async *posts(archive: ArchiveReader, skip: (skipped: SkippedPost) => void, signal: AbortSignal): AsyncIterable<ImportedPost> {
    const paths = (await archive.entries()).map((entry) => entry.path);
    const files = matchingEntries(paths, POSTS_FILE);
    if (files.length === 0) {
      throw new HistoryImportError('wrong_kind', `${archive.name} is not a Facebook export: it has no posts/your_posts_1.json.`);
    }
    const entries = new Set(paths);
    const seen = new Set<string>();
    for (const file of files) {
      signal.throwIfAborted();
      const json = await readMetaJson(archive, file, 'Facebook export');
      if (!Array.isArray(json)) {
        throw new HistoryImportError('wrong_kind', `${archive.name}: ${file} is not Facebook's list of posts (expected a JSON array).`);
      }
      const root = exportRoot(file, POSTS_ROOT);
      for (const [index, item] of json.entries()) {
        signal.throwIfAborted();
        const where = `${file}, item ${index + 1}`;
        const parsed = FacebookPost.safeParse(item);
        if (!parsed.success) {
          skip({ where, reason: shapeProblem('a Facebook post', parsed.error) });
          continue;
        }
        const post = parsed.data;
        const publishedAt = instantOf(post.timestamp);
        if (publishedAt === null) {
          skip({ where, reason: 'It has no time of posting.' });
          continue;
        }
        const attached = (post.attachments ?? []).flatMap((attachment) => attachment.data);
        const uris = attached.flatMap((data) => (data.media === undefined ? [] : [data.media.uri]));
        const links = attached.flatMap((data) => (data.external_context?.url === undefined ? [] : [repairMetaText(data.external_context.url).trim()])).filter((url) => url !== '');
        const written = (post.data ?? []).flatMap((data) => (data.post === undefined ? [] : [repairMetaText(data.post).trim()])).filter((text) => text !== '');
        // A shared link belongs to the post; the export keeps it apart from the text, so it is added when the text does not already hold it.
        const text = [...written, ...links.filter((link) => !written.some((part) => part.includes(link)))].join('\n\n');
        const tooLong = textProblem(text);
        if (tooLong !== null) {
          skip({ where, reason: tooLong });
          continue;
        }
        if (text === '' && uris.length === 0) {
          // Check-ins, "updated their profile picture" notes and the like: nothing the person wrote.
          skip({ where, reason: 'It holds no text, link or image of its own.' });
          continue;
        }
        const remoteId = derivedRemoteId(publishedAt, uris[0] === undefined ? undefined : repairMetaText(uris[0]), text);
        if (seen.has(remoteId)) continue;
        seen.add(remoteId);
        yield {
          network: 'facebook',
          remoteId,
          url: null,
          publishedAt,
          text,
          kind: 'post',
          media: importedMedia(uris, { archive, entries, root, where, skip }),
        };
      }
    }
  },
};

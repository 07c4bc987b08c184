import { z } from 'zod';
import type { ArchiveReader, HistoryFormat, ImportedPost, SkippedPost } from './history-format';
import { HistoryImportError } from './history-format';
import { derivedRemoteId, exportRoot, importedMedia, matchingEntries, MetaMediaSchema, metaPostTextOrSkip, readMetaJson, shapeProblem } from './meta-export';
import { repairMetaText } from './meta-text';

/*
 * Instagram's "Download your information" export, JSON format.
 * https://help.instagram.com/181231772500920 (how to request it; choose JSON, not HTML).
 * The posts file has had three homes, all seen in public parsers of real exports:
 *   content/posts_1.json                          (2021–2023)
 *   your_instagram_activity/content/posts_1.json  (2024)
 *   your_instagram_activity/media/posts_1.json    (2025; "media/" is also the older name of the folder)
 * e.g. https://github.com/PersonalDataPipeline/pdpl-cli (the 2018 layout, which had only media.json)
 * and the typed reader "posts_1.json data export from Instagram as of 2025/02/11". Each file is an
 * array of posts: `{ media: [{ uri, creation_timestamp, title, … }], title?, creation_timestamp? }`.
 * A post of one image keeps its caption and time on the image; a carousel has them on the post.
 * Image `uri`s are relative to the export's top folder ("media/posts/202406/1789….jpg").
 * Posts have no id or address in the export: see derivedRemoteId (meta-export.ts).
 */

const POSTS_FILE = /(?:^|\/)(?:your_instagram_activity\/)?(?:content|media)\/posts_\d+\.json$/i;

const InstagramPost = z.object({
  media: z.array(MetaMediaSchema),
  title: z.string().optional(),
  creation_timestamp: z.number().optional(),
});

export const instagramFormat: HistoryFormat = {
  network: 'instagram',
  label: 'Instagram export',
  async detect(archive: ArchiveReader): Promise<boolean> {
    return (await archive.entries()).some((entry) => POSTS_FILE.test(entry.path));
  },
  async *posts(archive: ArchiveReader, skip: (skipped: SkippedPost) => void, signal: AbortSignal): AsyncIterable<ImportedPost> {
    const paths = (await archive.entries()).map((entry) => entry.path);
    const files = matchingEntries(paths, POSTS_FILE);
    if (files.length === 0) {
      throw new HistoryImportError('wrong_kind', `${archive.name} is not an Instagram export: it has no content/posts_1.json or media/posts_1.json.`);
    }
    const entries = new Set(paths);
    const seen = new Set<string>();
    for (const file of files) {
      signal.throwIfAborted();
      const json = await readMetaJson(archive, file, 'Instagram export');
      if (!Array.isArray(json)) {
        throw new HistoryImportError('wrong_kind', `${archive.name}: ${file} is not Instagram's list of posts (expected a JSON array).`);
      }
      const root = exportRoot(file, /(?:your_instagram_activity\/)?(?:content|media)\/posts_\d+\.json$/i);
      for (const [index, item] of json.entries()) {
        signal.throwIfAborted();
        const where = `${file}, item ${index + 1}`;
        const parsed = InstagramPost.safeParse(item);
        if (!parsed.success) {
          skip({ where, reason: shapeProblem('an Instagram post', parsed.error) });
          continue;
        }
        const post = parsed.data;
        const read = metaPostTextOrSkip({ title: post.title, timestamp: post.creation_timestamp, media: post.media }, where, skip);
        if (read === null) continue;
        const { text, publishedAt } = read;
        const uris = post.media.map((media) => media.uri ?? '');
        const remoteId = derivedRemoteId(publishedAt, uris[0] === undefined ? undefined : repairMetaText(uris[0]), text);
        if (seen.has(remoteId)) continue;
        seen.add(remoteId);
        yield {
          network: 'instagram',
          remoteId,
          // The export names no shortcode, so the post's instagram.com/p/… address is unknown.
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

import { createHash } from 'node:crypto';
import { z } from 'zod';
import { HistoryImportError, type ArchiveReader, type ImportedMedia, type SkippedPost } from './history-format';
import { repairMetaText } from './meta-text';

/*
 * What Facebook, Instagram and Threads exports ("Download your information", JSON) share: one JSON
 * file per kind of content, strings in Meta's mojibake (meta-text.ts), Unix times in seconds, media
 * named by `uri` relative to the export's top folder, and no id or address of the post itself.
 */

/** The largest posts file read whole (then parsed: about three times this in memory). Meta splits posts over numbered files (posts_1, posts_2…); years of posts make a few MB of JSON, so 128 MB leaves room without letting a hostile file take the memory. */
export const META_JSON_MAX_BYTES = 128 * 1024 * 1024;
/** A post's text past this many characters is not a post anyone wrote (Facebook's own limit is 63,206): the post is skipped and told. */
export const META_MAX_TEXT_CHARS = 100_000;

/** Images the media library takes (electron/core/media/image-kind.ts); videos and the rest are left out, and told. */
const IMAGE_FILE = /\.(jpe?g|png|gif|webp)$/i;

/** The JSON of one entry, or a HistoryImportError naming the person's file and the entry. */
export async function readMetaJson(archive: ArchiveReader, path: string, exportName: string): Promise<unknown> {
  let bytes: Uint8Array;
  try {
    bytes = await archive.read(path, META_JSON_MAX_BYTES);
  } catch (error) {
    if (error instanceof HistoryImportError) throw error;
    throw new HistoryImportError('unreadable', `${archive.name}: ${path} could not be read (${error instanceof Error ? error.message : String(error)}).`, { cause: error });
  }
  const text = new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
  if (/^\s*</.test(text)) {
    throw new HistoryImportError(
      'wrong_kind',
      `${archive.name}: ${path} is a web page (HTML), not JSON. Request the ${exportName} again with the format set to JSON instead of HTML.`,
    );
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new HistoryImportError('damaged', `${archive.name}: ${path} is not valid JSON (${error instanceof Error ? error.message : String(error)}). The export may be cut short: download it again.`, {
      cause: error,
    });
  }
}

/** Entries whose path matches, numbered files in their order (posts_1, posts_2, … posts_10). */
export function matchingEntries(paths: readonly string[], pattern: RegExp): string[] {
  const numberOf = (path: string): number => Number(/_(\d+)\.json$/i.exec(path)?.[1] ?? 0);
  return paths.filter((path) => pattern.test(path)).sort((a, b) => numberOf(a) - numberOf(b) || a.localeCompare(b));
}

/**
 * The folder the export's `uri`s are relative to: what comes before `marker` in the JSON file's
 * path ("" normally; "instagram-name-2024/" when someone zipped the unpacked folder again).
 */
export function exportRoot(jsonPath: string, marker: RegExp): string {
  const match = marker.exec(jsonPath);
  return match === null ? '' : jsonPath.slice(0, match.index);
}

/** A Unix time in seconds as an ISO instant, or null when it is not one. */
export function instantOf(seconds: unknown): string | null {
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds <= 0 || seconds > 32503680000) return null;
  return new Date(Math.round(seconds * 1000)).toISOString();
}

/**
 * Meta's exports hold no id of a post. This one is stable across two downloads of the same
 * account's export: its time and its first image's file name (Meta names media files by their own
 * numeric id), or its text when it has no image. So importing a newer export again adds nothing.
 */
export function derivedRemoteId(publishedAt: string, firstMediaUri: string | undefined, text: string): string {
  const seconds = Math.round(Date.parse(publishedAt) / 1000);
  const key = firstMediaUri !== undefined && firstMediaUri !== '' ? `media:${firstMediaUri.replace(/^.*\//, '')}` : `text:${text}`;
  return `${seconds}-${createHash('sha256').update(key).digest('hex').slice(0, 16)}`;
}

export interface MediaContext {
  archive: ArchiveReader;
  entries: ReadonlySet<string>;
  root: string;
  where: string;
  skip: (skipped: SkippedPost) => void;
}

/** The post's images that are in the export; each one left out is told through `skip` (the post itself is kept). */
export function importedMedia(uris: readonly string[], context: MediaContext): ImportedMedia[] {
  const media: ImportedMedia[] = [];
  for (const raw of uris) {
    const uri = repairMetaText(raw).trim();
    if (uri === '') continue;
    if (/^[a-z][a-z0-9+.-]*:/i.test(uri)) {
      context.skip({ where: context.where, reason: `The image ${uri} is a web address, not a file in the export; the post is imported without it.` });
      continue;
    }
    const relative = uri.replace(/^\.?\/+/, '');
    // Relative to the export's top folder; a file at the archive's own top is taken too.
    const path = [`${context.root}${relative}`, relative].find((candidate) => context.entries.has(candidate)) ?? `${context.root}${relative}`;
    if (!IMAGE_FILE.test(path)) {
      context.skip({ where: context.where, reason: `${uri} is not an image Spheres keeps (JPEG, PNG, GIF or WebP); the post is imported without it.` });
      continue;
    }
    if (!context.entries.has(path)) {
      context.skip({ where: context.where, reason: `The image ${uri} is not in ${context.archive.name}; the post is imported without it.` });
      continue;
    }
    media.push({ path, altText: '' });
  }
  return media;
}

/** Why a post's text is refused, or null when it is fine. */
export function textProblem(text: string): string | null {
  if (text.length > META_MAX_TEXT_CHARS) {
    return `Its text is ${text.length.toLocaleString('en')} characters long, more than the ${META_MAX_TEXT_CHARS.toLocaleString('en')} a post can hold; it was left out.`;
  }
  return null;
}

/** An image (or video) of an Instagram or Threads post, as the export lists it. */
export const MetaMediaSchema = z.object({
  uri: z.string().optional(),
  creation_timestamp: z.number().optional(),
  title: z.string().optional(),
});

/** Instagram and Threads keep a post's text and time on the post, or (one image, or a text post) on its first media item. */
export function metaPostText(parts: {
  title: string | undefined;
  timestamp: number | undefined;
  media: readonly z.infer<typeof MetaMediaSchema>[];
}): { text: string; publishedAt: string | null } {
  const first = parts.media[0];
  const text = repairMetaText(parts.title ?? first?.title ?? '').trim();
  return { text, publishedAt: instantOf(parts.timestamp ?? first?.creation_timestamp) };
}

/**
 * An Instagram or Threads post's text and time, or null when the post is skipped for want of a
 * time or for a text no post can hold (told through `skip` with where it is).
 */
export function metaPostTextOrSkip(
  parts: Parameters<typeof metaPostText>[0],
  where: string,
  skip: (skipped: SkippedPost) => void,
): { text: string; publishedAt: string } | null {
  const { text, publishedAt } = metaPostText(parts);
  if (publishedAt === null) {
    skip({ where, reason: 'It has no time of posting.' });
    return null;
  }
  const tooLong = textProblem(text);
  if (tooLong !== null) {
    skip({ where, reason: tooLong });
    return null;
  }
  return { text, publishedAt };
}

/** The reason an item of the export is not a post, for the import's report. */
export function shapeProblem(what: string, error: z.ZodError): string {
  const issue = error.issues[0];
  const at = issue === undefined || issue.path.length === 0 ? 'the item' : issue.path.join('.');
  return `It is not shaped like ${what} (${at}: ${issue?.message ?? 'unexpected'}).`;
}

import { findEntry, parseJson, readText } from '../data-files';
import { htmlToText } from '../html-text';
import { HistoryImportError, type ArchiveReader, type HistoryFormat, type ImportedMedia, type ImportedPost, type SkippedPost } from '../history-format';

/*
 * Mastodon's "Request your archive" (Preferences → Import and export; https://docs.joinmastodon.org/user/moving/#export):
 * a zip (a tar.gz before Mastodon 4.x) with
 *   outbox.json                   an ActivityStreams OrderedCollection: orderedItems are `Create`
 *                                 (the person's posts, a Note in `object`) and `Announce` (boosts,
 *                                 `object` is the boosted post's address)
 *   media_attachments/files/…     the attachments, at the path each Note's attachment `url` names
 *   actor.json                    the profile
 * A Note has id, url, published, content (HTML), summary (content warning), inReplyTo, to/cc
 * (public, followers, or only the people mentioned: a direct message) and attachment[] with
 * mediaType, url and name (the alt text). See https://docs.joinmastodon.org/spec/activitypub/.
 */

const PUBLIC = 'https://www.w3.org/ns/activitystreams#Public';

interface Attachment {
  url?: unknown;
  name?: unknown;
  mediaType?: unknown;
}
interface Note {
  id?: unknown;
  url?: unknown;
  published?: unknown;
  content?: unknown;
  summary?: unknown;
  inReplyTo?: unknown;
  to?: unknown;
  cc?: unknown;
  directMessage?: unknown;
  attachment?: unknown;
}
interface Activity {
  id?: unknown;
  type?: unknown;
  published?: unknown;
  object?: unknown;
  to?: unknown;
  cc?: unknown;
}

function outboxEntry(paths: readonly string[]): string | undefined {
  return findEntry(paths, /(^|\/)outbox\.json$/);
}

const list = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : typeof value === 'string' ? [value] : []);

/** Seen by more than the people it mentions: public, unlisted or followers-only. */
function isDirect(note: Note, activity: Activity): boolean {
  if (note.directMessage === true) return true;
  const audience = [...list(note.to), ...list(note.cc), ...list(activity.to), ...list(activity.cc)];
  if (audience.length === 0) return false;
  return !audience.some((address) => address === PUBLIC || address === 'as:Public' || address.endsWith('/followers'));
}

function instant(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const time = Date.parse(value);
  return /^\d{4}-\d{2}-\d{2}T/.test(value) && Number.isFinite(time) ? new Date(time).toISOString() : null;
}

export const mastodonOutbox: HistoryFormat = {
  network: 'mastodon',
  label: 'Mastodon archive',

  async detect(archive) {
    return outboxEntry((await archive.entries()).map((entry) => entry.path)) !== undefined;
  },

  async *posts(archive: ArchiveReader, skip, signal) {
    const paths = (await archive.entries()).map((entry) => entry.path);
    const entry = outboxEntry(paths)!;
    const root = entry.replace(/outbox\.json$/, '');
    const files = new Set(paths);
    const outbox = parseJson(await readText(archive, entry), archive, entry) as { type?: unknown; orderedItems?: unknown } | null;
    if (outbox === null || typeof outbox !== 'object' || !Array.isArray(outbox.orderedItems)) {
      throw new HistoryImportError('wrong_kind', `${archive.name}: ${entry} is not a Mastodon outbox (it has no orderedItems).`);
    }
    const items = outbox.orderedItems as unknown[];
    for (let index = 0; index < items.length; index++) {
      if (signal.aborted) return;
      const where = `${entry}, item ${index + 1}`;
      const post = toPost(items[index] as Activity, { where, root, files, skip });
      if (post !== null) yield post;
    }
  },
};

interface Context {
  where: string;
  root: string;
  files: Set<string>;
  skip: (skipped: SkippedPost) => void;
}

function toPost(activity: Activity, context: Context): ImportedPost | null {
  if (activity === null || typeof activity !== 'object') {
    context.skip({ where: context.where, reason: 'it is not an activity' });
    return null;
  }
  if (activity.type === 'Announce') {
    const boosted = typeof activity.object === 'string' ? activity.object : null;
    const publishedAt = instant(activity.published);
    if (typeof activity.id !== 'string' || boosted === null || publishedAt === null) {
      context.skip({ where: context.where, reason: 'a boost without its address or date' });
      return null;
    }
    return { network: 'mastodon', remoteId: activity.id, url: boosted, publishedAt, text: boosted, kind: 'repost', media: [] };
  }
  if (activity.type !== 'Create') {
    // Likes, follows and the like are not posts; nothing to report.
    return null;
  }
  const note = activity.object as Note | null;
  if (note === null || typeof note !== 'object' || typeof note.id !== 'string') {
    context.skip({ where: context.where, reason: 'a post without its content' });
    return null;
  }
  const publishedAt = instant(note.published) ?? instant(activity.published);
  if (publishedAt === null) {
    context.skip({ where: `${context.where} (${note.id})`, reason: 'its date cannot be read' });
    return null;
  }
  if (isDirect(note, activity)) {
    context.skip({ where: `${context.where} (${note.id})`, reason: 'a private message, not a post' });
    return null;
  }
  const media: ImportedMedia[] = [];
  for (const attachment of Array.isArray(note.attachment) ? (note.attachment as Attachment[]) : []) {
    const file = archivePath(attachment.url, context.root);
    if (file === null || !context.files.has(file)) continue;
    media.push({ path: file, altText: typeof attachment.name === 'string' ? attachment.name : '' });
  }
  const summary = typeof note.summary === 'string' ? htmlToText(note.summary) : '';
  return {
    network: 'mastodon',
    remoteId: note.id,
    url: typeof note.url === 'string' ? note.url : note.id,
    publishedAt,
    text: typeof note.content === 'string' ? htmlToText(note.content) : '',
    kind: typeof note.inReplyTo === 'string' && note.inReplyTo.length > 0 ? 'reply' : 'post',
    media,
    ...(summary.length > 0 ? { contentWarning: summary } : {}),
  };
}

/** An attachment's `url` ("/media_attachments/files/…/original/x.png", or a full address) as the entry in the archive. */
function archivePath(url: unknown, root: string): string | null {
  if (typeof url !== 'string' || url.length === 0) return null;
  let pathname = url;
  if (/^https?:\/\//.test(url)) {
    try {
      pathname = new URL(url).pathname;
    } catch {
      return null;
    }
  }
  const relative = pathname.replace(/^\/+/, '');
  return relative.length === 0 ? null : `${root}${relative}`;
}

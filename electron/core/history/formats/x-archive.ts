import { decodeEntities } from '../html-text';
import { findEntry, parseJson, readText, stripYtdPrefix } from '../data-files';
import { HistoryImportError, type ArchiveReader, type HistoryFormat, type ImportedMedia, type ImportedPost, type SkippedPost } from '../history-format';

/*
 * The X (Twitter) archive, "Download an archive of your data" (https://help.x.com/en/managing-your-account/how-to-download-your-x-archive):
 *   data/tweets.js, data/tweets-part1.js …   window.YTD.tweets.part0 = [ { "tweet": { … } }, … ]
 *                                             (older archives: data/tweet.js and window.YTD.tweet.part0)
 *   data/note-tweet.js                        posts longer than 280 characters, whose tweet holds only the start
 *   data/tweets_media/<tweet id>-<file>       each image, named after its tweet and the file in media_url_https
 *   data/account.js                           the username, for each post's address
 * A tweet carries full_text (HTML-escaped), created_at ("Wed Oct 10 20:19:24 +0000 2018"),
 * in_reply_to_status_id_str, entities.urls (t.co → expanded_url) and entities/extended_entities.media.
 * Layout as described at https://mattstein.com/thoughts/publish-your-tweets/ and in the archive's own README.
 */

const TWEET_FILE = /(^|\/)data\/(tweets?|tweets?-part\d+)\.js$/;

interface TweetUrl {
  url?: string;
  expanded_url?: string;
}
interface TweetMedia {
  url?: string;
  media_url_https?: string;
  media_url?: string;
  ext_alt_text?: string;
}
interface Tweet {
  id_str?: string;
  id?: string;
  full_text?: string;
  text?: string;
  created_at?: string;
  in_reply_to_status_id_str?: string | null;
  in_reply_to_user_id_str?: string | null;
  retweeted?: boolean;
  entities?: { urls?: TweetUrl[]; media?: TweetMedia[] };
  extended_entities?: { media?: TweetMedia[] };
}
interface NoteTweet {
  createdAt?: string;
  core?: { text?: string; urls?: { shortUrl?: string; expandedUrl?: string }[] };
}

const MONTHS: Record<string, string> = { Jan: '01', Feb: '02', Mar: '03', Apr: '04', May: '05', Jun: '06', Jul: '07', Aug: '08', Sep: '09', Oct: '10', Nov: '11', Dec: '12' };

/** "Wed Oct 10 20:19:24 +0000 2018" → "2018-10-10T20:19:24.000Z"; null when it is not that shape. */
export function parseXDate(value: string): string | null {
  const match = /^[A-Z][a-z]{2} ([A-Z][a-z]{2}) (\d{2}) (\d{2}:\d{2}:\d{2}) ([+-]\d{2})(\d{2}) (\d{4})$/.exec(value.trim());
  if (match === null) {
    // Some tools re-save archives with ISO dates.
    const iso = Date.parse(value);
    return /^\d{4}-\d{2}-\d{2}T/.test(value) && Number.isFinite(iso) ? new Date(iso).toISOString() : null;
  }
  const [, month, day, time, offsetHours, offsetMinutes, year] = match;
  const monthNumber = MONTHS[month!];
  if (monthNumber === undefined) return null;
  const instant = Date.parse(`${year}-${monthNumber}-${day}T${time}${offsetHours}:${offsetMinutes}`);
  return Number.isFinite(instant) ? new Date(instant).toISOString() : null;
}

/** The tweet part files in the order X numbers them (tweets.js, tweets-part1.js, …). */
function tweetFiles(paths: readonly string[]): string[] {
  const partOf = (entryPath: string): number => Number(/-part(\d+)\.js$/.exec(entryPath)?.[1] ?? 0);
  return paths.filter((entryPath) => TWEET_FILE.test(entryPath)).sort((a, b) => partOf(a) - partOf(b));
}

async function readYtd(archive: ArchiveReader, entry: string): Promise<unknown[]> {
  const text = await readText(archive, entry);
  const json = stripYtdPrefix(text);
  if (json === text && !json.trimStart().startsWith('[')) {
    throw new HistoryImportError('wrong_kind', `${archive.name}: ${entry} does not look like a file of an X archive (it should start with "window.YTD.").`);
  }
  const parsed = parseJson(json, archive, entry);
  if (!Array.isArray(parsed)) throw new HistoryImportError('wrong_kind', `${archive.name}: ${entry} does not hold a list of posts.`);
  return parsed;
}

export const xArchive: HistoryFormat = {
  network: 'x',
  label: 'X archive',

  async detect(archive) {
    const paths = (await archive.entries()).map((entry) => entry.path);
    if (tweetFiles(paths).length > 0) return true;
    // One tweets.js picked on its own.
    if (paths.length === 1 && /^(tweets?|tweets?-part\d+)\.js$/.test(paths[0]!)) return true;
    return false;
  },

  async *posts(archive, skip, signal) {
    const paths = (await archive.entries()).map((entry) => entry.path);
    let files = tweetFiles(paths);
    if (files.length === 0) files = paths.filter((entryPath) => /^(tweets?|tweets?-part\d+)\.js$/.test(entryPath));
    const root = files[0]!.replace(/data\/[^/]+$/, '').replace(/[^/]+$/, '');
    const mediaPaths = new Set(paths.filter((entryPath) => /(^|\/)data\/tweets?_media\//.test(entryPath)));
    const { username, selfId } = await readAccount(archive, paths);
    const notes = await readNotes(archive, paths);
    const mediaDir = [...mediaPaths][0]?.replace(/[^/]+$/, '') ?? `${root}data/tweets_media/`;

    for (const file of files) {
      const items = await readYtd(archive, file);
      for (let index = 0; index < items.length; index++) {
        if (signal.aborted) return;
        const where = `${file}, item ${index + 1}`;
        const raw = items[index] as { tweet?: Tweet } | Tweet | null;
        const tweet: Tweet | null = raw !== null && typeof raw === 'object' ? ('tweet' in raw && raw.tweet !== undefined ? raw.tweet : (raw as Tweet)) : null;
        const post = tweet === null ? null : toPost(tweet, { username, selfId, notes, mediaPaths, mediaDir, where, skip });
        if (post !== null) yield post;
      }
    }
  },
};

interface Context {
  username: string | null;
  /** Replies to one's own posts (a thread) are the person's posts, not replies to others. */
  selfId: string | null;
  notes: Map<string, string[]>;
  mediaPaths: Set<string>;
  mediaDir: string;
  where: string;
  skip: (skipped: SkippedPost) => void;
}

function toPost(tweet: Tweet, context: Context): ImportedPost | null {
  const id = tweet.id_str ?? tweet.id;
  if (typeof id !== 'string' || !/^\d{1,25}$/.test(id)) {
    context.skip({ where: context.where, reason: 'it has no post id' });
    return null;
  }
  const publishedAt = typeof tweet.created_at === 'string' ? parseXDate(tweet.created_at) : null;
  if (publishedAt === null) {
    context.skip({ where: `${context.where} (post ${id})`, reason: `its date "${String(tweet.created_at).slice(0, 40)}" cannot be read` });
    return null;
  }
  const raw = tweet.full_text ?? tweet.text ?? '';
  const mediaItems = tweet.extended_entities?.media ?? tweet.entities?.media ?? [];
  let text = decodeEntities(raw);
  for (const link of tweet.entities?.urls ?? []) {
    if (typeof link.url === 'string' && typeof link.expanded_url === 'string' && link.url.length > 0) text = text.split(link.url).join(link.expanded_url);
  }
  // The t.co link of attached images points at the images themselves: they come as media instead.
  for (const item of mediaItems) if (typeof item.url === 'string' && item.url.length > 0) text = text.split(item.url).join('');
  text = text.trim();
  const note = findNote(context.notes, publishedAt, text);
  if (note !== null) text = note;

  const isRepost = tweet.retweeted === true || /^RT @\w+:/.test(raw);
  const replyTo = tweet.in_reply_to_status_id_str;
  const toSelf = tweet.in_reply_to_user_id_str != null && tweet.in_reply_to_user_id_str === context.selfId;
  const kind: ImportedPost['kind'] = isRepost ? 'repost' : typeof replyTo === 'string' && replyTo.length > 0 && !toSelf ? 'reply' : 'post';

  const media: ImportedMedia[] = [];
  const seen = new Set<string>();
  for (const item of mediaItems) {
    const remote = item.media_url_https ?? item.media_url;
    if (typeof remote !== 'string') continue;
    const file = `${context.mediaDir}${id}-${remote.replace(/^.*\//, '')}`;
    if (seen.has(file)) continue;
    seen.add(file);
    // Videos are saved as .mp4 under another name; an image X did not include is simply not there.
    if (context.mediaPaths.has(file)) media.push({ path: file, altText: typeof item.ext_alt_text === 'string' ? item.ext_alt_text : '' });
  }

  const url = context.username !== null ? `https://x.com/${context.username}/status/${id}` : `https://x.com/i/web/status/${id}`;
  return { network: 'x', remoteId: id, url, publishedAt, text, kind, media };
}

async function readAccount(archive: ArchiveReader, paths: readonly string[]): Promise<{ username: string | null; selfId: string | null }> {
  const entry = findEntry(paths, /(^|\/)data\/account\.js$/);
  if (entry === undefined) return { username: null, selfId: null };
  try {
    const items = await readYtd(archive, entry);
    const account = (items[0] as { account?: { username?: unknown; accountId?: unknown } } | undefined)?.account;
    return {
      username: typeof account?.username === 'string' && /^\w{1,50}$/.test(account.username) ? account.username : null,
      selfId: typeof account?.accountId === 'string' ? account.accountId : null,
    };
  } catch {
    // The account only makes links nicer and threads whole: a damaged account.js is no reason to stop.
    return { username: null, selfId: null };
  }
}

/** Long posts by the second they were written: their tweet carries only the first 280 characters. */
async function readNotes(archive: ArchiveReader, paths: readonly string[]): Promise<Map<string, string[]>> {
  const notes = new Map<string, string[]>();
  const entry = findEntry(paths, /(^|\/)data\/note-tweet\.js$/);
  if (entry === undefined) return notes;
  for (const item of await readYtd(archive, entry)) {
    const note = (item as { noteTweet?: NoteTweet } | null)?.noteTweet;
    const createdAt = typeof note?.createdAt === 'string' ? Date.parse(note.createdAt) : Number.NaN;
    if (!Number.isFinite(createdAt) || typeof note?.core?.text !== 'string') continue;
    let text = decodeEntities(note.core.text);
    for (const link of note.core.urls ?? []) {
      if (typeof link.shortUrl === 'string' && typeof link.expandedUrl === 'string' && link.shortUrl.length > 0) text = text.split(link.shortUrl).join(link.expandedUrl);
    }
    const key = new Date(Math.floor(createdAt / 1000) * 1000).toISOString();
    notes.set(key, [...(notes.get(key) ?? []), text]);
  }
  return notes;
}

function findNote(notes: Map<string, string[]>, publishedAt: string, text: string): string | null {
  const candidates = notes.get(publishedAt);
  if (candidates === undefined) return null;
  // The tweet's text is the note's start (then an ellipsis and a link): compare the first words.
  const start = text.slice(0, 40).replace(/…$/, '');
  return candidates.find((note) => note.startsWith(start)) ?? (candidates.length === 1 ? candidates[0]! : null);
}

import { parseCsv } from '../csv';
import { readText } from '../data-files';
import { HistoryImportError, type ArchiveReader, type HistoryFormat, type ImportedPost } from '../history-format';

/*
 * LinkedIn's "Get a copy of your data" (https://www.linkedin.com/help/linkedin/answer/a1339364):
 * the zip (or the file on its own) holds Shares.csv, one row per post:
 *   Date,ShareLink,ShareCommentary,SharedUrl,MediaUrl,Visibility
 *   2023-05-04 10:11:12,https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A7060…,"text…",…
 * Date is UTC without a zone; ShareCommentary is a quoted field with line breaks and doubled quotes
 * (RFC 4180). Some exports name the date column ShareDate. MediaUrl points at LinkedIn's servers,
 * not into the export, so images are not imported (Spheres fetches nothing on the person's behalf).
 */

const SHARES = /(^|\/)Shares\.csv$/i;

function sharesEntry(paths: readonly string[]): string | undefined {
  return paths.find((entryPath) => SHARES.test(entryPath));
}

/** "2023-05-04 10:11:12" (UTC) → ISO instant; null otherwise. */
export function parseLinkedInDate(value: string): string | null {
  const match = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2})?)(?:\s*UTC)?$/.exec(value.trim());
  if (match === null) return null;
  const instant = Date.parse(`${match[1]}T${match[2]!.length === 5 ? `${match[2]}:00` : match[2]}Z`);
  return Number.isFinite(instant) ? new Date(instant).toISOString() : null;
}

/** The share's URN from its link ("urn:li:share:7060…"), which is also what Spheres records when it posts. */
export function urnOf(link: string): string | null {
  let decoded = link;
  try {
    decoded = decodeURIComponent(link);
  } catch {
    // A link with a stray % is still searched as it is.
  }
  return /urn:li:(?:share|ugcPost|activity):\d+/.exec(decoded)?.[0] ?? null;
}

export const linkedInShares: HistoryFormat = {
  network: 'linkedin',
  label: 'LinkedIn export',

  async detect(archive) {
    return sharesEntry((await archive.entries()).map((entry) => entry.path)) !== undefined;
  },

  async *posts(archive: ArchiveReader, skip, signal) {
    const entry = sharesEntry((await archive.entries()).map((item) => item.path))!;
    const text = await readText(archive, entry);
    let rows: ReturnType<typeof parseCsv>;
    try {
      rows = parseCsv(text);
    } catch (error) {
      throw new HistoryImportError('damaged', `${archive.name}: ${entry} cannot be read as CSV: ${error instanceof Error ? error.message : String(error)}.`, { cause: error });
    }
    const header = rows[0]?.fields.map((field) => field.trim()) ?? [];
    const column = (...names: string[]): number => header.findIndex((name) => names.includes(name));
    const date = column('Date', 'ShareDate');
    const link = column('ShareLink');
    const commentary = column('ShareCommentary');
    const shared = column('SharedUrl', 'SharedURL');
    if (date < 0 || link < 0 || commentary < 0) {
      throw new HistoryImportError('wrong_kind', `${archive.name}: ${entry} does not have LinkedIn's columns (Date, ShareLink, ShareCommentary); it starts "${header.join(',').slice(0, 80)}".`);
    }
    for (const row of rows.slice(1)) {
      if (signal.aborted) return;
      const where = `${entry}, line ${row.line}`;
      const publishedAt = parseLinkedInDate(row.fields[date] ?? '');
      if (publishedAt === null) {
        skip({ where, reason: `its date "${(row.fields[date] ?? '').slice(0, 40)}" cannot be read` });
        continue;
      }
      const shareLink = (row.fields[link] ?? '').trim();
      const remoteId = urnOf(shareLink) ?? (shareLink.length > 0 ? shareLink : null);
      if (remoteId === null) {
        skip({ where, reason: 'it has no link to the post' });
        continue;
      }
      let body = (row.fields[commentary] ?? '').replace(/\r\n/g, '\n').trim();
      const sharedUrl = shared >= 0 ? (row.fields[shared] ?? '').trim() : '';
      // A shared article is part of what was posted: kept as its address when the text does not hold it.
      if (/^https?:\/\//.test(sharedUrl) && !body.includes(sharedUrl)) body = body.length > 0 ? `${body}\n\n${sharedUrl}` : sharedUrl;
      const post: ImportedPost = {
        network: 'linkedin',
        remoteId,
        url: /^https:\/\/(www\.)?linkedin\.com\//.test(shareLink) ? shareLink : null,
        publishedAt,
        text: body,
        kind: 'post',
        media: [],
      };
      yield post;
    }
  },
};

import { NETWORK_IDS, POST_STATUSES, SUMMARY_TEXT_LENGTH, TONES, type LibrarySort, type PostPage, type PostQuery, type PostSummary, type TrashPage, type TrashPageQuery } from '../../../common/domain';
import { matchesSearch, searchForms, searchWords, type SearchForms } from '../../../common/text';
import type { StoredPost } from './post-files';

interface Row {
  summary: PostSummary;
  /** Base text, per-network texts and content warning, folded once so a search only compares. */
  folded: SearchForms;
  updatedAt: number;
  /** Infinity for unplanned posts, so they sort after every planned one. */
  planned: number;
  deletedAt: number | null;
  /** Tone, networks and status as bits, so a filter over 20,000 rows is integer arithmetic. */
  toneBit: number;
  networkBits: number;
  statusBit: number;
}

/** Bit i stands for the i-th value of the list; "no tone yet" is the bit after the three tones. */
const bitOf = <T>(list: readonly T[], value: T): number => 1 << list.indexOf(value);
const UNTONED_BIT = 1 << TONES.length;
const bitsOf = <T>(list: readonly T[], values: readonly T[]): number => values.reduce((bits, value) => bits | bitOf(list, value), 0);

/** The start of a text, cut between characters, never inside an emoji's surrogate pair. */
function opening(text: string): string {
  if (text.length <= SUMMARY_TEXT_LENGTH) return text;
  const last = text.charCodeAt(SUMMARY_TEXT_LENGTH - 1);
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? SUMMARY_TEXT_LENGTH - 1 : SUMMARY_TEXT_LENGTH);
}

function summaryOf(stored: StoredPost): PostSummary {
  const { post } = stored;
  return {
    id: post.id,
    text: opening(post.text),
    tone: post.tone,
    networks: post.targets.map((target) => target.network).filter((network, index, all) => all.indexOf(network) === index),
    status: post.status,
    updatedAt: post.updatedAt,
    planned: post.planned,
    mediaCount: post.media.length,
  };
}

function rowOf(stored: StoredPost): Row {
  const { post } = stored;
  const searchable = [post.text, ...Object.values(post.overrides), post.contentWarning].join('\n');
  return {
    summary: summaryOf(stored),
    folded: searchForms(searchable),
    updatedAt: Date.parse(post.updatedAt),
    planned: post.planned === null ? Number.POSITIVE_INFINITY : Date.parse(post.planned.at),
    deletedAt: stored.deletedAt === null ? null : Date.parse(stored.deletedAt),
    toneBit: post.tone === null ? UNTONED_BIT : bitOf(TONES, post.tone),
    networkBits: bitsOf(NETWORK_IDS, post.targets.map((target) => target.network)),
    statusBit: bitOf(POST_STATUSES, post.status),
  };
}

const byUpdated = (a: Row, b: Row): number => b.updatedAt - a.updatedAt || a.summary.id.localeCompare(b.summary.id);
const byPlanned = (a: Row, b: Row): number =>
  (a.planned === b.planned ? 0 : a.planned < b.planned ? -1 : 1) || byUpdated(a, b);

/**
 * What the drafts library searches: one short row per post, held in memory. The index on disk
 * knows no text, so the rows are built once from the month files, then kept in step with every
 * save, delete, restore, import and purge by the PostsService.
 */
export class PostLibrary {
  readonly #rows = new Map<string, Row>();
  /** Rows in each order, sorted on the first query after a change rather than on every query. */
  #sorted: Partial<Record<LibrarySort, Row[]>> = {};

  constructor(posts: Iterable<StoredPost> = []) {
    for (const stored of posts) this.put(stored);
  }

  get size(): number {
    return this.#rows.size;
  }

  put(stored: StoredPost): void {
    this.#rows.set(stored.post.id, rowOf(stored));
    this.#sorted = {};
  }

  remove(id: string): void {
    if (this.#rows.delete(id)) this.#sorted = {};
  }

  #inOrder(sort: LibrarySort): Row[] {
    const cached = this.#sorted[sort];
    if (cached !== undefined) return cached;
    const rows = [...this.#rows.values()].sort(sort === 'planned' ? byPlanned : byUpdated);
    this.#sorted[sort] = rows;
    return rows;
  }

  /** Posts not in the trash that pass every filter given, sorted, one page of them. */
  query(query: PostQuery): PostPage {
    const words = searchWords(query.text ?? '');
    // -1 (every bit set) lets everything through.
    const tones = query.tones === undefined && query.untoned === undefined ? -1 : bitsOf(TONES, query.tones ?? []) | (query.untoned === true ? UNTONED_BIT : 0);
    const networks = query.networks === undefined ? -1 : bitsOf(NETWORK_IDS, query.networks);
    const statuses = query.statuses === undefined ? -1 : bitsOf(POST_STATUSES, query.statuses);
    const end = query.offset + query.limit;
    const items: PostSummary[] = [];
    let total = 0;
    for (const row of this.#inOrder(query.sort)) {
      if (row.deletedAt !== null) continue;
      if ((row.statusBit & statuses) === 0 || (row.toneBit & tones) === 0) continue;
      // A post with no network yet has no bits: it passes only when no network is asked for.
      if (networks !== -1 && (row.networkBits & networks) === 0) continue;
      if (words.length > 0 && !matchesSearch(row.folded, words)) continue;
      if (total >= query.offset && total < end) items.push(row.summary);
      total++;
    }
    return { total, items };
  }

  /** Posts in the trash, the most recently deleted first. */
  trash(page: TrashPageQuery, trashMs: number): TrashPage {
    const found = [...this.#rows.values()].filter((row) => row.deletedAt !== null);
    found.sort((a, b) => (b.deletedAt ?? 0) - (a.deletedAt ?? 0) || a.summary.id.localeCompare(b.summary.id));
    return {
      total: found.length,
      items: found.slice(page.offset, page.offset + page.limit).map((row) => {
        const deletedAt = row.deletedAt ?? 0;
        return { ...row.summary, deletedAt: new Date(deletedAt).toISOString(), purgeAfter: new Date(deletedAt + trashMs).toISOString() };
      }),
    };
  }
}

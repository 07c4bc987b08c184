import { useEffect, useSyncExternalStore } from 'react';
import { postMonth, type Post } from '../../../../common/domain';
import { calendarTimeOf } from '../../../../common/tone';

export type MonthsRead = { kind: 'ready'; posts: Post[] } | { kind: 'loading' } | { kind: 'failed'; error: unknown };

type MonthState = { kind: 'loading'; promise: Promise<void> } | { kind: 'ready'; posts: readonly Post[] } | { kind: 'failed'; error: unknown };

/**
 * The months of posts the calendar has asked for, kept while it is open: views share months
 * (a month grid shows days of its neighbours, the year view all twelve), flipping back is instant,
 * and the neighbours of what is shown are fetched ahead so the next month renders without waiting.
 */
export class MonthCache {
  readonly #list: (month: string) => Promise<Post[]>;
  readonly #months = new Map<string, MonthState>();
  readonly #listeners = new Set<() => void>();
  /** The last read of each list of months, with the month states it was made from. */
  readonly #reads = new Map<string, { version: number; states: (MonthState | undefined)[]; read: MonthsRead }>();
  #version = 0;
  /** performance.now() when the last month arrived: where a render's "data loaded" starts. */
  lastLoadedAt = 0;

  constructor(list: (month: string) => Promise<Post[]>) {
    this.#list = list;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  #changed(): void {
    this.#version++;
    for (const listener of this.#listeners) listener();
  }

  /** Starts loading the months not loaded or loading yet, all at once. */
  load(months: readonly string[]): void {
    for (const month of months) {
      const state = this.#months.get(month);
      if (state !== undefined && state.kind !== 'failed') continue;
      const promise = this.#list(month).then(
        (posts) => {
          this.#months.set(month, { kind: 'ready', posts });
          this.lastLoadedAt = performance.now();
          this.#changed();
        },
        (error: unknown) => {
          this.#months.set(month, { kind: 'failed', error });
          this.#changed();
        },
      );
      this.#months.set(month, { kind: 'loading', promise });
    }
  }

  /** The posts of these months, or why not yet; the same object until a month arrives or changes. */
  read(months: readonly string[]): MonthsRead {
    const key = months.join(',');
    const kept = this.#reads.get(key);
    if (kept !== undefined && kept.version === this.#version) return kept.read;
    // Another list's month arriving (a prefetch) leaves this one's read, and its renders, alone.
    const states = months.map((month) => this.#months.get(month));
    const read = kept !== undefined && states.every((state, i) => state === kept.states[i]) ? kept.read : this.#readNow(months);
    this.#reads.set(key, { version: this.#version, states, read });
    return read;
  }

  #readNow(months: readonly string[]): MonthsRead {
    const posts: Post[] = [];
    let loading = false;
    for (const month of months) {
      const state = this.#months.get(month);
      if (state?.kind === 'failed') return { kind: 'failed', error: state.error };
      if (state?.kind !== 'ready') loading = true;
      else if (!loading) for (const post of state.posts) posts.push(post);
    }
    return loading ? { kind: 'loading' } : { kind: 'ready', posts };
  }

  /** A post changed here (re-planned): moved between the loaded months it left and joined. */
  put(post: Post): void {
    for (const [month, state] of this.#months) {
      if (state.kind !== 'ready' || !state.posts.some((candidate) => candidate.id === post.id)) continue;
      this.#months.set(month, { kind: 'ready', posts: state.posts.filter((candidate) => candidate.id !== post.id) });
    }
    const month = postMonth(post);
    const target = this.#months.get(month);
    if (target?.kind === 'ready') {
      const posts = [...target.posts, post].sort((a, b) => calendarTimeOf(a) - calendarTimeOf(b));
      this.#months.set(month, { kind: 'ready', posts });
    }
    this.#changed();
  }
}

/** The posts of the store months given, loading what is missing; re-renders as months arrive. */
export function useStoreMonths(cache: MonthCache, months: readonly string[]): MonthsRead {
  const key = months.join(',');
  useEffect(() => {
    cache.load(key === '' ? [] : key.split(','));
  }, [cache, key]);
  return useSyncExternalStore(cache.subscribe, () => cache.read(months));
}

import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../ui';

/** Rows asked for at a time: a screenful many times over, and far under the contract's cap. */
export const PAGE_SIZE = 100;

export interface Page<T> {
  total: number;
  items: T[];
}

export interface PagedRows<T> {
  /** Null until the first page of the current query has arrived. */
  total: number | null;
  failed: string | null;
  rowAt(index: number): T | undefined;
  /** Loads the pages holding these rows, if they are not loaded or loading. */
  ensure(first: number, last: number): void;
  /** Asks again (after a change), keeping the rows on screen until the new ones arrive. */
  reload(): void;
}

interface Loaded<T> {
  total: number | null;
  pages: ReadonlyMap<number, T[]>;
  failed: string | null;
}

/**
 * Rows of a long list, fetched a page at a time as the list scrolls. A new `query` key starts
 * over; answers to an older query are dropped, so typing fast never shows stale rows.
 */
export function usePagedRows<T>(fetchPage: (offset: number, limit: number) => Promise<Page<T>>, query: string): PagedRows<T> {
  const [loaded, setLoaded] = useState<Loaded<T>>({ total: null, pages: new Map(), failed: null });
  // Read through a ref, so a language change does not reload the pages.
  const { i18n } = useTranslation();
  const words = useRef(i18n);
  useEffect(() => {
    words.current = i18n;
  }, [i18n]);
  const generation = useRef(0);
  const loading = useRef(new Set<number>());
  const fresh = useRef(true);
  const fetchRef = useRef(fetchPage);
  useEffect(() => {
    fetchRef.current = fetchPage;
  }, [fetchPage]);

  const load = useCallback((page: number) => {
    if (loading.current.has(page)) return;
    loading.current.add(page);
    const asked = generation.current;
    fetchRef.current(page * PAGE_SIZE, PAGE_SIZE).then(
      (answer) => {
        if (asked !== generation.current) return;
        loading.current.delete(page);
        const startOver = fresh.current;
        fresh.current = false;
        setLoaded((previous) => ({
          total: answer.total,
          // The first answer to a new query replaces every page of the old one.
          pages: new Map(startOver ? [] : previous.pages).set(page, answer.items),
          failed: null,
        }));
      },
      (error: unknown) => {
        if (asked !== generation.current) return;
        loading.current.delete(page);
        setLoaded((previous) => ({ ...previous, failed: errorText(error, words.current) }));
      },
    );
  }, []);

  const [version, setVersion] = useState(0);
  useEffect(() => {
    generation.current++;
    loading.current.clear();
    fresh.current = true;
    load(0);
  }, [query, version, load]);

  const ensure = useCallback(
    (first: number, last: number) => {
      if (fresh.current) return;
      for (let page = Math.floor(first / PAGE_SIZE); page <= Math.floor(last / PAGE_SIZE); page++) {
        if (!loaded.pages.has(page)) load(page);
      }
    },
    [load, loaded.pages],
  );

  const rowAt = useCallback((index: number) => loaded.pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE], [loaded.pages]);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { total: loaded.total, failed: loaded.failed, rowAt, ensure, reload };
}

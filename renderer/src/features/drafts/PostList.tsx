import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';

/** Every row is the same height, so the list never measures and scrolls evenly through 20,000 posts. */
export const ROW_HEIGHT = 84;

export interface RowProps {
  /** The row's main control takes these: it is the one arrow keys move to. */
  main: { tabIndex: number; 'data-row-main': true; onFocus: () => void };
  /** Other controls of the row: reachable by Tab only in the active row. */
  tabIndex: number;
}

/**
 * A virtualized list with one active row (a roving tab stop): ↑ ↓ Home End Page Up/Down move,
 * the row's main control (a button) answers Enter itself, Delete asks `onDelete`.
 */
export function PostList<T>({
  label,
  total,
  rowAt,
  ensure,
  active,
  onActive,
  onDelete,
  renderRow,
  placeholder,
}: Readonly<{
  label: string;
  total: number;
  rowAt: (index: number) => T | undefined;
  ensure: (first: number, last: number) => void;
  active: number;
  onActive: (index: number) => void;
  onDelete?: (row: T, index: number) => void;
  renderRow: (row: T, index: number, props: RowProps) => ReactNode;
  placeholder: string;
}>) {
  const scroller = useRef<HTMLDivElement>(null);
  const focusAfterMove = useRef(false);
  // The virtualizer is a mutable object by design; React Compiler leaves this component unmemoized, which is what it needs.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 6,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  useEffect(() => {
    if (total > 0) ensure(first, last);
  }, [ensure, first, last, total]);

  // After a key moved the active row (and the list scrolled to it), focus follows.
  useEffect(() => {
    if (!focusAfterMove.current) return;
    const target = scroller.current?.querySelector<HTMLElement>(`[data-row-index="${active}"] [data-row-main]`);
    if (target === null || target === undefined) return;
    focusAfterMove.current = false;
    target.focus();
  });

  const move = (index: number): void => {
    const next = Math.max(0, Math.min(total - 1, index));
    focusAfterMove.current = true;
    virtualizer.scrollToIndex(next);
    onActive(next);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>): void => {
    const target = event.target as HTMLElement;
    const item = target.closest<HTMLElement>('[data-row-index]');
    if (item === null || event.altKey || event.ctrlKey || event.metaKey) return;
    // The row the key was pressed in, as it is drawn now (the list may have changed under the active index).
    const index = Number(item.dataset['rowIndex']);
    const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? ROW_HEIGHT * 5) / ROW_HEIGHT) - 1);
    const step: Record<string, number> = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: total - 1, PageDown: index + page, PageUp: index - page };
    const to = step[event.key];
    if (to !== undefined) {
      event.preventDefault();
      move(to);
      return;
    }
    if ((event.key === 'Delete' || event.key === 'Backspace') && onDelete !== undefined && target.hasAttribute('data-row-main')) {
      const row = rowAt(index);
      if (row === undefined) return;
      event.preventDefault();
      focusAfterMove.current = true;
      onActive(index);
      onDelete(row, index);
    }
  };

  return (
    <div ref={scroller} className="h-[calc(100vh-20rem)] min-h-64 overflow-auto rounded-xl border border-zinc-200 dark:border-zinc-800">
      <ul aria-label={label} onKeyDown={onKeyDown} className="relative w-full" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => {
          const row = rowAt(item.index);
          const isActive = item.index === Math.min(active, total - 1);
          return (
            <li
              key={item.key}
              data-row-index={item.index}
              aria-setsize={total}
              aria-posinset={item.index + 1}
              className="absolute left-0 top-0 w-full border-b border-zinc-200 dark:border-zinc-800"
              style={{ height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
            >
              {row === undefined ? (
                <p className="px-4 py-3 text-sm text-zinc-500 dark:text-zinc-400">{placeholder}</p>
              ) : (
                renderRow(row, item.index, {
                  main: { tabIndex: isActive ? 0 : -1, 'data-row-main': true, onFocus: () => onActive(item.index) },
                  tabIndex: isActive ? 0 : -1,
                })
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

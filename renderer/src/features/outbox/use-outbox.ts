import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OutboxChanged, OutboxEntry } from '../../../../common/domain';
import { errorText } from '../../ui';
import { applyChange } from './outbox-rules';

export type OutboxLoaded = { kind: 'loading' } | { kind: 'ready'; entries: OutboxEntry[] } | { kind: 'failed'; message: string };

/**
 * The outbox, live: the list once, then every `outbox.changed`. Changes heard while the list is
 * on its way are applied on top of it when it arrives, the newer of the two winning per post.
 */
export function useOutbox(): OutboxLoaded {
  const { i18n } = useTranslation();
  const [state, setState] = useState<OutboxLoaded>({ kind: 'loading' });
  useEffect(() => {
    let live = true;
    let early: OutboxChanged[] | null = [];
    const off = window.spheres.on('outbox.changed', (change) => {
      if (early !== null) {
        early.push(change);
        return;
      }
      setState((current) => (current.kind === 'ready' ? { kind: 'ready', entries: applyChange(current.entries, change.postId, change.entry) } : current));
    });
    window.spheres.outbox.list().then(
      (listed) => {
        if (!live) return;
        let entries = listed;
        for (const change of early ?? []) {
          const known = entries.find((entry) => entry.postId === change.postId);
          const newer = change.entry === null || known === undefined || Date.parse(change.entry.updatedAt) >= Date.parse(known.updatedAt);
          if (newer) entries = applyChange(entries, change.postId, change.entry);
        }
        early = null;
        setState({ kind: 'ready', entries });
      },
      (error: unknown) => {
        early = null;
        if (live) setState({ kind: 'failed', message: errorText(error, i18n) });
      },
    );
    return () => {
      live = false;
      off();
    };
  }, [i18n]);
  return state;
}

import type { EventPayload } from '../../common/api';
import type { EventBus } from './events';
import type { StoreRecovered } from './storage/atomic-file';

export type RecoveryNotice = EventPayload<'store.recovered'>;

/**
 * Every repair of a damaged file in this run, kept for the banner. Most repairs happen while the
 * core opens, before any window or browser tab listens, and an event nobody hears is a repair
 * nobody is told about: so the renderer asks for the list (`store.recoveries`) when it starts and
 * hears the later ones as `store.recovered` events; the ids let it merge the two.
 */
export class RecoveryLog {
  readonly #events: EventBus;
  readonly #notices: RecoveryNotice[] = [];

  constructor(events: EventBus) {
    this.#events = events;
  }

  record(notice: StoreRecovered): void {
    const full: RecoveryNotice = {
      id: this.#notices.length + 1,
      file: notice.file,
      movedTo: notice.movedTo,
      restoredFrom: notice.restoredFrom,
      kind: notice.kind ?? 'store',
      postIds: notice.postIds ?? [],
      lostPostIds: notice.lostPostIds ?? [],
      accountIds: notice.accountIds ?? [],
    };
    this.#notices.push(full);
    this.#events.emit('store.recovered', full);
  }

  list(): RecoveryNotice[] {
    return [...this.#notices];
  }
}

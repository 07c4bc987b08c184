import { SettingsSchema, defaultSettings, type Settings } from '../../../common/domain';
import { completeTonePolicy } from '../../../common/tone';
import type { EventBus } from '../events';

/** The part of electron-store / conf the service needs: one key holding the settings object. */
export interface SettingsStore {
  get(key: 'settings'): unknown;
  set(key: 'settings', value: Settings): void;
}

export class SettingsService {
  readonly #store: SettingsStore;
  readonly #events: EventBus;
  readonly #defaults: Settings;

  constructor(store: SettingsStore, events: EventBus, systemLocale: string) {
    this.#store = store;
    this.#events = events;
    this.#defaults = defaultSettings(systemLocale);
  }

  /** A stored value that no longer validates (hand-edited, older app) falls back per field. */
  get(): Settings {
    const raw = this.#store.get('settings');
    const stored = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
    const candidate = { ...this.#defaults, ...stored, tonePolicy: completeTonePolicy(stored['tonePolicy']) };
    const parsed = SettingsSchema.safeParse(candidate);
    if (parsed.success) return parsed.data;
    const repaired: Record<string, unknown> = { ...this.#defaults };
    for (const key of Object.keys(this.#defaults) as (keyof Settings)[]) {
      const field = SettingsSchema.shape[key].safeParse(candidate[key]);
      if (field.success) repaired[key] = field.data;
    }
    return SettingsSchema.parse(repaired);
  }

  update(patch: Partial<Settings>): Settings {
    const next = SettingsSchema.parse({ ...this.get(), ...patch });
    this.#store.set('settings', next);
    this.#events.emit('settings.changed', next);
    return next;
  }
}

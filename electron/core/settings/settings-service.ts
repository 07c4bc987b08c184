import { SettingsSchema, completeTonePolicy, defaultSettings, type Settings } from '../../../common/domain';
import type { EventBus } from '../events';

/** The part of electron-store / conf the service needs: one key holding the settings object. */
export interface SettingsStore {
  get(key: 'settings'): unknown;
  set(key: 'settings', value: Settings): void;
}

/** Settings as a store holds them, every field present readable (a missing one is an older app's file). */
export function storedSettingsValid(raw: unknown): boolean {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return false;
  const stored = raw as Record<string, unknown>;
  return SettingsSchema.safeParse({ ...defaultSettings('en'), ...stored, tonePolicy: completeTonePolicy(stored['tonePolicy']) }).success;
}

/** What can be kept of stored settings that do not validate: each field that still does. */
export function repairSettings(raw: unknown, defaults: Settings): Settings {
  const stored = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  const candidate = { ...defaults, ...stored, tonePolicy: completeTonePolicy(stored['tonePolicy']) };
  const parsed = SettingsSchema.safeParse(candidate);
  if (parsed.success) return parsed.data;
  const repaired: Record<string, unknown> = { ...defaults };
  for (const key of Object.keys(defaults) as (keyof Settings)[]) {
    const field = SettingsSchema.shape[key].safeParse(candidate[key]);
    if (field.success) repaired[key] = field.data;
  }
  return SettingsSchema.parse(repaired);
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

  /**
   * A stored value that no longer validates falls back per field. A file damaged on disk never
   * gets here unannounced: repairConfigFiles sets it aside and tells the person at start-up.
   */
  get(): Settings {
    return repairSettings(this.#store.get('settings'), this.#defaults);
  }

  update(patch: Partial<Settings>): Settings {
    const next = SettingsSchema.parse({ ...this.get(), ...patch });
    this.#store.set('settings', next);
    this.#events.emit('settings.changed', next);
    return next;
  }
}

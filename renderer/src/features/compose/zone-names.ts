import type { Temporal } from 'temporal-polyfill';

export interface ZoneOption {
  /** The IANA id, e.g. Europe/Copenhagen: what is stored. */
  readonly id: string;
  /** Its name in the app's language ("Centraleuropæisk tid", "Central European Time"). */
  readonly name: string;
  /** The place the id names ("Copenhagen"; "Buenos Aires" for America/Argentina/Buenos_Aires). */
  readonly city: string;
  /** "UTC+01:00" at the moment asked about (summer time changes it). */
  readonly offset: string;
  /** What the list shows and a screen reader reads. */
  readonly label: string;
  /** Lower case, accents folded: what a search matches against. */
  readonly search: string;
}

/** Every zone the runtime knows; UTC first added where the list leaves it out (Chromium does). */
export function zoneIds(): string[] {
  const ids = Intl.supportedValuesOf('timeZone');
  return ids.includes('UTC') ? ids : ['UTC', ...ids];
}

export function foldForSearch(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

function cityOf(id: string): string {
  return (id.split('/').pop() ?? id).replaceAll('_', ' ');
}

/** "+01:00" → "UTC+01:00"; UTC itself is "UTC+00:00", which reads the same in both languages. */
function offsetOf(id: string, at: Temporal.Instant): string {
  return `UTC${at.toZonedDateTimeISO(id).offset}`;
}

/**
 * Generic names ("Central European Time", not its summer or winter variant) do not change with the
 * date, so each is made once per language: a formatter per zone is the costly part of the list
 * (about 100 ms for all 420 on a build machine), offsets are cheap.
 */
const NAMES = new Map<string, Map<string, string>>();

function nameOf(id: string, language: string): string {
  let names = NAMES.get(language);
  if (names === undefined) NAMES.set(language, (names = new Map()));
  let name = names.get(id);
  if (name === undefined) {
    name = id;
    try {
      const part = new Intl.DateTimeFormat(language, { timeZone: id, timeZoneName: 'longGeneric' }).formatToParts(new Date()).find((p) => p.type === 'timeZoneName');
      if (part !== undefined) name = part.value;
    } catch {
      // A zone this runtime cannot name keeps its id as its name.
    }
    names.set(id, name);
  }
  return name;
}

/** One zone, named in `language`, with its offset at `at`. */
export function zoneOption(id: string, language: string, at: Temporal.Instant): ZoneOption {
  const name = nameOf(id, language);
  const city = cityOf(id);
  const offset = offsetOf(id, at);
  const label = `${name} — ${city} (${offset})`;
  return { id, name, city, offset, label, search: foldForSearch(`${label} ${id}`) };
}

/** Every zone, named in `language`; about 420, built once per language and moment by the picker. */
export function zoneOptions(language: string, at: Temporal.Instant): ZoneOption[] {
  return zoneIds().map((id) => zoneOption(id, language, at));
}

/** Zones matching every word of the query, in the list's order. */
export function searchZones(options: readonly ZoneOption[], query: string): ZoneOption[] {
  const words = foldForSearch(query).split(/\s+/).filter((word) => word !== '');
  if (words.length === 0) return [...options];
  return options.filter((option) => words.every((word) => option.search.includes(word)));
}

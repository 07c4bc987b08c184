import type { TFunction } from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { TONES, type Tone } from '../../../common/domain';
import { epochDayOf, weekInfoFor, type Day, type ToneMix, type WeekInfo } from '../../../common/tone';

const DAY_MS = 86_400_000;

/** Everything language-dependent the calendar draws with: its words (i18next's `calendar.*`), week layout and Intl formatters. */
export interface CalendarLocale {
  readonly language: 'en' | 'da';
  /** The BCP 47 locale Intl formats with. */
  readonly locale: string;
  /** i18next's `t` in the calendar's language, for the pure functions that word labels (labels.ts). */
  readonly t: TFunction;
  readonly weekInfo: WeekInfo;
  /** ISO week numbers make sense beside rows that start on Monday: always in Danish. */
  readonly showWeekNumbers: boolean;
  /** "Tuesday 3 November" (per locale) of a civil day. */
  dayLong(day: Day): string;
  /** "3 Nov". */
  dayShort(day: Day): string;
  /** "November 2026". */
  monthYear(day: Day): string;
  /** "November". */
  monthName(day: Day): string;
  /** "Tue", "T". */
  weekdayShort(day: Day): string;
  weekdayNarrow(day: Day): string;
  weekdayLong(day: Day): string;
  /** "09:30" in a zone. */
  time(epochMs: number, zone: string): string;
  /** As `time`, but a 12-hour clock drops ":00" on the hour ("6 PM"): a month cell is narrow. */
  timeCompact(epochMs: number, zone: string): string;
  /** A zone's name in the app's language: "Central European Time", "Centraleuropæisk tid" (never the IANA id). */
  zoneName(zone: string): string;
  number(value: number): string;
  /** A whole percent (0–100) as "30%" / "30 %". */
  percent(value: number): string;
  /** "today", "yesterday", "Saturday", "3 November": a day as a sentence refers to it. */
  relativeDay(day: Day, today: Day): string;
  /** "2 posts, 1 private, 1 professional" / "no posts". */
  mixSummary(mix: ToneMix): string;
  /** "Private 1 · 25%, Blend …": counts and shares. */
  mixShares(mix: ToneMix, toneName: (tone: Tone) => string): string;
  /** "X, Bluesky and LinkedIn". */
  list(items: readonly string[]): string;
}

/** Remembers what a function returned per key: Intl formatting costs microseconds a call, and a month asks hundreds of times. */
function remembered<K, V>(compute: (key: K) => V, limit = 20_000): (key: K) => V {
  const kept = new Map<K, V>();
  return (key) => {
    let value = kept.get(key);
    if (value === undefined) {
      value = compute(key);
      if (kept.size >= limit) kept.clear();
      kept.set(key, value);
    }
    return value;
  };
}

/**
 * i18next's `t`, remembering each answer by key and values: a month asks for hundreds of labels a
 * render, mostly the same ones again, and a call into i18next costs microseconds where a lookup
 * costs nanoseconds (without it the calendar benchmark's month switch took 45 ms instead of 21).
 * The calendar passes only strings and numbers as values.
 */
function rememberedT(translate: TFunction): TFunction {
  const kept = new Map<string, string>();
  const remember = (key: string, options?: Readonly<Record<string, string | number>>): string => {
    let id = key;
    if (options !== undefined) for (const name in options) id += `\u0000${name}\u0001${typeof options[name]}${String(options[name])}`;
    let text = kept.get(id);
    if (text === undefined) {
      text = translate(key as 'calendar.today', { ...options }) as string;
      if (kept.size >= 20_000) kept.clear();
      kept.set(id, text);
    }
    return text;
  };
  return remember as unknown as TFunction;
}

/** The calendar's language follows the app's; in English, dates follow the system's English locale. */
export function calendarLocaleFor(language: string, systemLocale: string, translate: TFunction): CalendarLocale {
  const t = rememberedT(translate);
  const da = language.startsWith('da');
  const locale = da ? 'da-DK' : /^en\b/i.test(systemLocale) ? systemLocale : 'en-US';
  const weekInfo = weekInfoFor(locale);
  const civil = (options: Intl.DateTimeFormatOptions) => {
    // A civil day is formatted as midnight UTC in UTC: formatting only, no zone arithmetic.
    const format = new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' });
    return remembered((day: Day) => format.format(epochDayOf(day) * DAY_MS));
  };
  const times = new Map<string, Intl.DateTimeFormat>();
  const timeOf = remembered((key: string) => {
    const space = key.indexOf(' ');
    const zone = key.slice(0, space);
    let format = times.get(zone);
    if (format === undefined) {
      format = new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone: zone });
      times.set(zone, format);
    }
    return format.format(Number(key.slice(space + 1)));
  });
  const zoneName = remembered((zone: string) => {
    const nameIn = (style: 'longGeneric' | 'long') =>
      new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: style }).formatToParts(Date.now()).find((part) => part.type === 'timeZoneName')?.value ?? zone;
    // The generic name ("Eastern Time") holds all year; where CLDR has none it gives an offset ("GMT+00:00"), and the specific name reads better.
    const generic = nameIn('longGeneric');
    return /^(GMT|UTC)([+\-−]|$)/.test(generic) ? nameIn('long') : generic;
  });
  const hours = new Map<string, Intl.DateTimeFormat | null>();
  const compactOf = remembered((key: string) => {
    const space = key.indexOf(' ');
    const zone = key.slice(0, space);
    const epochMs = Number(key.slice(space + 1));
    let format = hours.get(zone);
    if (format === undefined) {
      const clock = new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone: zone }).resolvedOptions().hourCycle;
      format = clock === 'h11' || clock === 'h12' ? new Intl.DateTimeFormat(locale, { hour: 'numeric', timeZone: zone }) : null;
      hours.set(zone, format);
    }
    const full = timeOf(key);
    // Only a 12-hour clock gains from it: "18.00" is already short, and "18" alone reads as a number.
    if (format === null || !/[:.]00(?!\d)/.test(full)) return full;
    return format.format(epochMs);
  });
  const numbers = new Intl.NumberFormat(locale);
  const number = remembered((value: number) => numbers.format(value));
  const percents = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  const percent = remembered((value: number) => percents.format(value / 100));
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const lists = new Intl.ListFormat(locale, { type: 'conjunction' });
  const list = remembered((joined: string) => lists.format(joined.split('\n')));
  const weekdayLong = civil({ weekday: 'long' });
  const dayMonth = civil({ day: 'numeric', month: 'long' });
  const summaries = new WeakMap<ToneMix, string>();
  // Tone names come from i18n and do not change while this locale lives (a language change makes a new one).
  const shareTexts = new WeakMap<ToneMix, string>();

  return {
    language: da ? 'da' : 'en',
    locale,
    t,
    weekInfo,
    showWeekNumbers: da || weekInfo.firstDay === 1,
    dayLong: civil({ weekday: 'long', day: 'numeric', month: 'long' }),
    dayShort: civil({ day: 'numeric', month: 'short' }),
    monthYear: civil({ month: 'long', year: 'numeric' }),
    monthName: civil({ month: 'long' }),
    weekdayShort: civil({ weekday: 'short' }),
    weekdayNarrow: civil({ weekday: 'narrow' }),
    weekdayLong,
    time: (epochMs, zone) => timeOf(`${zone} ${epochMs}`),
    timeCompact: (epochMs, zone) => compactOf(`${zone} ${epochMs}`),
    zoneName,
    number,
    percent,
    relativeDay(day, today) {
      const away = epochDayOf(day) - epochDayOf(today);
      if (Math.abs(away) <= 1) return relative.format(away, 'day');
      if (Math.abs(away) <= 6) return weekdayLong(day);
      return dayMonth(day);
    },
    mixSummary(mix) {
      // A mix object is immutable and shared by every label that shows it.
      let summary = summaries.get(mix);
      if (summary !== undefined) return summary;
      const count = mix.total + mix.untoned;
      if (count === 0) summary = t('calendar.noPosts');
      else {
        const parts = [t('calendar.posts', { count })];
        for (const tone of TONES) if (mix.counts[tone] > 0) parts.push(t(`calendar.toneCount.${tone}`, { count: mix.counts[tone] }));
        if (mix.untoned > 0) parts.push(t('calendar.untonedCount', { count: mix.untoned }));
        summary = parts.join(', ');
      }
      summaries.set(mix, summary);
      return summary;
    },
    mixShares(mix, toneName) {
      let shares = shareTexts.get(mix);
      if (shares === undefined) {
        shares = TONES.map((tone) => t('calendar.toneShare', { tone: toneName(tone), count: number(mix.counts[tone]), percent: percent(mix.percents[tone]) })).join(', ');
        shareTexts.set(mix, shares);
      }
      return shares;
    },
    list: (items) => list(items.join('\n')),
  };
}

/** The calendar's locale in the app's current language (`useTranslation().i18n.language`). */
export function useCalendarLocale(): CalendarLocale {
  const { i18n } = useTranslation();
  const language = i18n.language;
  return useMemo(() => calendarLocaleFor(language, navigator.language, i18n.getFixedT(language.startsWith('da') ? 'da' : 'en')), [i18n, language]);
}

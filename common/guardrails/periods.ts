import { Temporal } from 'temporal-polyfill';
import { isDay, type QuietPeriod, type RepeatingRule } from '../domain/guardrails';

/** A quiet period as instants: from `startMs` up to, not including, `endMs`. */
export interface PeriodSpan {
  /** The period's id; a rule's periods are `rule:<ruleId>:<announcement>`. */
  id: string;
  name: string;
  startMs: number;
  endMs: number;
  source: QuietPeriod['source'];
  /** The period as the person sees it (days, or instants), for messages and the record. */
  period: QuietPeriod;
}

function dayStartMs(day: string, zone: string): number {
  return Temporal.PlainDate.from(day).toZonedDateTime(zone).epochMilliseconds;
}

/** Whole days run from the first day's start to the start of the day after the last, in their zone (DST-safe). */
export function spanOf(period: QuietPeriod): PeriodSpan {
  if (isDay(period.start)) {
    const after = Temporal.PlainDate.from(period.end).add({ days: 1 }).toString();
    return { id: period.id, name: period.name, startMs: dayStartMs(period.start, period.zone), endMs: dayStartMs(after, period.zone), source: period.source, period };
  }
  return { id: period.id, name: period.name, startMs: Date.parse(period.start), endMs: Date.parse(period.end), source: period.source, period };
}

/**
 * A repeating rule's periods: for each announcement, the `daysBefore` days before it and the day
 * itself, since results usually come out during that day and the quiet lasts until they are public.
 */
export function periodsOfRule(rule: RepeatingRule): QuietPeriod[] {
  return rule.announcements.map((announcement) => ({
    id: `rule:${rule.id}:${announcement}`,
    name: rule.name,
    start: Temporal.PlainDate.from(announcement).subtract({ days: rule.daysBefore }).toString(),
    end: announcement,
    zone: rule.zone,
    source: 'rule' as const,
  }));
}

/** Every quiet period the person has: their own, imported, and those their rules make. */
export function allSpans(guardrails: { periods: readonly QuietPeriod[]; rules: readonly RepeatingRule[] }): PeriodSpan[] {
  return [...guardrails.periods, ...guardrails.rules.flatMap(periodsOfRule)].map(spanOf);
}

/** The quiet periods an instant falls in. */
export function periodsAt(spans: readonly PeriodSpan[], atMs: number): PeriodSpan[] {
  return spans.filter((span) => span.startMs <= atMs && atMs < span.endMs);
}

/** One band in the calendar: overlapping or touching periods become one, naming them all. */
export interface QuietBand {
  startMs: number;
  endMs: number;
  names: string[];
}

export function mergeSpans(spans: readonly PeriodSpan[]): QuietBand[] {
  const sorted = [...spans].sort((a, b) => a.startMs - b.startMs || a.endMs - b.endMs);
  const bands: QuietBand[] = [];
  for (const span of sorted) {
    const last = bands.at(-1);
    if (last !== undefined && span.startMs <= last.endMs) {
      last.endMs = Math.max(last.endMs, span.endMs);
      if (!last.names.includes(span.name)) last.names.push(span.name);
    } else {
      bands.push({ startMs: span.startMs, endMs: span.endMs, names: [span.name] });
    }
  }
  return bands;
}

/** The bands that touch [fromMs, toMs): what one calendar day, week or month shows. */
export function bandsBetween(bands: readonly QuietBand[], fromMs: number, toMs: number): QuietBand[] {
  return bands.filter((band) => band.startMs < toMs && fromMs < band.endMs);
}

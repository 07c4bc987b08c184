import { NETWORK_IDS, type Post, type Tone } from '../../../../common/domain';
import { NETWORK_INFO } from '../../../../common/networks';
import { CALENDAR_STATUSES, calendarStatusOf, type Day, type ToneMix } from '../../../../common/tone';
import type { CalendarFilter } from './filters';
import { type CalendarLocale, networksOf } from '../../ui';

export type ToneName = (tone: Tone) => string;

const excerpts = new WeakMap<object, Map<number, string>>();

/** The start of a post's text, on one line, cut at a word where it can be (kept per post text). */
export function excerptOf(text: string, max = 80): string {
  // Only the start is shown: the rest of a long post is never scanned.
  const line = text.slice(0, max * 2).replace(/\s+/g, ' ').trim();
  if (line.length <= max) return text.length > max * 2 ? `${line}…` : line;
  const cut = line.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** excerptOf for a post, remembered as long as the post object lives (posts are immutable here). */
export function postExcerpt(post: Post, max: number): string {
  let byLength = excerpts.get(post);
  if (byLength === undefined) {
    byLength = new Map();
    excerpts.set(post, byLength);
  }
  let excerpt = byLength.get(max);
  if (excerpt === undefined) {
    excerpt = excerptOf(post.text, max);
    byLength.set(max, excerpt);
  }
  return excerpt;
}

/** "Tuesday 3 November: 2 posts, 1 private, 1 professional" (today says so first). */
export function dayLabel(locale: CalendarLocale, day: Day, mix: ToneMix, today: Day): string {
  const date = day === today ? locale.t('calendar.todayDate', { date: locale.dayLong(day) }) : locale.dayLong(day);
  return locale.t('calendar.dayLabel', { date, summary: locale.mixSummary(mix) });
}

/**
 * "Draft, Private:" — what a chip says to a screen reader before its visible time, network marks
 * (each named by its network) and text, which stay part of its name as axe's label-in-name rule wants.
 */
export function chipPrefix(locale: CalendarLocale, toneName: ToneName, post: Post): string {
  return locale.t(post.targets.length === 0 ? 'calendar.chipPrefixNoNetwork' : 'calendar.chipPrefix', {
    status: locale.t(`calendar.status.${calendarStatusOf(post.status)}`),
    tone: post.tone === null ? locale.t('calendar.noTone') : toneName(post.tone),
  });
}

/** The networks of a post in words: "X and Bluesky", or "no network yet". */
export function networkNames(locale: CalendarLocale, post: Post): string {
  const names = networksOf(post).map((network) => NETWORK_INFO[network].name);
  return names.length === 0 ? locale.t('calendar.noNetworks') : locale.list(names);
}

/** What the view's own mix counts, as the filters let it: "drafts, planned and published, all networks". */
export function shownScope(locale: CalendarLocale, filter: CalendarFilter): string {
  const { t } = locale;
  const statuses = CALENDAR_STATUSES.filter((status) => filter.statuses.has(status)).map((status) => t(`calendar.counted.statuses.${status}`));
  const statusWords =
    statuses.length === 0 ? t('calendar.counted.noStatus') : statuses.length === CALENDAR_STATUSES.length ? t('calendar.counted.everyStatus') : locale.list(statuses);
  if (filter.networks.size === NETWORK_IDS.length) return t('calendar.counted.allNetworks', { statuses: statusWords });
  const networks = NETWORK_IDS.filter((network) => filter.networks.has(network)).map((network) => NETWORK_INFO[network].name);
  return t('calendar.counted.onNetworks', { statuses: statusWords, networks: networks.length === 0 ? t('calendar.counted.noNetwork') : locale.list(networks) });
}

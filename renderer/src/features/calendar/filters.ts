import { NETWORK_IDS, type NetworkIdValue, type Post } from '../../../../common/domain';
import { CALENDAR_STATUSES, calendarStatusOf, type CalendarStatus } from '../../../../common/tone';

export interface CalendarFilter {
  readonly networks: ReadonlySet<NetworkIdValue>;
  readonly statuses: ReadonlySet<CalendarStatus>;
}

export const ALL_POSTS: CalendarFilter = { networks: new Set(NETWORK_IDS), statuses: new Set(CALENDAR_STATUSES) };

export function isFiltering(filter: CalendarFilter): boolean {
  return filter.networks.size < NETWORK_IDS.length || filter.statuses.size < CALENDAR_STATUSES.length;
}

/**
 * A post passes when its status is shown and one of its networks is. A draft without a network
 * yet belongs to no network: it shows only while every network does.
 */
export function passes(filter: CalendarFilter, post: Post): boolean {
  if (!filter.statuses.has(calendarStatusOf(post.status))) return false;
  if (post.targets.length === 0) return filter.networks.size === NETWORK_IDS.length;
  return post.targets.some((target) => filter.networks.has(target.network));
}

export function applyFilter(filter: CalendarFilter, posts: readonly Post[]): readonly Post[] {
  return isFiltering(filter) ? posts.filter((post) => passes(filter, post)) : posts;
}

export function toggled<T>(set: ReadonlySet<T>, value: T): Set<T> {
  const next = new Set(set);
  if (next.has(value)) next.delete(value);
  else next.add(value);
  return next;
}

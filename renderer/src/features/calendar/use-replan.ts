import { useRef } from 'react';
import type { Post } from '../../../../common/domain';
import { calendarDayOf, plannedOrCreated, replanByDays, type Day } from '../../../../common/tone';
import type { MonthCache } from './month-cache';

/** How a move ended, for the screen to say (the post was already shown on its new day when the save started). */
export type ReplanOutcome =
  | { readonly kind: 'cannotMove' }
  | { readonly kind: 'moved'; readonly day: Day; readonly saved: Post }
  | { readonly kind: 'failed'; readonly error: unknown };

/**
 * Moving a post by whole days, optimistically: the calendar shows it on its new day at once, then
 * the core saves the new planned time. Only the latest move of a post may settle it, so a slow
 * save answering after a newer move neither shows the old day nor speaks; a failed save puts the
 * post back where it was.
 */
export function useReplan({
  cache,
  zone,
  settled,
}: Readonly<{
  cache: MonthCache;
  zone: string;
  settled: (outcome: ReplanOutcome) => void;
}>): (post: Post, days: number, placed: (day: Day) => void) => Promise<void> {
  const saves = useRef(new Map<string, number>());
  /** `placed` runs once the post shows on its new day, before the save: the screen selects and follows it there. */
  return async (post, days, placed) => {
    if (days === 0) return;
    if (post.status === 'published' || post.status === 'publishing') {
      settled({ kind: 'cannotMove' });
      return;
    }
    const planned = replanByDays(plannedOrCreated(post, zone), days);
    const moved: Post = { ...post, planned };
    const day = calendarDayOf(moved, zone);
    const seq = (saves.current.get(post.id) ?? 0) + 1;
    saves.current.set(post.id, seq);
    cache.put(moved);
    placed(day);
    try {
      // Its own intent, not a draft save: only the planned time changes, whatever else the post holds.
      const saved = await window.spheres.posts.replan({ id: post.id, planned });
      if (saves.current.get(post.id) !== seq) return;
      cache.put(saved);
      settled({ kind: 'moved', day, saved });
    } catch (error) {
      if (saves.current.get(post.id) !== seq) return;
      cache.put(post);
      settled({ kind: 'failed', error });
    }
  };
}

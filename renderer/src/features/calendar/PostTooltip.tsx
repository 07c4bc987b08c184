import { useId, useState, type KeyboardEvent } from 'react';
import type { Post } from '../../../../common/domain';
import { calendarDayOf, calendarStatusOf, calendarTimeOf } from '../../../../common/tone';
import { networkNames, type ToneName } from './labels';
import type { CalendarLocale } from '../../ui';

/** Where the tooltip stands: under its trigger, or over it near the window's bottom edge (viewport pixels). */
interface TipPlace {
  readonly left: number;
  readonly top?: number;
  readonly bottom?: number;
}

const TIP_WIDTH = 320;
/** Room the tooltip wants below its trigger before it opens above instead. */
const TIP_ROOM = 220;

function placeTip(trigger: HTMLElement): TipPlace {
  const rect = trigger.getBoundingClientRect();
  const left = Math.max(8, Math.min(rect.left, window.innerWidth - TIP_WIDTH - 8));
  return rect.bottom + TIP_ROOM > window.innerHeight && rect.top > TIP_ROOM ? { left, bottom: window.innerHeight - rect.top + 4 } : { left, top: rect.bottom + 4 };
}

/**
 * A post's full text in a tooltip while its trigger is hovered or focused (not only a `title`,
 * which keyboards never show), named as the trigger's description; Escape dismisses it without
 * moving focus (WCAG 1.4.13).
 */
export function usePostTooltip() {
  const [place, setPlace] = useState<TipPlace | null>(null);
  const id = useId();
  const show = (event: { currentTarget: HTMLElement }): void => setPlace(placeTip(event.currentTarget));
  const hide = (): void => setPlace(null);
  return {
    id,
    place,
    hide,
    triggerProps: {
      'aria-describedby': place === null ? undefined : id,
      onMouseEnter: show,
      onMouseLeave: hide,
      onFocus: show,
      onBlur: hide,
      onKeyDown: (event: KeyboardEvent<HTMLElement>) => {
        if (event.key === 'Escape' && place !== null) {
          event.stopPropagation();
          hide();
        }
      },
    },
  };
}

/** Tooltips show this much of a post at most: the rest of a long LinkedIn post is in the composer. */
const TIP_TEXT_MAX = 1_000;

export function PostTooltip({
  id,
  place,
  post,
  zone,
  locale,
  toneName,
}: Readonly<{ id: string; place: TipPlace; post: Post; zone: string; locale: CalendarLocale; toneName: ToneName }>) {
  const { t } = locale;
  const time = locale.time(calendarTimeOf(post), zone);
  const text = post.text.trim();
  const planned = post.planned;
  return (
    <span
      role="tooltip"
      id={id}
      data-chip-tooltip={post.id}
      // Fixed, so the month grid's rounded, clipped border does not cut it off.
      style={{ left: place.left, top: place.top, bottom: place.bottom, maxWidth: TIP_WIDTH }}
      className="pointer-events-none fixed z-50 flex w-max flex-col gap-1 rounded-lg border border-zinc-300 bg-white p-2 text-xs text-zinc-900 shadow-lg dark:border-zinc-600 dark:bg-zinc-900 dark:text-zinc-100"
    >
      <span className="font-medium">
        {t(`calendar.status.${calendarStatusOf(post.status)}`)} · {post.tone === null ? t('calendar.noTone') : toneName(post.tone)}
      </span>
      <span className="text-zinc-700 dark:text-zinc-300">
        {t('calendar.chipTooltipHead', { date: locale.dayLong(calendarDayOf(post, zone)), time, networks: networkNames(locale, post) })}
      </span>
      {planned !== null && planned.zone !== zone && (
        <span className="text-zinc-700 dark:text-zinc-300">
          {t('calendar.plannedInZone', { time: locale.time(Date.parse(planned.at), planned.zone), zone: locale.zoneName(planned.zone) })}
        </span>
      )}
      <span data-chip-full-text className="break-words whitespace-pre-line">
        {text === '' ? t('calendar.noText') : text.length > TIP_TEXT_MAX ? `${text.slice(0, TIP_TEXT_MAX).trimEnd()}…` : text}
      </span>
    </span>
  );
}

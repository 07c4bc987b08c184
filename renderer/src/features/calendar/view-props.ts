import type { KeyboardEvent } from 'react';
import type { Post } from '../../../../common/domain';
import type { Day, ToneCalendar } from '../../../../common/tone';
import type { QuietBand } from '../../../../common/guardrails';
import type { ToneName } from './labels';
import type { CalendarLocale } from '../../ui';
import type { RenderTiming } from './perf';

/** What every view of the tone calendar (month, week, year) is drawn from and reports back. */
export interface CalendarViewProps {
  readonly locale: CalendarLocale;
  readonly toneName: ToneName;
  readonly zone: string;
  readonly today: Day;
  /** Null while the posts load: the grid is drawn already, without posts. */
  readonly calendar: ToneCalendar<Post> | null;
  /** The day that holds the grid's one tab stop. */
  readonly focusedDay: Day;
  /** Bumped when the keyboard moved the focused day, so the view moves focus to it. */
  readonly focusToken: number;
  readonly selectedDay: Day | null;
  readonly selectedPostId: string | null;
  readonly timing: RenderTiming;
  /** performance.now() when the view's data was complete. */
  readonly dataAt: number;
  /** The person's quiet periods (Settings → Guardrails), overlapping ones merged: shown as a band over their days. */
  readonly quietBands?: readonly QuietBand[];
  onGridKey(event: KeyboardEvent<HTMLElement>): void;
  onPickDay(day: Day, how: 'pointer' | 'keyboard'): void;
  onSelectPost(post: Post): void;
  onOpenPost(id: string): void;
  onDropPost(id: string, day: Day): void;
}

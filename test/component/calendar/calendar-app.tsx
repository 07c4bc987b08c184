import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { I18nextProvider } from 'react-i18next';
import type { SpheresApi } from '../../../common/api';
import type { Language, NetworkIdValue, Post, TargetMix, Tone } from '../../../common/domain';
import { createI18n } from '../../../renderer/src/i18n';
import { ToneCalendar, type CalendarViewName } from '../../../renderer/src/features/calendar/CalendarScreen';
import { inProcessApp } from '../../support/in-process-app';

export const ZONE = 'Europe/Copenhagen';
export const TARGET: TargetMix = { private: 30, blend: 30, professional: 40, period: 'week' };

export interface PostSeed {
  id: string;
  tone: Tone | null;
  networks: NetworkIdValue[];
  /** UTC instant of the planned time (in Copenhagen), or null for a draft that stands at its creation time. */
  at: string | null;
  status?: 'draft' | 'queued' | 'published';
  text?: string;
}

/** The real core behind window.spheres, with posts made through the API (and marked published through the core, as the outbox will). */
export async function calendarApp(posts: readonly PostSeed[], now = '2026-11-18T10:00:00.000Z') {
  const app = await inProcessApp({ now: () => new Date(now) });
  Object.defineProperty(window, 'spheres', { value: app.api satisfies SpheresApi, configurable: true });
  for (const seed of posts) {
    await app.api.posts.saveDraft({
      id: seed.id,
      tone: seed.tone,
      text: seed.text ?? `Post ${seed.id}`,
      targets: seed.networks.map((network) => ({ network })),
      planned: seed.at === null ? null : { at: seed.at, zone: ZONE },
    });
    if (seed.status === 'queued') await app.api.posts.queue({ id: seed.id });
    if (seed.status === 'published') await app.core.posts.update(seed.id, { status: 'published' });
  }
  return app;
}

export interface RenderOptions {
  language?: Language;
  today?: string;
  initialDay?: string;
  view?: CalendarViewName;
  target?: TargetMix;
  onOpenPost?: (id: string) => void;
}

export function inLanguage(ui: ReactElement, language: Language = 'en') {
  return render(<I18nextProvider i18n={createI18n(language)}>{ui}</I18nextProvider>);
}

export function renderCalendar(options: RenderOptions = {}) {
  return inLanguage(
    <ToneCalendar
      targetMix={options.target ?? TARGET}
      zone={ZONE}
      today={options.today ?? '2026-11-18'}
      initialDay={options.initialDay}
      initialView={options.view}
      onOpenPost={options.onOpenPost ?? (() => undefined)}
    />,
    options.language,
  );
}

export function cell(day: string): HTMLElement {
  const found = document.querySelector<HTMLElement>(`[role=gridcell][data-day="${day}"]`);
  if (found === null) throw new Error(`no cell for ${day}`);
  return found;
}

export function summaryOf(day: string): string {
  return cell(day).querySelector('[data-day-summary]')?.textContent ?? '';
}

export function chipsOf(day: string): { id: string; tone: string; status: string }[] {
  return [...cell(day).querySelectorAll<HTMLElement>('[data-post-id]')].map((chip) => ({
    id: chip.dataset.postId ?? '',
    tone: chip.dataset.tone ?? '',
    status: chip.dataset.status ?? '',
  }));
}

export type { Post };

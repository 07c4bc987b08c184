import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { DEFAULT_GUARDRAILS, type Guardrails } from '../../../common/domain';
import { ToneCalendar, type CalendarViewName } from '../../../renderer/src/features/calendar/CalendarScreen';
import { TARGET, ZONE, calendarApp, cell, chipsOf, inLanguage, summaryOf } from '../calendar/calendar-app';

const GUARDRAILS: Guardrails = {
  ...DEFAULT_GUARDRAILS,
  periods: [
    { id: 'q3', name: 'Q3 results', start: '2026-11-10', end: '2026-11-16', zone: ZONE, source: 'manual' },
    // Overlaps Q3 results: one band, naming both.
    { id: 'deal', name: 'Deal talks', start: '2026-11-15', end: '2026-11-20', zone: ZONE, source: 'ics' },
  ],
  rules: [{ id: 'annual', name: 'Annual report', announcements: ['2026-02-04'], daysBefore: 3, zone: ZONE }],
};

function show(view: CalendarViewName, initialDay = '2026-11-18', guardrails: Guardrails = GUARDRAILS, language: 'en' | 'da' = 'en') {
  return inLanguage(
    <ToneCalendar targetMix={TARGET} zone={ZONE} today="2026-11-18" initialDay={initialDay} initialView={view} guardrails={guardrails} onOpenPost={() => undefined} />,
    language,
  );
}

const bandDays = (): string[] => [...document.querySelectorAll<HTMLElement>('[role=gridcell][data-quiet-period]')].map((element) => element.dataset.day ?? '');

describe('quiet periods in the tone calendar', () => {
  it('shades the days of quiet periods in the month, merging overlapping periods into one band that names both', async () => {
    await calendarApp([]);
    show('month');
    await waitFor(() => expect(screen.getAllByRole('grid')[0]).toHaveAttribute('aria-busy', 'false'));
    expect(bandDays()).toEqual(['2026-11-10', '2026-11-11', '2026-11-12', '2026-11-13', '2026-11-14', '2026-11-15', '2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20']);
    expect(cell('2026-11-12').dataset.quietPeriod).toBe('Q3 results, Deal talks');
    expect(summaryOf('2026-11-12')).toContain('Quiet period: Q3 results, Deal talks');
    expect(cell('2026-11-09').dataset.quietPeriod).toBeUndefined();
  });

  it('shows the band with its name in the week view, in Danish too', async () => {
    await calendarApp([]);
    show('week', '2026-11-18', GUARDRAILS, 'da');
    await waitFor(() => expect(screen.getAllByRole('grid')[0]).toHaveAttribute('aria-busy', 'false'));
    expect(bandDays()).toEqual(['2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20']);
    expect(summaryOf('2026-11-20')).toContain('Stilleperiode: Q3 results, Deal talks');
  });

  it('marks quiet days in the year view, a repeating rule\'s included', async () => {
    await calendarApp([]);
    show('year');
    await waitFor(() => expect(cell('2026-02-04')).toHaveAttribute('data-quiet-period'));
    expect(bandDays().filter((day) => day < '2026-03-01')).toEqual(['2026-02-01', '2026-02-02', '2026-02-03', '2026-02-04']);
    expect(cell('2026-02-04')).toHaveAccessibleName(/Quiet period: Annual report/);
  });

  it('shows no band without quiet periods', async () => {
    await calendarApp([]);
    show('month', '2026-11-18', DEFAULT_GUARDRAILS);
    await waitFor(() => expect(screen.getAllByRole('grid')[0]).toHaveAttribute('aria-busy', 'false'));
    expect(bandDays()).toEqual([]);
  });

  it('asks before a professional post moves into a quiet period, and records the confirmation', async () => {
    const app = await calendarApp([{ id: 'results-teaser', tone: 'professional', networks: ['linkedin'], at: '2026-11-09T08:00:00.000Z' }]);
    for (const period of GUARDRAILS.periods) app.core.guardrails.putPeriod(period);
    show('month', '2026-11-18', app.core.settings.get().guardrails);
    await waitFor(() => expect(screen.getAllByRole('grid')[0]).toHaveAttribute('aria-busy', 'false'));
    const chip = document.querySelector('[data-post-id="results-teaser"]') as HTMLElement;
    await userEvent.click(chip);
    fireEvent.keyDown(chip, { key: 'ArrowRight', altKey: true });
    const dialog = await screen.findByRole('alertdialog', { name: 'Post despite a guardrail?' });
    expect(within(dialog).getByText(/Planned in the quiet period Q3 results/)).toBeInTheDocument();
    // Go back: nothing moves.
    await userEvent.click(within(dialog).getByRole('button', { name: 'Go back' }));
    expect(chipsOf('2026-11-09').map((post) => post.id)).toEqual(['results-teaser']);
    expect((await app.api.posts.get({ id: 'results-teaser' })).planned?.at).toBe('2026-11-09T08:00:00.000Z');

    fireEvent.keyDown(chip, { key: 'ArrowRight', altKey: true });
    await userEvent.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Move anyway' }));
    await waitFor(() => expect(chipsOf('2026-11-10').map((post) => post.id)).toEqual(['results-teaser']));
    await waitFor(async () => expect((await app.core.guardrails.csv()).overrides).toBe(1));
    expect((await app.core.guardrails.csv()).csv).toContain('results-teaser,move,quiet_period,q3');
  });
});

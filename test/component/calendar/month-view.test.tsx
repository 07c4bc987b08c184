import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { calendarApp, cell, chipsOf, renderCalendar, summaryOf, type PostSeed } from './calendar-app';

/** November 2026 in Copenhagen (CET, +01:00), seen on Wednesday the 18th. */
const NOVEMBER: PostSeed[] = [
  { id: 'tue-private', tone: 'private', networks: ['instagram'], at: '2026-11-03T08:00:00.000Z', status: 'queued', text: 'Pancakes with the kids.' },
  { id: 'tue-professional', tone: 'professional', networks: ['linkedin'], at: '2026-11-03T12:00:00.000Z', status: 'published', text: 'Quarterly numbers.' },
  { id: 'thu-blend', tone: 'blend', networks: ['x', 'bluesky'], at: '2026-11-05T17:00:00.000Z', text: 'What a side project taught me.' },
  { id: 'sat-blend', tone: 'blend', networks: ['instagram'], at: '2026-11-14T09:00:00.000Z', text: 'Saturday market.' },
  ...['10', '12', '16', '17'].map((day): PostSeed => ({ id: `professional-${day}`, tone: 'professional', networks: ['linkedin'], at: `2026-11-${day}T08:00:00.000Z`, status: 'queued' })),
  // A draft with no tone, no network and no planned time stands on the day it was made: today.
  { id: 'untoned-today', tone: null, networks: [], at: null },
  // 23:30 UTC on 31 October is already 1 November in Copenhagen; it lives in October's store file.
  { id: 'edge-nov-1', tone: 'blend', networks: ['x'], at: '2026-10-31T23:30:00.000Z', status: 'queued' },
  // And 23:30 UTC on 30 November is 1 December, shown in November's last row.
  { id: 'edge-dec-1', tone: 'private', networks: ['x'], at: '2026-11-30T23:30:00.000Z', status: 'queued' },
];

async function showNovember(options: Parameters<typeof renderCalendar>[0] = {}) {
  const app = await calendarApp(NOVEMBER);
  renderCalendar(options);
  await waitFor(() => expect(screen.getByRole('grid', { name: /November 2026/i })).toHaveAttribute('aria-busy', 'false'));
  return app;
}

describe('the month view', () => {
  it('puts each post on its day in Copenhagen, including days that live in a neighbouring month’s store file', async () => {
    await showNovember();
    expect(chipsOf('2026-11-03')).toEqual([
      { id: 'tue-private', tone: 'private', status: 'planned' },
      { id: 'tue-professional', tone: 'professional', status: 'published' },
    ]);
    expect(chipsOf('2026-11-01').map((chip) => chip.id)).toEqual(['edge-nov-1']);
    expect(chipsOf('2026-12-01').map((chip) => chip.id)).toEqual(['edge-dec-1']);
    expect(chipsOf('2026-11-18')).toEqual([{ id: 'untoned-today', tone: 'none', status: 'draft' }]);
    expect(chipsOf('2026-11-04')).toEqual([]);
  });

  it('tells each day its date and mix: “Tuesday, November 3: 2 posts, 1 private, 1 professional”', async () => {
    await showNovember();
    expect(summaryOf('2026-11-03')).toBe('Tuesday, November 3: 2 posts, 1 private, 1 professional.');
    expect(summaryOf('2026-11-04')).toBe('Wednesday, November 4: no posts.');
    expect(summaryOf('2026-11-18')).toBe('Today, Wednesday, November 18: 1 post, 1 without a tone.');
  });

  it('shows the month’s mix in counts and shares, untoned posts apart', async () => {
    await showNovember();
    // 1 private, 3 blend, 5 professional of 9 toned: 11.1%, 33.3%, 55.6% -> 11 + 33 + 56 = 100.
    expect(document.querySelector('[data-period-mix]')).toHaveTextContent('Private 1 · 11%, Blend 3 · 33%, Professional 5 · 56%');
    expect(
      screen.getByRole('img', { name: /^Mix of November 2026 · drafts, planned and published, all networks: 10 posts, 1 private, 3 blend, 5 professional, 1 without a tone$/ }),
    ).toBeInTheDocument();
  });

  it('gives every week row its mix', async () => {
    await showNovember();
    // English (US) weeks start on Sunday: 15–21 November holds the posts of the 16th and 17th and today's untoned draft.
    expect(screen.getByRole('rowheader', { name: 'Nov 15: 3 posts, 2 professional, 1 without a tone' })).toBeInTheDocument();
  });

  it('tells drafts, planned and published posts apart by more than colour', async () => {
    await showNovember();
    const chip = (id: string) => document.querySelector<HTMLElement>(`[data-post-id="${id}"]`) as HTMLElement;
    expect(chip('thu-blend').className).toContain('border-dashed');
    expect(chip('tue-private').className).not.toContain('border-dashed');
    expect(chip('tue-professional').className).toContain('bg-tone-professional');
    expect(chip('thu-blend')).toHaveAccessibleName(/^Draft, Blend: 6 PM X Bluesky What a side project/);
    expect(chip('tue-professional')).toHaveAccessibleName('Published, Professional: 1 PM LinkedIn Quarterly numbers.');
    expect(chip('untoned-today')).toHaveAccessibleName('Draft, No tone, no network yet: 11 AM Post untoned-today');
    expect(chip('tue-professional')).toHaveAttribute('draggable', 'false');
  });

  it('marks today, the weekend and quiet stretches', async () => {
    await showNovember();
    expect(cell('2026-11-18')).toHaveAttribute('data-today', 'true');
    expect(cell('2026-11-07').className).toContain('bg-zinc-50');
    expect(cell('2026-11-04').className).not.toContain('bg-zinc-50');
    // 6–9 November: four days in a row without posts.
    expect(cell('2026-11-07')).toHaveAttribute('data-quiet', 'true');
    // 4 November stands alone between posts on the 3rd and 5th.
    expect(cell('2026-11-04')).not.toHaveAttribute('data-quiet');
  });

  it('opens a day with its posts, and a post in the composer', async () => {
    const onOpenPost = vi.fn();
    await showNovember({ onOpenPost });
    await userEvent.click(cell('2026-11-03'));
    const panel = screen.getByRole('region', { name: 'Tuesday, November 3' });
    expect(within(panel).getByText('2 posts, 1 private, 1 professional')).toBeInTheDocument();
    expect(within(panel).getByText('Pancakes with the kids.')).toBeInTheDocument();
    await userEvent.click(within(panel).getAllByRole('button', { name: 'Open in composer' })[1] as HTMLElement);
    expect(onOpenPost).toHaveBeenCalledWith('tue-professional');
  });

  it('moves a post dragged to another day, keeping its time', async () => {
    const { api } = await showNovember();
    const data = new Map<string, string>();
    const dataTransfer = {
      get types() {
        return [...data.keys()];
      },
      setData: (type: string, value: string) => void data.set(type, value),
      getData: (type: string) => data.get(type) ?? '',
      effectAllowed: 'all',
      dropEffect: 'none',
    };
    fireEvent.dragStart(document.querySelector('[data-post-id="thu-blend"]') as HTMLElement, { dataTransfer });
    fireEvent.dragOver(cell('2026-11-09'), { dataTransfer });
    fireEvent.drop(cell('2026-11-09'), { dataTransfer });
    await waitFor(() => expect(summaryOf('2026-11-09')).toBe('Monday, November 9: 1 post, 1 blend.'));
    expect(summaryOf('2026-11-05')).toBe('Thursday, November 5: no posts.');
    await waitFor(async () => expect((await api.posts.get({ id: 'thu-blend' })).planned).toEqual({ at: '2026-11-09T17:00:00.000Z', zone: 'Europe/Copenhagen' }));
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Moved to Monday, November 9, 6:00 PM.'));
  });

  it('will not move a published post', async () => {
    const { api } = await showNovember();
    await userEvent.click(document.querySelector('[data-post-id="tue-professional"]') as HTMLElement);
    fireEvent.keyDown(document.querySelector('[data-post-id="tue-professional"]') as HTMLElement, { key: 'ArrowRight', altKey: true });
    expect(screen.getByRole('status')).toHaveTextContent('A published post stays on the day it went out.');
    expect((await api.posts.get({ id: 'tue-professional' })).planned?.at).toBe('2026-11-03T12:00:00.000Z');
  });
});

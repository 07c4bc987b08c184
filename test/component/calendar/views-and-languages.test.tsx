import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { calendarApp, cell, chipsOf, renderCalendar, summaryOf, type PostSeed } from './calendar-app';

const POSTS: PostSeed[] = [
  { id: 'tue-private', tone: 'private', networks: ['instagram'], at: '2026-11-03T08:00:00.000Z', status: 'queued' },
  { id: 'tue-professional', tone: 'professional', networks: ['linkedin'], at: '2026-11-03T12:00:00.000Z', status: 'published' },
  { id: 'tue-blend-late', tone: 'blend', networks: ['x'], at: '2026-11-03T20:00:00.000Z', status: 'queued' },
  { id: 'tue-private-late', tone: 'private', networks: ['x'], at: '2026-11-03T21:00:00.000Z', status: 'queued' },
  { id: 'new-year-eve', tone: 'blend', networks: ['mastodon'], at: '2026-12-31T22:30:00.000Z', status: 'queued' },
];

describe('in Danish', () => {
  it('starts weeks on Monday, numbers them the ISO way and speaks Danish', async () => {
    await calendarApp(POSTS);
    renderCalendar({ language: 'da' });
    await waitFor(() => expect(screen.getByRole('grid', { name: 'november 2026' })).toHaveAttribute('aria-busy', 'false'));
    const headers = screen.getAllByRole('columnheader').map((header) => header.textContent);
    expect(headers.slice(0, 3)).toEqual(['Uge', 'man.mandag', 'tirs.tirsdag']);
    expect(screen.getAllByRole('rowheader').map((header) => header.getAttribute('aria-label')?.split(':')[0])).toEqual([
      'Uge 44',
      'Uge 45',
      'Uge 46',
      'Uge 47',
      'Uge 48',
      'Uge 49',
    ]);
    expect(summaryOf('2026-11-03')).toBe('tirsdag 3. november: 4 opslag, 2 private, 1 blandet, 1 professionel.');
    expect(document.querySelector('[data-period-mix]')).toHaveTextContent('Privat 2 · 50 %, Blandet 1 · 25 %, Professionel 1 · 25 %');
  });

  it('puts New Year’s Eve in week 53 of 2026', async () => {
    await calendarApp(POSTS);
    renderCalendar({ language: 'da', initialDay: '2026-12-15' });
    await waitFor(() => expect(screen.getByRole('grid', { name: 'december 2026' })).toHaveAttribute('aria-busy', 'false'));
    expect(screen.getByRole('rowheader', { name: /^Uge 53: 1 opslag, 1 blandet$/ })).toBeInTheDocument();
    expect(chipsOf('2026-12-31').map((post) => post.id)).toEqual(['new-year-eve']);
  });
});

describe('the week view', () => {
  it('shows every post of each day, in time order', async () => {
    await calendarApp(POSTS);
    renderCalendar({ view: 'week', initialDay: '2026-11-03' });
    await waitFor(() => expect(screen.getByRole('grid')).toHaveAttribute('aria-busy', 'false'));
    expect(screen.getByRole('heading', { level: 2, name: 'Nov 1 – Nov 7' })).toBeInTheDocument();
    expect(chipsOf('2026-11-03').map((post) => post.id)).toEqual(['tue-private', 'tue-professional', 'tue-blend-late', 'tue-private-late']);
    expect(summaryOf('2026-11-03')).toBe('Tuesday, November 3: 4 posts, 2 private, 1 blend, 1 professional.');
  });

  it('switches from the month to the week holding the focused day', async () => {
    await calendarApp(POSTS);
    renderCalendar({ initialDay: '2026-11-03' });
    await userEvent.click(screen.getByRole('button', { name: 'Week', pressed: false }));
    expect(await screen.findByRole('heading', { level: 2, name: 'Nov 1 – Nov 7' })).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Next week' }));
    expect(await screen.findByRole('heading', { level: 2, name: 'Nov 8 – Nov 14' })).toBeInTheDocument();
  });
});

describe('the year heat-map', () => {
  it('shows each day as a square labelled with its mix, and each month with its own', async () => {
    await calendarApp(POSTS);
    renderCalendar({ view: 'year' });
    await waitFor(() => expect(screen.getByRole('grid', { name: 'November 2026' }).closest('[aria-busy]')).toHaveAttribute('aria-busy', 'false'));
    expect(screen.getAllByRole('grid')).toHaveLength(12);
    expect(cell('2026-11-03')).toHaveAttribute('aria-label', 'Tuesday, November 3: 4 posts, 2 private, 1 blend, 1 professional');
    // An even split between private and the rest leans to private (2 of 4): the strongest step is for 5 or more.
    expect(cell('2026-11-03').className).toContain('bg-tone-private/80');
    expect(cell('2026-12-31').className).toContain('bg-tone-blend/30');
    expect(cell('2026-11-04').className).toContain('bg-zinc-100');
    expect(screen.getByRole('img', { name: 'Mix of November 2026: 4 posts, 2 private, 1 blend, 1 professional' })).toBeInTheDocument();
    // Only one day of the year is in the tab order.
    expect(document.querySelectorAll('[role=gridcell][tabindex="0"]')).toHaveLength(1);
  });

  it('opens a month from its name', async () => {
    await calendarApp(POSTS);
    renderCalendar({ view: 'year' });
    await userEvent.click(await screen.findByRole('button', { name: 'Show December 2026' }));
    expect(await screen.findByRole('grid', { name: 'December 2026' })).toBeInTheDocument();
    expect(within(screen.getByRole('group', { name: 'Calendar view' })).getByRole('button', { name: 'Month' })).toHaveAttribute('aria-pressed', 'true');
  });
});

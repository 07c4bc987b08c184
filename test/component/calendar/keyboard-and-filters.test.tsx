import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { calendarApp, cell, chipsOf, renderCalendar, summaryOf, type PostSeed } from './calendar-app';

const POSTS: PostSeed[] = [
  { id: 'tue-private', tone: 'private', networks: ['instagram'], at: '2026-11-03T08:00:00.000Z', status: 'queued', text: 'Pancakes with the kids.' },
  { id: 'tue-professional', tone: 'professional', networks: ['linkedin'], at: '2026-11-03T12:00:00.000Z', status: 'published', text: 'Quarterly numbers.' },
  { id: 'thu-blend', tone: 'blend', networks: ['x', 'linkedin'], at: '2026-11-05T17:00:00.000Z', text: 'What a side project taught me.' },
  { id: 'no-network', tone: 'private', networks: [], at: '2026-11-06T09:00:00.000Z', text: 'Not sure where this goes yet.' },
];

async function show(options: Parameters<typeof renderCalendar>[0] = {}) {
  const app = await calendarApp(POSTS);
  renderCalendar(options);
  await waitFor(() => expect(screen.getAllByRole('grid')[0]).toHaveAttribute('aria-busy', 'false'));
  return app;
}

describe('keyboard navigation', () => {
  it('keeps one day in the tab order and moves it with the arrow keys', async () => {
    await show();
    expect(document.querySelectorAll('[role=gridcell][tabindex="0"]')).toHaveLength(1);
    expect(cell('2026-11-18')).toHaveAttribute('tabindex', '0');
    cell('2026-11-18').focus();
    await userEvent.keyboard('{ArrowRight}');
    expect(cell('2026-11-19')).toHaveFocus();
    expect(cell('2026-11-19')).toHaveAttribute('tabindex', '0');
    expect(cell('2026-11-18')).toHaveAttribute('tabindex', '-1');
    await userEvent.keyboard('{ArrowDown}');
    expect(cell('2026-11-26')).toHaveFocus();
    await userEvent.keyboard('{ArrowUp}{ArrowUp}{ArrowLeft}');
    expect(cell('2026-11-11')).toHaveFocus();
  });

  it('goes to the start and end of the week with Home and End (Sunday weeks in US English)', async () => {
    await show();
    cell('2026-11-18').focus();
    await userEvent.keyboard('{Home}');
    expect(cell('2026-11-15')).toHaveFocus();
    await userEvent.keyboard('{End}');
    expect(cell('2026-11-21')).toHaveFocus();
  });

  it('turns the month when the focus leaves it, and with Page Down', async () => {
    await show();
    cell('2026-11-30').focus();
    await userEvent.keyboard('{ArrowRight}');
    expect(await screen.findByRole('heading', { name: 'December 2026' })).toBeInTheDocument();
    expect(cell('2026-12-01')).toHaveFocus();
    await userEvent.keyboard('{PageDown}');
    expect(await screen.findByRole('heading', { name: 'January 2027' })).toBeInTheDocument();
    expect(cell('2027-01-01')).toHaveFocus();
  });

  it('opens the day with Enter and moves focus to its first post; Escape goes back', async () => {
    await show();
    cell('2026-11-03').focus();
    await userEvent.keyboard('{Enter}');
    const panel = screen.getByRole('region', { name: 'Tuesday, November 3' });
    expect(within(panel).getAllByRole('button', { pressed: false })[0]).toHaveFocus();
    await userEvent.keyboard('{Escape}');
    expect(cell('2026-11-03')).toHaveFocus();
  });

  it('moves a selected post a day with Alt+Arrow and a week with Alt+Down, keeping its time', async () => {
    const { api } = await show();
    const chip = document.querySelector('[data-post-id="thu-blend"]') as HTMLElement;
    await userEvent.click(chip);
    expect(chip).toHaveAttribute('aria-pressed', 'true');
    fireEvent.keyDown(chip, { key: 'ArrowRight', altKey: true });
    await waitFor(() => expect(chipsOf('2026-11-06').map((post) => post.id)).toContain('thu-blend'));
    expect(cell('2026-11-06')).toHaveFocus();
    fireEvent.keyDown(cell('2026-11-06'), { key: 'ArrowDown', altKey: true });
    await waitFor(() => expect(summaryOf('2026-11-13')).toBe('Friday, November 13: 1 post, 1 blend.'));
    await waitFor(async () => expect((await api.posts.get({ id: 'thu-blend' })).planned?.at).toBe('2026-11-13T17:00:00.000Z'));
  });

  it('moves a post from the day panel with Alt+Arrow, and the panel follows it', async () => {
    const { api } = await show();
    cell('2026-11-03').focus();
    await userEvent.keyboard('{Enter}');
    const item = () => document.querySelector('[data-panel-post="tue-private"]');
    expect(item()).toHaveFocus();
    await userEvent.keyboard('{Alt>}{ArrowLeft}{/Alt}');
    expect(await screen.findByRole('region', { name: 'Monday, November 2' })).toBeInTheDocument();
    await waitFor(() => expect(item()).toHaveFocus());
    await waitFor(async () => expect((await api.posts.get({ id: 'tue-private' })).planned?.at).toBe('2026-11-02T08:00:00.000Z'));
  });
});

describe('filters', () => {
  it('shows only the networks ticked, and the mixes count only what is shown', async () => {
    await show();
    expect(document.querySelector('[data-filter-summary]')).toHaveTextContent('All networks · all statuses');
    await userEvent.click(screen.getByRole('button', { name: 'Filters', expanded: false }));
    await userEvent.click(screen.getByRole('checkbox', { name: 'LinkedIn' }));
    expect(document.querySelector('[data-filter-summary]')).toHaveTextContent('X, Bluesky, Mastodon, Threads, Instagram, and Facebook · all statuses');
    expect(summaryOf('2026-11-03')).toBe('Tuesday, November 3: 1 post, 1 private.');
    // A post on LinkedIn and X stays while X is shown.
    expect(chipsOf('2026-11-05').map((post) => post.id)).toEqual(['thu-blend']);
    // A draft without a network shows only while every network does.
    expect(chipsOf('2026-11-06')).toEqual([]);
    expect(document.querySelector('[data-period-mix]')).toHaveTextContent('Private 1 · 50%, Blend 1 · 50%, Professional 0 · 0%');
    await userEvent.click(screen.getByRole('checkbox', { name: 'LinkedIn' }));
    expect(chipsOf('2026-11-06').map((post) => post.id)).toEqual(['no-network']);
  });

  it('shows only the statuses ticked', async () => {
    await show();
    await userEvent.click(screen.getByRole('button', { name: 'Filters' }));
    await userEvent.click(screen.getByRole('checkbox', { name: 'Drafts' }));
    expect(chipsOf('2026-11-05')).toEqual([]);
    await userEvent.click(screen.getByRole('checkbox', { name: 'Published' }));
    expect(chipsOf('2026-11-03').map((post) => post.id)).toEqual(['tue-private']);
    expect(summaryOf('2026-11-03')).toBe('Tuesday, November 3: 1 post, 1 private.');
    expect(document.querySelector('[data-filter-summary]')).toHaveTextContent('All networks · Planned');
  });
});

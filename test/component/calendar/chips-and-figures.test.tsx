import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { TargetMix } from '../../../common/domain';
import { calendarApp, cell, renderCalendar, type PostSeed } from './calendar-app';

const LONG_TEXT =
  'What a side project taught me about saying no: three years, two rewrites, and one very patient partner. The short version is that every yes costs an evening.';

/** Wednesday 18 November 2026 is today, in Copenhagen. */
const POSTS: PostSeed[] = [
  { id: 'thu-blend', tone: 'blend', networks: ['x', 'bluesky'], at: '2026-11-05T17:00:00.000Z', text: LONG_TEXT },
  { id: 'tue-professional', tone: 'professional', networks: ['linkedin'], at: '2026-11-03T12:00:00.000Z', status: 'published', text: 'Quarterly numbers.' },
  ...['10', '12', '16', '17'].map((day): PostSeed => ({ id: `professional-${day}`, tone: 'professional', networks: ['linkedin'], at: `2026-11-${day}T08:00:00.000Z`, status: 'queued' })),
  { id: 'private-16', tone: 'private', networks: ['instagram'], at: '2026-11-16T18:00:00.000Z', status: 'queued' },
  // Next month: planned, and a draft.
  { id: 'dec-private', tone: 'private', networks: ['instagram'], at: '2026-12-08T09:00:00.000Z', status: 'queued' },
  { id: 'dec-blend', tone: 'blend', networks: ['x'], at: '2026-12-09T09:00:00.000Z', status: 'queued' },
  { id: 'dec-draft', tone: 'professional', networks: ['linkedin'], at: '2026-12-10T09:00:00.000Z' },
];

const MONTHLY: TargetMix = { private: 30, blend: 30, professional: 40, period: 'month' };

const chip = (id: string) => document.querySelector<HTMLElement>(`[data-post-id="${id}"]`) as HTMLElement;
const panel = () => screen.getByRole('region', { name: 'Target mix' });
const scope = (which: 'view' | 'target' | 'drift') => document.querySelector(`[data-mix-scope="${which}"]`)?.textContent;

async function show(options: Parameters<typeof renderCalendar>[0] = {}) {
  const app = await calendarApp(POSTS);
  renderCalendar(options);
  await waitFor(() => expect(screen.getAllByRole('grid')[0]).toHaveAttribute('aria-busy', 'false'));
  return app;
}

describe('a post in the month grid', () => {
  it('shows its time and network marks on one line and its first words under them', async () => {
    await show();
    const head = chip('thu-blend').querySelector('[data-chip-head]') as HTMLElement;
    // On the hour, a 12-hour clock drops ":00": the cell is narrow.
    expect(head).toHaveTextContent(/^6 PM/);
    // The marks are letters, each named by its network.
    expect(within(head).getByRole('img', { name: 'X' })).toHaveTextContent('X');
    expect(within(head).getByRole('img', { name: 'Bluesky' })).toHaveTextContent('Bs');
    expect(within(head).getByRole('img', { name: 'Bluesky' })).toHaveAttribute('title', 'Bluesky');
    expect(chip('thu-blend').querySelector('[data-chip-text]')).toHaveTextContent(/^What a side project taught me about saying no: three years,…$/);
    expect(chip('thu-blend')).toHaveAccessibleName('Draft, Blend: 6 PM X Bluesky What a side project taught me about saying no: three years,…');
  });

  it('shows two network marks and "+N" for the rest, naming every network to screen readers', async () => {
    const app = await calendarApp(POSTS);
    await app.api.posts.saveDraft({ id: 'many-networks', tone: 'blend', text: 'Everywhere at once.', targets: [{ network: 'x' }, { network: 'bluesky' }, { network: 'mastodon' }, { network: 'threads' }], planned: { at: '2026-11-04T08:30:00.000Z', zone: 'Europe/Copenhagen' } });
    renderCalendar();
    await waitFor(() => expect(chip('many-networks')).not.toBeNull());
    const head = chip('many-networks').querySelector('[data-chip-head]') as HTMLElement;
    expect(within(head).getAllByRole('img').map((mark) => mark.getAttribute('aria-label'))).toEqual(['X', 'Bluesky']);
    expect(head).toHaveTextContent(/^9:30 AM X Bs \+2 Mastodon Threads$/);
    expect(chip('many-networks')).toHaveAccessibleName('Draft, Blend: 9:30 AM X Bluesky Mastodon Threads Everywhere at once.');
  });

  it('shows the full text in a tooltip on hover, and hides it when the pointer leaves', async () => {
    await show();
    expect(screen.queryByRole('tooltip')).toBeNull();
    await userEvent.hover(chip('thu-blend'));
    const tip = screen.getByRole('tooltip');
    expect(within(tip).getByText(LONG_TEXT)).toBeInTheDocument();
    expect(tip).toHaveTextContent('Draft · Blend');
    expect(tip).toHaveTextContent('Thursday, November 5, 6:00 PM · X and Bluesky');
    await userEvent.unhover(chip('thu-blend'));
    expect(screen.queryByRole('tooltip')).toBeNull();
  });

  it('shows the full text on focus too, as the chip’s description, and Escape dismisses it', async () => {
    await show();
    fireEvent.focus(chip('thu-blend'));
    const tip = screen.getByRole('tooltip');
    expect(within(tip).getByText(LONG_TEXT)).toBeInTheDocument();
    expect(chip('thu-blend')).toHaveAttribute('aria-describedby', tip.id);
    expect(chip('thu-blend')).toHaveAccessibleDescription(new RegExp(LONG_TEXT.slice(0, 40)));
    fireEvent.keyDown(chip('thu-blend'), { key: 'Escape' });
    expect(screen.queryByRole('tooltip')).toBeNull();
    fireEvent.focus(chip('thu-blend'));
    expect(screen.getByRole('tooltip')).toBeInTheDocument();
    fireEvent.blur(chip('thu-blend'));
    expect(screen.queryByRole('tooltip')).toBeNull();
  });

  it('shows the full text to the keyboard as well: Enter on a day focuses its post in the day panel, with the rest of the text', async () => {
    await show();
    cell('2026-11-05').focus();
    await userEvent.keyboard('{Enter}');
    const item = document.querySelector<HTMLElement>('[data-panel-post="thu-blend"]') as HTMLElement;
    await waitFor(() => expect(item).toHaveFocus());
    expect(within(screen.getByRole('tooltip')).getByText(LONG_TEXT)).toBeInTheDocument();
    expect(item).toHaveAccessibleDescription(new RegExp(LONG_TEXT.slice(-40)));
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('tooltip')).toBeNull();
  });

  it('shows no tooltip in the day panel for a post the panel shows whole', async () => {
    await show();
    cell('2026-11-03').focus();
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(document.querySelector('[data-panel-post="tue-professional"]')).toHaveFocus());
    expect(screen.queryByRole('tooltip')).toBeNull();
  });

  it('names the zone a post was planned in when it is not the calendar’s, in the app’s language', async () => {
    const app = await calendarApp(POSTS);
    // Named in full: this test is about the zone, not about what a partial save keeps.
    await app.api.posts.saveDraft({ id: 'thu-blend', tone: 'blend', text: LONG_TEXT, targets: [{ network: 'x' }, { network: 'bluesky' }], planned: { at: '2026-11-05T17:00:00.000Z', zone: 'America/New_York' } });
    renderCalendar({ language: 'da' });
    await waitFor(() => expect(screen.getAllByRole('grid')[0]).toHaveAttribute('aria-busy', 'false'));
    fireEvent.focus(chip('thu-blend'));
    expect(screen.getByRole('tooltip')).toHaveTextContent('Planlagt til kl. 12.00, Eastern-tid');
    expect(screen.getByRole('tooltip')).toHaveTextContent('torsdag 5. november kl. 18.00 · X og Bluesky');
  });
});

describe('the zone the calendar counts days in', () => {
  it('is named in the app’s language, never as its IANA id', async () => {
    await show();
    expect(document.querySelector('[data-calendar-zone]')).toHaveTextContent('Time zone of days and times: Central European Time');
  });

  it('is named in Danish in Danish', async () => {
    await show({ language: 'da' });
    expect(document.querySelector('[data-calendar-zone]')).toHaveTextContent('Tidszone for dage og tidspunkter: Centraleuropæisk tid');
  });
});

describe('quiet stretches', () => {
  it('never shades a day after today, however empty', async () => {
    await show();
    // 19–30 November: twelve empty days, all still ahead.
    for (const day of ['2026-11-19', '2026-11-20', '2026-11-25', '2026-11-30']) expect(cell(day)).not.toHaveAttribute('data-quiet');
    // 6–9 November were four empty days in the past.
    expect(cell('2026-11-07')).toHaveAttribute('data-quiet', 'true');
  });
});

describe('the target panel', () => {
  it('follows the month being viewed', async () => {
    await show({ target: MONTHLY });
    await waitFor(() => expect(within(panel()).getByRole('row', { name: /^Private/ }).textContent).toBe('Private1 · 17%30%−13 points'));
    expect(within(panel()).getByText('This month · Nov 1 – Nov 30')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Next month' }));
    expect(await within(panel()).findByText('December 2026')).toBeInTheDocument();
    // December: one private and one blend planned; the professional draft is not counted.
    await waitFor(() => expect(within(panel()).getByRole('row', { name: /^Private/ }).textContent).toBe('Private1 · 50%30%+20 points'));
    expect(within(panel()).getByRole('row', { name: /^Professional/ }).textContent).toBe('Professional0 · 0%40%−40 points');
    await userEvent.click(screen.getByRole('button', { name: 'Go to today' }));
    expect(await within(panel()).findByText('This month · Nov 1 – Nov 30')).toBeInTheDocument();
  });

  it('follows the week being viewed, numbered in Danish', async () => {
    await show({ view: 'week', language: 'da' });
    const danishPanel = () => screen.getByRole('region', { name: 'Ønsket toneblanding' });
    expect(await within(danishPanel()).findByText('Denne uge · 16. nov. – 22. nov.')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Næste uge' }));
    expect(await within(danishPanel()).findByText('Uge 48 · 23. nov. – 29. nov.')).toBeInTheDocument();
    expect(await within(danishPanel()).findByText('Intet udgivet eller planlagt i denne periode.')).toBeInTheDocument();
  });

  it('follows the week holding the focused day in the month view, for a weekly target', async () => {
    await show();
    expect(await within(panel()).findByText('This week · Nov 15 – Nov 21')).toBeInTheDocument();
    await userEvent.click(cell('2026-11-05'));
    expect(await within(panel()).findByText('Nov 1 – Nov 7')).toBeInTheDocument();
  });
});

describe('the three mix figures', () => {
  it('each say which period they count and what', async () => {
    await show();
    expect(scope('view')).toBe('November 2026 · drafts, planned and published, all networks');
    await waitFor(() => expect(scope('target')).toBe('This week · published and planned, all networks'));
    await waitFor(() => expect(scope('drift')).toBe('Last 14 days · published and planned, all networks'));
    expect(within(panel()).getByRole('img', { name: /^Actual mix \(This week · published and planned, all networks\): / })).toBeInTheDocument();
  });

  it('say what the filters leave in the view’s own figure', async () => {
    await show();
    await userEvent.click(screen.getByRole('button', { name: 'Filters', expanded: false }));
    await userEvent.click(screen.getByRole('checkbox', { name: 'Drafts' }));
    expect(scope('view')).toBe('November 2026 · planned and published, all networks');
    await userEvent.click(screen.getByRole('checkbox', { name: 'LinkedIn' }));
    expect(scope('view')).toBe('November 2026 · planned and published on X, Bluesky, Mastodon, Threads, Instagram, and Facebook');
    // The target panel is not filtered, and says so.
    expect(scope('target')).toBe('This week · published and planned, all networks');
  });

  it('say it in Danish', async () => {
    await show({ language: 'da' });
    expect(scope('view')).toBe('november 2026 · kladder, planlagte og udgivne, alle netværk');
    await waitFor(() => expect(scope('target')).toBe('Denne uge · udgivne og planlagte, alle netværk'));
    await waitFor(() => expect(scope('drift')).toBe('Sidste 14 dage · udgivne og planlagte, alle netværk'));
  });
});

import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Language } from '../../../common/domain';
import { CalendarScreen, REVIEW_HREF } from '../../../renderer/src/features/calendar/CalendarScreen';
import { ReviewScreen } from '../../../renderer/src/features/calendar/ReviewScreen';
import { calendarApp, inLanguage, renderCalendar, type PostSeed } from './calendar-app';

/** Imported history: published, no tone; oldest first, as the review lists them. */
const IMPORTED: PostSeed[] = [
  { id: 'import-hiring', tone: null, networks: ['linkedin'], at: '2026-11-02T09:00:00.000Z', status: 'published', text: 'We are hiring a senior backend engineer for our platform team. Apply via the link.' },
  { id: 'import-holiday', tone: null, networks: ['instagram'], at: '2026-11-03T09:00:00.000Z', status: 'published', text: 'Sommerferie med børnene i sommerhuset. Is og brætspil hele aftenen.' },
  { id: 'import-results', tone: null, networks: ['linkedin'], at: '2026-11-04T09:00:00.000Z', status: 'published', text: 'Quarterly results: revenue up 18% and a strong order intake.' },
];
const TAGGED: PostSeed = { id: 'tagged-draft', tone: 'blend', networks: ['x'], at: '2026-11-05T09:00:00.000Z', text: 'Leadership lessons from my kids' };

async function review(language: Language = 'en') {
  const app = await calendarApp([...IMPORTED, TAGGED]);
  inLanguage(<ReviewScreen />, language);
  const list = await screen.findByRole('list', { name: language === 'en' ? 'Posts without a tone' : 'Opslag uden tone' });
  return { app, list };
}

const rows = (list: HTMLElement) => within(list).getAllByRole('listitem');
const toneOf = async (app: Awaited<ReturnType<typeof calendarApp>>, id: string) => (await app.api.posts.get({ id })).tone;

describe('reviewing imported posts without a tone', () => {
  it('walks through them by keyboard: Enter accepts the suggestion, arrows move, 2 tags blend', async () => {
    const { app, list } = await review();
    expect(rows(list)).toHaveLength(3);
    expect(rows(list)[0]).toHaveTextContent('Suggested: Professional');
    // It opens on the first post.
    await waitFor(() => expect(document.activeElement).toBe(rows(list)[0]));

    // Keys go where the focus is, as a person presses them: focus must follow to the next post.
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(rows(list)).toHaveLength(2));
    expect(await toneOf(app, 'import-hiring')).toBe('professional');
    await waitFor(() => expect(document.activeElement).toBe(rows(list)[0]));

    await userEvent.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(rows(list)[1]);
    await userEvent.keyboard('2');
    await waitFor(() => expect(rows(list)).toHaveLength(1));
    expect(await toneOf(app, 'import-results')).toBe('blend');
    expect(await toneOf(app, 'import-holiday')).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(rows(list)[0]));
    // Three: the draft's tone, set in the composer, taught it too.
    expect(screen.getByRole('status')).toHaveTextContent('Learned from 3 tags');
    expect(await toneOf(app, 'tagged-draft')).toBe('blend');
    await app.core.close();
  });

  it('tags with 1 and 3, and Ctrl+Z takes the last tag back', async () => {
    const { app, list } = await review();
    rows(list)[0]!.focus();
    fireEvent.keyDown(rows(list)[0]!, { key: '1' });
    await waitFor(() => expect(rows(list)).toHaveLength(2));
    expect(await toneOf(app, 'import-hiring')).toBe('private');

    fireEvent.keyDown(rows(list)[0]!, { key: 'z', ctrlKey: true });
    await waitFor(() => expect(rows(list)).toHaveLength(3));
    expect(await toneOf(app, 'import-hiring')).toBeNull();
    expect(screen.getByRole('status')).toHaveTextContent('Undone: back without a tone.');
    expect(app.core.tone.learned).toBe(1); // the draft's tone only

    fireEvent.keyDown(rows(list)[2]!, { key: '3' });
    await waitFor(() => expect(rows(list)).toHaveLength(2));
    expect(await toneOf(app, 'import-results')).toBe('professional');
    await app.core.close();
  });

  it('accepts every suggestion above the chosen confidence at once, and undoes them together', async () => {
    const { app, list } = await review();
    const field = screen.getByRole('spinbutton', { name: 'Accept every suggestion at or above' });
    fireEvent.change(field, { target: { value: '50' } });
    // Typing a threshold tags nothing.
    fireEvent.keyDown(field, { key: '1' });
    const suggested = rows(list).filter((row) => /Suggested: .* \((\d+)%\)/.exec(row.textContent ?? '') !== null && Number(/\((\d+)%\)/.exec(row.textContent ?? '')?.[1]) >= 50);
    const button = screen.getByRole('button', { name: new RegExp(`^Accept (all )?${suggested.length} suggestions?$`) });
    fireEvent.click(button);
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent(`Tagged ${suggested.length} post`));
    const tones = await Promise.all(IMPORTED.map((post) => toneOf(app, post.id)));
    expect(tones.filter((tone) => tone !== null)).toHaveLength(suggested.length);

    fireEvent.click(screen.getByRole('button', { name: 'Undo' }));
    // The list itself went when every post had a tone: ask for it again.
    await waitFor(() => expect(rows(screen.getByRole('list', { name: 'Posts without a tone' }))).toHaveLength(3));
    expect(await Promise.all(IMPORTED.map((post) => toneOf(app, post.id)))).toEqual([null, null, null]);
    await app.core.close();
  });

  it('speaks Danish', async () => {
    const { app } = await review('da');
    expect(screen.getByRole('heading', { name: 'Gennemgå opslag uden tone' })).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('3 opslag tilbage');
    await app.core.close();
  });
});

describe('posts without a tone in the tone calendar', () => {
  it('shows an untagged published post in grey, counted as without a tone, with a grey legend entry', async () => {
    const app = await calendarApp(IMPORTED);
    renderCalendar({ initialDay: '2026-11-02' });
    await waitFor(() => expect(screen.getAllByRole('grid')[0]).toHaveAttribute('aria-busy', 'false'));
    const chip = document.querySelector<HTMLElement>('[data-post-id="import-hiring"]')!;
    expect(chip.className).toMatch(/bg-zinc-600/);
    expect(chip.className).not.toMatch(/tone-(private|blend|professional)/);
    expect(screen.getByTestId('legend-untoned').className).toMatch(/bg-zinc-600/);
    expect(screen.getByRole('group', { name: 'Legend' })).toHaveTextContent('No tone yet (grey)');
    expect(document.body).toHaveTextContent('Published, No tone: 10 AM');
    expect(document.body).toHaveTextContent('Monday, November 2: 1 post, 1 without a tone.');
    await app.core.close();
  });

  it('offers the review from the calendar when imported posts have no tone', async () => {
    const app = await calendarApp(IMPORTED);
    const settings = await app.api.settings.get();
    inLanguage(<CalendarScreen settings={settings} />);
    const link = await screen.findByRole('link', { name: 'Review 3 posts without a tone' });
    expect(link).toHaveAttribute('href', REVIEW_HREF);
    window.location.hash = REVIEW_HREF;
    fireEvent(window, new HashChangeEvent('hashchange'));
    expect(await screen.findByRole('heading', { name: 'Review posts without a tone' })).toBeInTheDocument();
    await app.core.close();
  });
});

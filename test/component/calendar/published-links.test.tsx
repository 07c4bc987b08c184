import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { calendarApp, cell, renderCalendar, type PostSeed } from './calendar-app';

const POSTS: PostSeed[] = [
  { id: 'out-there', tone: 'blend', networks: ['bluesky', 'mastodon'], at: '2026-11-03T12:00:00.000Z', text: 'Out there.' },
  { id: 'still-planned', tone: 'professional', networks: ['bluesky'], at: '2026-11-03T15:00:00.000Z', status: 'queued', text: 'Later today.' },
];

async function show(language: 'en' | 'da' = 'en') {
  const app = await calendarApp(POSTS);
  // As the outbox writes it back: published, with where each account's post is.
  await app.core.posts.update('out-there', {
    status: 'published',
    results: [
      { target: { network: 'bluesky', accountId: 'bluesky:@alice.test' }, state: 'published', remoteIds: ['3k'], url: 'https://bsky.app/profile/alice.test/post/3k', attempts: 1, updatedAt: '2026-11-03T12:00:01.000Z' },
      { target: { network: 'mastodon', accountId: 'mastodon:@a@example.social' }, state: 'failed_permanent', remoteIds: [], attempts: 1, updatedAt: '2026-11-03T12:00:01.000Z' },
    ],
  });
  renderCalendar({ language });
  await waitFor(() => expect(screen.getAllByRole('grid')[0]).toHaveAttribute('aria-busy', 'false'));
}

const chip = (id: string) => document.querySelector<HTMLElement>(`[data-post-id="${id}"]`) as HTMLElement;

describe('a published post in the calendar', () => {
  it('carries a published mark on its chip, and a planned one does not', async () => {
    await show();
    expect(chip('out-there')).toHaveAttribute('data-status', 'published');
    expect(chip('out-there').querySelector('[data-chip-head] svg')).not.toBeNull();
    expect(chip('still-planned').querySelector('[data-chip-head] svg')).toBeNull();
  });

  it('links to the post on each network it reached, from the day’s detail', async () => {
    await show();
    await userEvent.click(cell('2026-11-03'));
    const panel = screen.getByRole('region', { name: 'Tuesday, November 3' });
    const link = within(panel).getByRole('link', { name: 'Open on Bluesky' });
    expect(link).toHaveAttribute('href', 'https://bsky.app/profile/alice.test/post/3k');
    expect(link).toHaveAttribute('target', '_blank');
    // Mastodon refused it, so there is nothing there to open; the planned post has no link either.
    expect(within(panel).getAllByRole('link')).toHaveLength(1);
  });

  it('says it in Danish', async () => {
    await show('da');
    await userEvent.click(cell('2026-11-03'));
    expect(screen.getByRole('link', { name: 'Åbn på Bluesky' })).toBeInTheDocument();
  });
});

import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ZONE, calendarApp, chipsOf, renderCalendar } from './calendar-app';

const FULL_POST = {
  id: 'summit-full-1105',
  tone: 'professional' as const,
  text: 'Speaking at the fintech summit.\n---\nSlides after the talk.',
  overrides: { linkedin: 'Speaking at the fintech summit on Thursday: come and say hello.' },
  targets: [{ network: 'linkedin' as const }, { network: 'mastodon' as const }],
  media: [{ mediaId: 'c'.repeat(64), mime: 'image/png', bytes: 2048, width: 800, height: 600, altText: 'The stage before the doors open.' }],
  contentWarning: 'work talk',
  threadNumbering: true,
  planned: { at: '2026-11-05T08:00:00.000Z', zone: ZONE },
};

async function showWithFullPost() {
  const app = await calendarApp([]);
  await app.api.posts.saveDraft(FULL_POST);
  const before = await app.api.posts.queue({ id: FULL_POST.id });
  renderCalendar();
  await waitFor(() => expect(screen.getAllByRole('grid')[0]).toHaveAttribute('aria-busy', 'false'));
  return { ...app, before };
}

describe('moving a post in the calendar', () => {
  it('keeps networks, the image and its alt text, overrides, content warning and thread numbering', async () => {
    const { api, before } = await showWithFullPost();
    const chip = document.querySelector('[data-post-id="summit-full-1105"]') as HTMLElement;
    await userEvent.click(chip);
    fireEvent.keyDown(chip, { key: 'ArrowRight', altKey: true });
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Moved to Friday, November 6'));
    const after = await api.posts.get({ id: FULL_POST.id });
    expect(after).toEqual({ ...before, planned: { at: '2026-11-06T08:00:00.000Z', zone: ZONE }, updatedAt: after.updatedAt });
  });

  it('puts the post back and says why when the move cannot be saved, changing nothing', async () => {
    const { api } = await showWithFullPost();
    const chip = document.querySelector('[data-post-id="summit-full-1105"]') as HTMLElement;
    await userEvent.click(chip);
    // Gone meanwhile (trashed in another window): the move must not bring it back as an empty post.
    const trashed = await api.posts.delete({ id: FULL_POST.id });
    fireEvent.keyDown(chip, { key: 'ArrowRight', altKey: true });
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent(/^Not moved: /));
    expect(chipsOf('2026-11-05').map((post) => post.id)).toEqual(['summit-full-1105']);
    expect(chipsOf('2026-11-06')).toEqual([]);
    expect(await api.posts.restore({ id: FULL_POST.id })).toEqual(trashed.post);
  });
});

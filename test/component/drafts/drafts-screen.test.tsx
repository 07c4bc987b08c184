import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SpheresApi } from '../../../common/api';
import { App } from '../../../renderer/src/app/App';
import { inProcessApp } from '../../support/in-process-app';

/** A clock that moves a second on every reading, so "last edited" orders the posts as they were made. */
function steppingClock(start = '2026-11-02T09:00:00.000Z') {
  let at = Date.parse(start);
  return () => new Date((at += 1000));
}

async function mount(options: Parameters<typeof inProcessApp>[0] = {}) {
  const app = await inProcessApp({ now: steppingClock(), ...options });
  Object.defineProperty(window, 'spheres', { value: app.api satisfies SpheresApi, configurable: true });
  return app;
}

function show(hash = '#/drafts') {
  window.location.hash = hash;
  render(<App />);
}

const rows = () => within(screen.getByRole('list', { name: 'Posts' })).getAllByRole('listitem');
const rowTexts = () => rows().map((row) => within(row).getAllByRole('button')[0]?.textContent?.split(/Draft|Queued/)[0]);
const everything = async (app: Awaited<ReturnType<typeof mount>>) =>
  JSON.stringify((await app.core.posts.exportPosts()).sort((a, b) => a.post.id.localeCompare(b.post.id)));

// jsdom lays nothing out; the list is given a window 600 px high to draw its rows in.
beforeEach(() => {
  vi.spyOn(Element.prototype, 'clientHeight', 'get').mockReturnValue(600);
  vi.spyOn(Element.prototype, 'clientWidth', 'get').mockReturnValue(800);
});
afterEach(() => vi.restoreAllMocks());

describe('the Drafts screen', () => {
  it('says what the library is for when there is nothing in it', async () => {
    await mount();
    show();
    expect(await screen.findByRole('heading', { name: 'No posts yet' })).toBeInTheDocument();
    expect(screen.getByText(/Start one with New post/)).toBeInTheDocument();
  });

  it('finds a Danish post by a word typed without å, æ or ø, and offers to clear a search that finds nothing', async () => {
    const app = await mount();
    await app.core.posts.create({ text: 'Frokost i Århus med smørrebrød' });
    await app.core.posts.create({ text: 'Quarterly numbers' });
    show();
    await waitFor(() => expect(rows()).toHaveLength(2));
    const search = screen.getByRole('searchbox', { name: 'Search posts' });
    await userEvent.type(search, 'arhus smorrebrod');
    await waitFor(() => expect(rowTexts()).toEqual(['Frokost i Århus med smørrebrød']));
    expect(screen.getByText('1 post')).toBeInTheDocument();
    await userEvent.clear(search);
    await userEvent.type(search, 'odense');
    expect(await screen.findByRole('heading', { name: 'Nothing matches' })).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Clear search and filters' }));
    await waitFor(() => expect(rows()).toHaveLength(2));
    // Escape in the search box clears it.
    await userEvent.type(search, 'quarterly');
    await waitFor(() => expect(rows()).toHaveLength(1));
    await userEvent.keyboard('{Escape}');
    expect(search).toHaveValue('');
    await waitFor(() => expect(rows()).toHaveLength(2));
  });

  it('filters by tone, network and status, and sorts by planned time', async () => {
    const app = await mount();
    await app.core.posts.create({ text: 'private on Bluesky', tone: 'private', targets: [{ network: 'bluesky' }], planned: { at: '2026-12-01T10:00:00.000Z', zone: 'UTC' } });
    await app.core.posts.create({ text: 'professional on LinkedIn', tone: 'professional', targets: [{ network: 'linkedin' }], planned: { at: '2026-11-20T10:00:00.000Z', zone: 'UTC' } });
    const queued = await app.core.posts.create({ text: 'blend on X', tone: 'blend', targets: [{ network: 'x' }] });
    await app.core.posts.update(queued.id, { status: 'queued' });
    show();
    await waitFor(() => expect(rowTexts()).toEqual(['blend on X', 'professional on LinkedIn', 'private on Bluesky']));
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Tone' }), 'private');
    await waitFor(() => expect(rowTexts()).toEqual(['private on Bluesky']));
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Tone' }), '');
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Network' }), 'linkedin');
    await waitFor(() => expect(rowTexts()).toEqual(['professional on LinkedIn']));
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Network' }), '');
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Status' }), 'queued');
    await waitFor(() => expect(rowTexts()).toEqual(['blend on X']));
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Status' }), '');
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Sort by' }), 'planned');
    await waitFor(() => expect(rowTexts()).toEqual(['professional on LinkedIn', 'private on Bluesky', 'blend on X']));
    expect(screen.getByText('3 posts')).toBeInTheDocument();
  });

  it('moves through the list with the arrow keys and opens the post with Enter', async () => {
    const app = await mount();
    const older = await app.core.posts.create({ text: 'older' });
    await app.core.posts.create({ text: 'newer' });
    show();
    await waitFor(() => expect(rowTexts()).toEqual(['newer', 'older']));
    const first = within(rows()[0] as HTMLElement).getAllByRole('button')[0] as HTMLElement;
    expect(first).toHaveAttribute('tabindex', '0');
    // From the search box, ↓ enters the list.
    await userEvent.click(screen.getByRole('searchbox', { name: 'Search posts' }));
    await userEvent.keyboard('{ArrowDown}');
    expect(first).toHaveFocus();
    await userEvent.keyboard('{ArrowDown}');
    const second = within(rows()[1] as HTMLElement).getAllByRole('button')[0] as HTMLElement;
    await waitFor(() => expect(second).toHaveFocus());
    expect(first).toHaveAttribute('tabindex', '-1');
    await userEvent.keyboard('{Enter}');
    expect(window.location.hash).toBe(`#/compose/${older.id}`);
    expect(await screen.findByRole('heading', { level: 1, name: 'Compose' })).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole('textbox', { name: 'Base text' })).toHaveValue('older'));
  });

  it('moves a post to the trash with the Delete key, and Undo brings it back exactly as it was', async () => {
    const app = await mount();
    await app.core.posts.create({ text: 'keep me', tone: 'blend', targets: [{ network: 'mastodon' }], contentWarning: 'cw' });
    const before = await everything(app);
    show();
    await waitFor(() => expect(rows()).toHaveLength(1));
    act(() => (within(rows()[0] as HTMLElement).getAllByRole('button')[0] as HTMLElement).focus());
    await userEvent.keyboard('{Delete}');
    expect(await screen.findByText('Moved to the trash: keep me')).toBeInTheDocument();
    expect(await screen.findByRole('heading', { name: 'No posts yet' })).toBeInTheDocument();
    expect((await app.core.posts.trashPage({ offset: 0, limit: 10 })).total).toBe(1);
    await userEvent.click(screen.getByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(await everything(app)).toBe(before);
  });

  it('duplicates a post into a new draft and leaves the original untouched', async () => {
    const app = await mount();
    const original = await app.core.posts.create({ text: 'worth repeating', tone: 'professional', targets: [{ network: 'linkedin' }] });
    show();
    await waitFor(() => expect(rows()).toHaveLength(1));
    await userEvent.click(screen.getByRole('button', { name: 'Duplicate: worth repeating' }));
    await waitFor(() => expect(rowTexts()).toEqual(['worth repeating', 'worth repeating']));
    expect(await app.core.posts.get(original.id)).toEqual(original);
    const copy = (await app.core.posts.query({ sort: 'updated', offset: 0, limit: 1 })).items[0];
    expect(copy).toMatchObject({ text: 'worth repeating', tone: 'professional', networks: ['linkedin'], status: 'draft' });
    expect(copy?.id).not.toBe(original.id);
  });

  it('restores from the Trash, and empties it only after the user confirms, leaving every other post as it was', async () => {
    const app = await mount();
    await app.core.posts.create({ text: 'stays' });
    const back = await app.core.posts.create({ text: 'comes back' });
    const gone = await app.core.posts.create({ text: 'goes for good' });
    await app.core.posts.delete(back.id);
    await app.core.posts.delete(gone.id);
    show();
    await userEvent.click(await screen.findByRole('button', { name: 'Trash' }));
    const trash = await screen.findByRole('list', { name: 'Posts in the trash' });
    await waitFor(() => expect(within(trash).getAllByRole('listitem')).toHaveLength(2));
    await userEvent.click(within(trash).getByRole('button', { name: /^comes back/ }));
    expect(await screen.findByText('Restored: comes back')).toBeInTheDocument();
    await waitFor(() => expect(within(screen.getByRole('list', { name: 'Posts in the trash' })).getAllByRole('listitem')).toHaveLength(1));
    const kept = await everything(app);

    await userEvent.click(screen.getByRole('button', { name: 'Empty trash…' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Delete everything in the trash for good?' });
    expect(dialog).toHaveTextContent('The post in the trash will be deleted for good. This cannot be undone.');
    expect(within(dialog).getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(await everything(app)).toBe(kept);

    await userEvent.click(screen.getByRole('button', { name: 'Empty trash…' }));
    await userEvent.click(screen.getByRole('button', { name: 'Delete for good' }));
    expect(await screen.findByRole('heading', { name: 'The trash is empty' })).toBeInTheDocument();
    expect(screen.getByText('1 post was deleted for good.')).toBeInTheDocument();
    const after = JSON.parse(await everything(app)) as { post: { id: string } }[];
    expect(JSON.stringify(after)).toBe(JSON.stringify((JSON.parse(kept) as { post: { id: string } }[]).filter((stored) => stored.post.id !== gone.id)));
    expect(after.map((stored) => stored.post.id).sort()).toEqual([back.id, (await app.core.posts.query({ sort: 'updated', offset: 0, limit: 5, text: 'stays' })).items[0]?.id].sort());
  });

  it('speaks Danish', async () => {
    await mount({ stored: { settings: { language: 'da' } } });
    show();
    expect(await screen.findByRole('heading', { level: 1, name: 'Kladder' })).toBeInTheDocument();
    expect(screen.getByRole('searchbox', { name: 'Søg i opslag' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Papirkurv' })).toBeInTheDocument();
    expect(await screen.findByRole('heading', { name: 'Ingen opslag endnu' })).toBeInTheDocument();
  });
});

describe('New post', () => {
  it('saves the draft being written and starts an empty one, with Ctrl+N, the menu and the button', async () => {
    const app = await mount();
    show('#/compose');
    const editor = await screen.findByRole('textbox', { name: 'Base text' });
    await userEvent.type(editor, 'first');
    fireEvent.keyDown(window, { key: 'n', ctrlKey: true });
    await waitFor(() => expect(screen.getByRole('textbox', { name: 'Base text' })).toHaveValue(''));
    await userEvent.type(screen.getByRole('textbox', { name: 'Base text' }), 'second');
    // The desktop menu's New post arrives as an event from main.
    act(() => app.core.events.emit('app.newPost', {}));
    await waitFor(() => expect(screen.getByRole('textbox', { name: 'Base text' })).toHaveValue(''));
    await userEvent.type(screen.getByRole('textbox', { name: 'Base text' }), 'third');
    await userEvent.click(screen.getByRole('button', { name: 'New post' }));
    await waitFor(() => expect(screen.getByRole('textbox', { name: 'Base text' })).toHaveValue(''));
    await waitFor(async () => expect((await app.core.posts.query({ sort: 'updated', offset: 0, limit: 10 })).items.map((item) => item.text)).toEqual(['third', 'second', 'first']));
  });

  it('starts from the Drafts screen too, and keeps nothing until something is written', async () => {
    const app = await mount();
    show();
    await userEvent.click(await screen.findByRole('button', { name: 'New post' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Compose' })).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole('textbox', { name: 'Base text' })).toHaveValue(''));
    expect(screen.queryByText(/Not saved/)).toBeNull();
    expect((await app.core.posts.query({ sort: 'updated', offset: 0, limit: 10 })).total).toBe(0);
  });
});

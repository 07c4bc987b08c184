import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { SpheresApi } from '../../../common/api';
import { App } from '../../../renderer/src/app/App';
import { inProcessApp } from '../../support/in-process-app';

async function mount(dataDir?: string) {
  const app = await inProcessApp(dataDir === undefined ? {} : { dataDir });
  Object.defineProperty(window, 'spheres', { value: app.api satisfies SpheresApi, configurable: true });
  const view = render(<App />);
  await screen.findByRole('group', { name: /Tone/ });
  return { app, view };
}

function textBox() {
  return screen.getByRole('textbox', { name: /^(Base text|Text for X)$/ });
}

/** Base text, then an X text written from it, then a change to the base text. */
async function staleXText() {
  await userEvent.click(screen.getByRole('checkbox', { name: /^X/ }));
  await userEvent.type(textBox(), 'Launch today');
  await userEvent.click(screen.getByRole('tab', { name: 'X' }));
  await userEvent.type(textBox(), ' 🚀');
  await userEvent.click(screen.getByRole('tab', { name: 'Base text' }));
  await userEvent.type(textBox(), ' at noon');
}

async function saved(app: Awaited<ReturnType<typeof mount>>['app']) {
  await userEvent.keyboard('{Control>}s{/Control}');
  await waitFor(async () => expect((await app.api.posts.lastDraft())?.text).toBe('Launch today at noon'));
  return (await app.api.posts.lastDraft())!;
}

beforeEach(() => window.localStorage.clear());

describe('a per-network text written before the base text changed', () => {
  it('is marked on its tab and in its panel, and nothing is said while the base is unchanged', async () => {
    await mount();
    await userEvent.click(screen.getByRole('checkbox', { name: /^X/ }));
    await userEvent.type(textBox(), 'Launch today');
    await userEvent.click(screen.getByRole('tab', { name: 'X' }));
    await userEvent.type(textBox(), ' 🚀');
    expect(screen.getByRole('tab', { name: 'X (edited)' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Update from the base text' })).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('tab', { name: 'Base text' }));
    await userEvent.type(textBox(), ' at noon');
    await userEvent.click(screen.getByRole('tab', { name: 'X (edited, base text changed since)' }));
    expect(screen.getByText('The base text changed after you edited the text for X: it may be missing the change.')).toBeInTheDocument();
  });

  it('"Update from the base text" replaces it with the base text, and Undo puts it back', async () => {
    await mount();
    await staleXText();
    await userEvent.click(screen.getByRole('tab', { name: /^X \(edited/ }));
    await userEvent.click(screen.getByRole('button', { name: 'Update from the base text' }));
    expect(textBox()).toHaveValue('Launch today at noon');
    expect(screen.getByRole('tab', { name: 'X (edited)' })).toBeInTheDocument();
    expect(screen.getByText('The text for X is now the base text.')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Undo' }));
    expect(textBox()).toHaveValue('Launch today 🚀');
    expect(screen.getByRole('tab', { name: 'X (edited, base text changed since)' })).toBeInTheDocument();
  });

  it('is still marked after a restart, and the update changes nothing but that text', async () => {
    const { app, view } = await mount();
    await staleXText();
    const before = await saved(app);
    expect(before.overrides).toEqual({ x: 'Launch today 🚀' });
    view.unmount();

    const again = await mount(app.dataDir);
    expect(await screen.findByRole('tab', { name: 'X (edited, base text changed since)' })).toBeInTheDocument();
    await userEvent.click(screen.getByRole('tab', { name: /^X \(edited/ }));
    await userEvent.click(screen.getByRole('button', { name: 'Update from the base text' }));
    await userEvent.keyboard('{Control>}s{/Control}');
    await waitFor(async () => expect((await again.app.api.posts.lastDraft())?.overrides).toEqual({ x: 'Launch today at noon' }));
    const after = (await again.app.api.posts.lastDraft())!;
    const { overrides: _o, overrideBases: basesAfter, updatedAt: _u, ...restAfter } = after;
    const { overrides: _o2, overrideBases: basesBefore, updatedAt: _u2, ...restBefore } = before;
    expect(restAfter).toEqual(restBefore);
    expect(basesAfter?.x).not.toBe(basesBefore?.x);
  });

  it('a save that does not name the bases leaves them as they were', async () => {
    const app = await inProcessApp();
    await app.api.posts.saveDraft({ id: 'bases-post-0001', text: 'Base', overrides: { x: 'For X' }, overrideBases: { x: 'abc123' } });
    await app.api.posts.saveDraft({ id: 'bases-post-0001', text: 'Base, changed' });
    expect((await app.api.posts.get({ id: 'bases-post-0001' })).overrideBases).toEqual({ x: 'abc123' });
  });
});

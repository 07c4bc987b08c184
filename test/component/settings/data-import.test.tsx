import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { SpheresApi } from '../../../common/api';
import { App } from '../../../renderer/src/app/App';
import { inProcessApp } from '../../support/in-process-app';

const EVERY_POST = { offset: 0, limit: 100, sort: 'updated' } as const;

/** Settings over an empty library whose "open dialog" answers what the test says, when it says. */
async function mountSettings(chooseImportPath: () => Promise<string | null>) {
  let dialogs = 0;
  const app = await inProcessApp({
    chooseImportPath: () => {
      dialogs++;
      return chooseImportPath();
    },
  });
  Object.defineProperty(window, 'spheres', { value: app.api satisfies SpheresApi, configurable: true });
  window.location.hash = '#/settings';
  render(<App />);
  return { app, dialogs: () => dialogs };
}

/** An export of one post, made by another library. */
async function archiveOfOnePost(): Promise<string> {
  const source = await inProcessApp();
  await source.api.posts.saveDraft({ id: 'imported-post-0001', text: 'Brought back', tone: 'private' });
  const exported = await source.api.library.export();
  await source.core.close();
  return exported.file!;
}

describe('importing an archive from the Data section', () => {
  it('asks the app to choose the file, says "Importing…" meanwhile, then the counts', async () => {
    const archive = await archiveOfOnePost();
    const before = readFileSync(archive);
    let choose: (file: string | null) => void = () => {};
    const { app, dialogs } = await mountSettings(() => new Promise((resolve) => (choose = resolve)));
    const importButton = await screen.findByRole('button', { name: 'Import an archive…' });
    await userEvent.click(importButton);
    expect(dialogs()).toBe(1);
    expect(screen.getByText('Importing…')).toBeInTheDocument();
    expect(importButton).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Export all posts…' })).toBeDisabled();

    choose(archive);
    expect(await screen.findByText('Imported: 1 new, 0 updated, 0 already here; 0 new images.')).toBeInTheDocument();
    expect(importButton).toBeEnabled();
    expect((await app.api.posts.get({ id: 'imported-post-0001' })).text).toBe('Brought back');
    // The user's file is read where it is, never changed.
    expect(readFileSync(archive).equals(before)).toBe(true);
  });

  it('says nothing and changes nothing when the dialog is cancelled', async () => {
    const { app, dialogs } = await mountSettings(async () => null);
    await userEvent.click(await screen.findByRole('button', { name: 'Import an archive…' }));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Import an archive…' })).toBeEnabled());
    expect(dialogs()).toBe(1);
    expect(screen.queryByText('Importing…')).toBeNull();
    expect(screen.queryByText(/^Imported/)).toBeNull();
    expect((await app.api.posts.query(EVERY_POST)).total).toBe(0);
  });

  it('names the chosen file when it is not an archive, and keeps the library as it was', async () => {
    const picked = path.join(mkdtempSync(path.join(os.tmpdir(), 'spheres-picked-')), 'notes.zip');
    writeFileSync(picked, 'not a zip at all');
    const { app } = await mountSettings(async () => picked);
    await app.api.posts.saveDraft({ id: 'kept-post-0001', text: 'Already here', tone: 'blend' });
    await userEvent.click(await screen.findByRole('button', { name: 'Import an archive…' }));
    expect(await screen.findByText(`${picked} cannot be imported: it is not a zip file (or it is damaged). Nothing was changed. Choose a file made with "Export all posts" in Spheres.`)).toBeInTheDocument();
    const page = await app.api.posts.query(EVERY_POST);
    expect(page.total).toBe(1);
    expect((await app.api.posts.get({ id: 'kept-post-0001' })).text).toBe('Already here');
  });
});

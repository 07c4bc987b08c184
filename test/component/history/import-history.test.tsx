import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { SpheresApi } from '../../../common/api';
import { App } from '../../../renderer/src/app/App';
import { fixtureFiles, writeZip } from '../../support/history-archives';
import { testAccount } from '../../support/fakes/outbox-fake';
import { inProcessApp } from '../../support/in-process-app';

async function xArchive(files = fixtureFiles('x-archive')): Promise<string> {
  return writeZip(path.join(mkdtempSync(path.join(os.tmpdir(), 'spheres-export-')), 'twitter-2024.zip'), files);
}

/** The desktop app (its open dialog answers `file`) showing `hash`. */
async function mount(options: { locale?: string; file: string | null; hash: string }) {
  const app = await inProcessApp({ locale: options.locale ?? 'en-US', host: { transport: 'electron', platform: 'linux' }, chooseHistoryPath: async () => options.file });
  Object.defineProperty(window, 'spheres', { value: app.api satisfies SpheresApi, configurable: true });
  window.location.hash = options.hash;
  render(<App />);
  return app;
}

function section(name: string): HTMLElement {
  return screen.getByRole('region', { name });
}

describe('Settings → Import history', () => {
  it('shows the summary before storing anything, imports with the chosen toggles and reports what came in', async () => {
    // Without its image: under jsdom the core's image check (file-type) does not know Node's buffers;
    // images are covered by the unit and integration tests, which run in Node.
    const files = new Map(fixtureFiles('x-archive'));
    files.delete('data/tweets_media/1600000000000000001-FakeImgA1.png');
    const app = await mount({ file: await xArchive(files), hash: '#/settings' });
    await userEvent.click(await screen.findByRole('button', { name: 'Choose export file…' }));
    const importHistory = section('Import history');
    expect(await within(importHistory).findByText('X archive (X)')).toBeInTheDocument();
    expect(within(importHistory).getByText('Posts').nextSibling).toHaveTextContent('5');
    expect(within(importHistory).getByText('From – to').nextSibling).toHaveTextContent('Oct 10, 2018 – Apr 3, 2023');
    expect(within(importHistory).getByText('Images').nextSibling).toHaveTextContent('0');
    expect(within(importHistory).getByText('Already in Spheres').nextSibling).toHaveTextContent('0');
    // Nothing stored yet.
    expect((await app.api.posts.query({ offset: 0, limit: 10, sort: 'updated' })).total).toBe(0);

    expect(within(importHistory).getByRole('checkbox', { name: 'Include 1 reply' })).toBeChecked();
    expect(within(importHistory).getByRole('checkbox', { name: 'Include 1 repost' })).not.toBeChecked();
    await userEvent.click(within(importHistory).getByRole('checkbox', { name: 'Include 1 reply' }));
    await userEvent.click(within(importHistory).getByRole('button', { name: 'Import 3 posts' }));
    expect(await within(importHistory).findByText('Imported 3 posts; 0 were already in Spheres; 0 new images.')).toBeInTheDocument();
    expect(within(importHistory).getByText('2 replies and reposts were left out, as you chose.')).toBeInTheDocument();
    expect((await app.api.posts.query({ offset: 0, limit: 10, sort: 'updated' })).total).toBe(3);
  });

  it('says in Danish why an export was refused', async () => {
    const files = new Map(fixtureFiles('x-archive'));
    files.set('data/tweets.js', '<!doctype html><html><body>Log ind</body></html>');
    await mount({ locale: 'da-DK', file: await xArchive(files), hash: '#/settings' });
    await userEvent.click(await screen.findByRole('button', { name: 'Vælg eksportfil…' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Filen er ikke en dataeksport, Spheres kan læse (X, LinkedIn, Mastodon, Instagram, Threads eller Facebook). Intet blev importeret.');
  });

  it('offers the import on first run, in the empty library, and the link lands on the section', async () => {
    await mount({ file: null, hash: '#/drafts' });
    const offer = await screen.findByRole('link', { name: 'Posted for years already? Import your history' });
    expect(offer).toHaveAttribute('href', '#/settings/import-history');
    await userEvent.click(offer);
    expect(await screen.findByRole('heading', { name: 'Import history' })).toHaveFocus();
  });
});

describe('Settings → Import history on the web host', () => {
  it('takes the export by its path, since there is no file dialog', async () => {
    const file = await xArchive();
    const app = await inProcessApp({ locale: 'en-US' });
    Object.defineProperty(window, 'spheres', { value: app.api satisfies SpheresApi, configurable: true });
    window.location.hash = '#/settings';
    render(<App />);
    await userEvent.type(await screen.findByRole('textbox', { name: 'Full path of the export file' }), file);
    await userEvent.click(screen.getByRole('button', { name: 'Read export' }));
    const importHistory = section('Import history');
    expect(await within(importHistory).findByText('X archive (X)')).toBeInTheDocument();
    // Replies on, reposts off by default: 5 posts less the repost.
    expect(within(importHistory).getByRole('button', { name: 'Import 4 posts' })).toBeEnabled();
  });
});

describe('Settings → Import history from a connected Bluesky account', () => {
  it('offers each connected Bluesky account, imports its posts with progress and links to giving them a tone', async () => {
    const app = await inProcessApp({ locale: 'en-US', host: { transport: 'electron', platform: 'linux' } });
    const asked: unknown[] = [];
    // The core's side (reading the account's PDS) is tested against the real local PDS in
    // test/integration/history/bluesky-account-import.test.ts; here the screen's wiring.
    const api: SpheresApi = {
      ...app.api,
      accounts: {
        ...app.api.accounts,
        list: async () => [testAccount('bluesky', '@alice.test', { id: 'bluesky:did:plc:alice' }), testAccount('mastodon', '@alice@example.social')],
      },
      history: {
        ...app.api.history,
        importAccount: async (input) => {
          asked.push(input);
          return { file: '@alice.test', network: 'bluesky', format: 'Bluesky account', imported: 12, duplicates: 0, leftOut: 0, imagesAdded: 3, skipped: [], skippedMore: 0, cancelled: false };
        },
      },
    };
    Object.defineProperty(window, 'spheres', { value: api, configurable: true });
    window.location.hash = '#/settings';
    render(<App />);
    const importHistory = await screen.findByRole('region', { name: 'Import history' });
    await userEvent.click(await within(importHistory).findByRole('button', { name: 'Import the posts of @alice.test' }));
    // Only Bluesky is read from the network; other accounts' history comes from their export.
    expect(within(importHistory).queryByRole('button', { name: /@alice@example\.social/ })).toBeNull();
    expect(await within(importHistory).findByText('Imported 12 posts; 0 were already in Spheres; 3 new images.')).toBeInTheDocument();
    expect(asked).toEqual([{ accountId: 'bluesky:did:plc:alice', includeReplies: true, includeReposts: false }]);
    expect(within(importHistory).getByRole('link', { name: 'Give the imported posts a tone' })).toHaveAttribute('href', '#/calendar/review');
    await app.core.close();
  });
});

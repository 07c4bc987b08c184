import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { SpheresApi } from '../../../common/api';
import { App } from '../../../renderer/src/app/App';
import { inProcessApp } from '../../support/in-process-app';

/** A data folder whose one recent save was damaged after the app stopped (a kill, then a bad sector). */
async function damagedFolder(): Promise<{ dataDir: string; file: string; text: string }> {
  const first = await inProcessApp();
  const post = await first.core.posts.create({ text: 'Board meeting notes' });
  const saved = await first.core.posts.saveDraft({ id: post.id, text: 'Board meeting notes, with the figures' });
  // The app stops without its final fold: the last save lives only in recent/ (and its copy).
  first.core.accounts.stop();
  const file = path.join(first.dataDir, 'posts', 'recent', `${post.id}.json`);
  writeFileSync(file, '{"schemaVersion":1,"post":');
  return { dataDir: first.dataDir, file, text: saved.text };
}

async function mount(options: Parameters<typeof inProcessApp>[0]) {
  const app = await inProcessApp(options);
  Object.defineProperty(window, 'spheres', { value: app.api satisfies SpheresApi, configurable: true });
  render(<App />);
  return app;
}

describe('the recovery banner', () => {
  it('tells the person at start-up which post was restored from a damaged file, by its words', async () => {
    const { dataDir, file, text } = await damagedFolder();
    await mount({ dataDir });
    const banner = await screen.findByRole('alert');
    expect(banner).toHaveTextContent(`A damaged file was set aside and its last good copy restored: ${file}.`);
    expect(banner).toHaveTextContent('It held a post you saved recently.');
    expect(banner).toHaveTextContent('This post is restored as you last saved it:');
    expect(await within(banner).findByText(`“${text}”`)).toBeInTheDocument();
    await userEvent.click(within(banner).getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('alert')).toBeNull();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('says it in Danish when the person reads Danish', async () => {
    const { dataDir, text } = await damagedFolder();
    await mount({ dataDir, stored: { settings: { language: 'da', theme: 'system' } } });
    const banner = await screen.findByRole('alert');
    expect(banner).toHaveTextContent('En beskadiget fil blev lagt til side, og den seneste gode kopi er gendannet');
    expect(banner).toHaveTextContent('Den indeholdt et opslag, du gemte for nylig.');
    expect(banner).toHaveTextContent('Dette opslag er gendannet, som du sidst gemte det:');
    expect(await within(banner).findByText(`“${text}”`)).toBeInTheDocument();
    rmSync(dataDir, { recursive: true, force: true });
  });
});

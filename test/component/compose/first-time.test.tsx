import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { SpheresApi } from '../../../common/api';
import { App } from '../../../renderer/src/app/App';
import { inProcessApp } from '../../support/in-process-app';

async function mount(locale = 'en-US') {
  const app = await inProcessApp({ locale });
  Object.defineProperty(window, 'spheres', { value: app.api satisfies SpheresApi, configurable: true });
  const view = render(<App />);
  await screen.findByRole('group', { name: /Tone/ });
  return { app, view };
}

beforeEach(() => window.localStorage.clear());

describe('what a first-time user needs to know in the composer', () => {
  it('explains each tone in one line, and the radio is described by it', async () => {
    await mount();
    const blend = screen.getByRole('radio', { name: 'Blend' });
    expect(blend).toHaveAccessibleDescription('Blend: your work in your own voice. What you do and what you think of it.');
    expect(screen.getByText('Private: for people who know you. Life, opinions, the personal side.')).toBeInTheDocument();
    expect(screen.getByText('Professional: for colleagues and clients. Work only, as you would say it at work.')).toBeInTheDocument();
  });

  it('explains the tones in Danish', async () => {
    await mount('da-DK');
    expect(screen.getByRole('radio', { name: 'Privat' })).toHaveAccessibleDescription('Privat: til folk, der kender dig. Livet, holdninger, den personlige side.');
  });

  it('shows a first-run hint about tones until it is dismissed, and not again after', async () => {
    const { view } = await mount();
    const hint = screen.getByRole('note', { name: 'New here?' });
    expect(hint).toHaveTextContent(/Give each post a tone/);
    await userEvent.click(within(hint).getByRole('button', { name: 'Got it' }));
    expect(screen.queryByRole('note', { name: 'New here?' })).not.toBeInTheDocument();
    view.unmount();
    await mount();
    expect(screen.queryByRole('note', { name: 'New here?' })).not.toBeInTheDocument();
  });

  it('mentions the --- thread break under the text box, naming the networks that thread', async () => {
    await mount();
    expect(screen.getByRole('textbox', { name: 'Base text' })).toHaveAccessibleDescription(
      'To start a new post of a thread yourself, put --- on a line of its own. X, Bluesky, Mastodon, and Threads publish a long text as a thread.',
    );
  });

  it('mentions the --- thread break in Danish', async () => {
    await mount('da-DK');
    expect(screen.getByText(/^Vil du selv starte et nyt opslag i en tråd, så skriv --- på en linje for sig selv\. X, Bluesky, Mastodon og Threads udgiver/)).toBeInTheDocument();
  });

  it('the finding that announces a thread says how to choose where posts end', async () => {
    await mount();
    await userEvent.click(screen.getByRole('checkbox', { name: /^X/ }));
    await userEvent.click(screen.getByRole('textbox', { name: 'Base text' }));
    await userEvent.paste('word '.repeat(80));
    expect(await screen.findByText(/so this text will be published as a thread of 2 posts\. To choose where a post ends, put --- on a line of its own there\./)).toBeInTheDocument();
  });

  it('shows each section’s keyboard shortcut in its tooltip', async () => {
    await mount();
    const nav = screen.getByRole('navigation', { name: 'Sections' });
    const calendar = within(nav).getByRole('link', { name: 'Calendar' });
    expect(calendar).toHaveAttribute('title', 'Calendar (Ctrl+2)');
    expect(calendar).toHaveAttribute('aria-keyshortcuts', 'Control+2 Meta+2');
    expect(within(nav).getByRole('link', { name: 'Settings' })).toHaveAttribute('title', 'Settings (Ctrl+,)');
  });
});

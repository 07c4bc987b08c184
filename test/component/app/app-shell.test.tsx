import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { SpheresApi } from '../../../common/api';
import { App } from '../../../renderer/src/app/App';
import { inProcessApp } from '../../support/in-process-app';

async function mount(options: Parameters<typeof inProcessApp>[0] = {}) {
  const app = await inProcessApp(options);
  Object.defineProperty(window, 'spheres', { value: app.api satisfies SpheresApi, configurable: true });
  render(<App />);
  return app;
}

describe('the app shell', () => {
  it('opens on Compose, ready to write', async () => {
    await mount();
    expect(await screen.findByRole('heading', { level: 1, name: 'Compose' })).toBeInTheDocument();
    expect(screen.getByRole('group', { name: /Tone/ })).toBeInTheDocument();
    expect(screen.getAllByRole('radio').map((radio) => radio.closest('label')?.textContent)).toEqual(['Private', 'Blend', 'Professional']);
    expect(screen.getByText('Pick a network to see how the post will look')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Compose' })).toHaveAttribute('aria-current', 'page');
  });

  it('lists the six sections in order', async () => {
    await mount();
    const nav = await screen.findByRole('navigation', { name: 'Sections' });
    expect(within(nav).getAllByRole('link').map((link) => link.textContent)).toEqual([
      'Compose',
      'Drafts',
      'Calendar',
      'Outbox',
      'Accounts',
      'Settings',
    ]);
  });

  it('moves focus to the new heading when the section changes', async () => {
    await mount();
    await userEvent.click(await screen.findByRole('link', { name: 'Outbox' }));
    const heading = screen.getByRole('heading', { level: 1, name: 'Outbox' });
    expect(heading).toHaveFocus();
    expect(window.location.hash).toBe('#/outbox');
  });

  it('switches to Danish from Settings and stores the choice in the core', async () => {
    const { core } = await mount();
    await userEvent.click(await screen.findByRole('link', { name: 'Settings' }));
    await userEvent.selectOptions(screen.getByLabelText('Language'), 'da');
    expect(await screen.findByRole('heading', { level: 1, name: 'Indstillinger' })).toBeInTheDocument();
    expect(screen.getAllByRole('status')[0]).toHaveTextContent('Gemt');
    expect(document.documentElement.lang).toBe('da');
    expect(core.settings.get().language).toBe('da');
  });

  it('starts in Danish when the stored settings say so', async () => {
    await mount({ stored: { settings: { language: 'da', theme: 'system' } } });
    expect(await screen.findByRole('heading', { level: 1, name: 'Skriv' })).toBeInTheDocument();
  });

  it('follows a navigate event from the native menu', async () => {
    const { core } = await mount();
    await screen.findByRole('heading', { level: 1, name: 'Compose' });
    core.events.emit('app.navigate', { section: 'accounts' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Accounts' })).toBeInTheDocument();
  });

  it('applies dark mode when the user picks it', async () => {
    await mount();
    await userEvent.keyboard('{Control>},{/Control}');
    await userEvent.selectOptions(await screen.findByLabelText('Appearance'), 'dark');
    expect(document.documentElement).toHaveClass('dark');
    await userEvent.selectOptions(screen.getByLabelText('Appearance'), 'light');
    expect(document.documentElement).not.toHaveClass('dark');
  });

  it('says plainly when the settings cannot be loaded', async () => {
    Object.defineProperty(window, 'spheres', {
      configurable: true,
      value: { settings: { get: () => Promise.reject({ name: 'SpheresError', code: 'offline', message: 'The core is not running.' }) }, on: () => () => undefined },
    });
    render(<App />);
    expect(await screen.findByRole('alert')).toHaveTextContent('Spheres could not load its settings: The core is not running.');
  });
});

import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { SpheresApi } from '../../../common/api';
import { App } from '../../../renderer/src/app/App';
import { inProcessApp, type InProcessOptions } from '../../support/in-process-app';

const DESKTOP_MAC = { transport: 'electron', platform: 'darwin' } as const;
const GRACE = 'Minutes a missed post may be late and still go out at the next start';

/** Settings in the real app over the real core, with a tone policy and mix that are not the defaults, so a write that resets them shows. */
async function mountSettings(options: InProcessOptions = {}) {
  const app = await inProcessApp(options);
  Object.defineProperty(window, 'spheres', { value: app.api satisfies SpheresApi, configurable: true });
  await app.api.settings.update({ theme: 'dark', targetMix: { private: 10, blend: 20, professional: 70, period: 'month' } });
  window.location.hash = '#/settings';
  render(<App />);
  const before = await app.api.settings.get();
  return { app, before };
}

describe('the Publishing settings', () => {
  it('turns Open at login on in the desktop app and changes no other setting', async () => {
    const { app, before } = await mountSettings({ host: DESKTOP_MAC });
    const box = await screen.findByRole('checkbox', { name: 'Open at login' });
    await waitFor(() => expect(box).toBeEnabled());
    expect(box).not.toBeChecked();
    await userEvent.click(box);
    expect(await screen.findByText('Saved')).toBeInTheDocument();
    expect(await app.api.settings.get()).toEqual({ ...before, openAtLogin: true });
    expect(box).toBeChecked();
  });

  it('sends a missed post up to 30 minutes late once 30 is entered, and changes no other setting', async () => {
    const { app, before } = await mountSettings({ host: DESKTOP_MAC });
    const field = await screen.findByRole('textbox', { name: GRACE });
    expect(field).toHaveValue('15');
    await userEvent.clear(field);
    await userEvent.type(field, '30{Enter}');
    expect(await screen.findByText('Saved')).toBeInTheDocument();
    expect(await app.api.settings.get()).toEqual({ ...before, missedGraceMinutes: 30 });
  });

  it('saves the grace window when the field loses focus, too', async () => {
    const { app, before } = await mountSettings();
    const field = await screen.findByRole('textbox', { name: GRACE });
    await userEvent.clear(field);
    await userEvent.type(field, '0');
    await userEvent.tab();
    expect(await screen.findByText('Saved')).toBeInTheDocument();
    expect(await app.api.settings.get()).toEqual({ ...before, missedGraceMinutes: 0 });
  });

  it.each(['2000', '-5', '12.5', 'soon', ''])('refuses %j with a clear error, keeps what was typed and saves nothing', async (typed) => {
    const { app, before } = await mountSettings({ host: DESKTOP_MAC });
    const field = await screen.findByRole('textbox', { name: GRACE });
    await userEvent.clear(field);
    if (typed !== '') await userEvent.type(field, typed);
    await userEvent.keyboard('{Enter}');
    expect(await screen.findByRole('alert')).toHaveTextContent('Enter a whole number of minutes from 0 to 1440 (one day).');
    expect(field).toHaveValue(typed);
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(field).toHaveAccessibleDescription(expect.stringContaining('Enter a whole number of minutes'));
    expect(screen.queryByText('Saved')).not.toBeInTheDocument();
    expect(await app.api.settings.get()).toEqual(before);
  });

  it('puts the saved value back on Escape and clears the error', async () => {
    const { app, before } = await mountSettings();
    const field = await screen.findByRole('textbox', { name: GRACE });
    await userEvent.clear(field);
    await userEvent.type(field, '99999{Enter}');
    expect(await screen.findByRole('alert')).toBeInTheDocument();
    await userEvent.keyboard('{Escape}');
    expect(field).toHaveValue('15');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(await app.api.settings.get()).toEqual(before);
  });

  it('disables Open at login on the web host and says only the desktop app can start at login', async () => {
    await mountSettings();
    expect(await screen.findByText(/Only the desktop app can start at login\./)).toBeInTheDocument();
    expect(screen.getByRole('checkbox', { name: 'Open at login' })).toBeDisabled();
  });

  it('disables Open at login in the desktop app on Linux, pointing to the startup applications', async () => {
    await mountSettings({ host: { transport: 'electron', platform: 'linux' } });
    expect(await screen.findByText(/add Spheres to your desktop’s startup applications/)).toBeInTheDocument();
    expect(screen.getByRole('checkbox', { name: 'Open at login' })).toBeDisabled();
  });

  it('speaks Danish: the group, the checkbox and the error', async () => {
    const { app, before } = await mountSettings({ locale: 'da-DK', host: DESKTOP_MAC });
    expect(await screen.findByRole('heading', { name: 'Udgivelse' })).toBeInTheDocument();
    const box = screen.getByRole('checkbox', { name: 'Åbn ved login' });
    await waitFor(() => expect(box).toBeEnabled());
    const field = screen.getByRole('textbox', { name: 'Minutter et overset opslag må være forsinket og stadig blive sendt ved næste start' });
    await userEvent.clear(field);
    await userEvent.type(field, '1441{Enter}');
    expect(await screen.findByRole('alert')).toHaveTextContent('Skriv et helt antal minutter fra 0 til 1440 (et døgn).');
    expect(await app.api.settings.get()).toEqual(before);
  });
});

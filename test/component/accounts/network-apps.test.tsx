import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { goTo, mount } from './mount';

const LINKEDIN_SECRET = 'li-secret-Zq8vW3nB7xK2';

async function openSettings() {
  const mounted = await mount();
  await goTo(mounted.user, 'Settings');
  const section = await screen.findByRole('region', { name: 'Network apps' });
  await within(section).findByRole('form', { name: 'X' });
  return { ...mounted, section };
}

describe('Settings → Network apps', () => {
  it('lists X, LinkedIn, Threads and Instagram, not set up, each with the redirect address to register', async () => {
    const { section } = await openSettings();
    const forms = within(section).getAllByRole('form');
    expect(forms.map((form) => within(form).getByRole('heading').textContent)).toEqual(['X', 'LinkedIn', 'Threads', 'Instagram']);
    for (const form of forms) expect(within(form).getByText('Not set up')).toBeInTheDocument();
    // Every one of these sites compares the address exactly: a new app starts on the suggested fixed port.
    for (const form of forms) expect(within(form).getByRole('textbox', { name: 'Redirect address' })).toHaveValue('http://127.0.0.1:53682/callback');
    // X needs only a client id; LinkedIn, Threads and Instagram a secret too.
    expect(within(forms[0]!).queryByLabelText('Client secret')).not.toBeInTheDocument();
    expect(within(forms[1]!).getByLabelText('Client secret')).toHaveAttribute('type', 'password');
    expect(within(forms[2]!).getByLabelText('App ID')).toBeInTheDocument();
    expect(within(forms[2]!).getByLabelText('App secret')).toBeInTheDocument();
    expect(within(forms[2]!).getByRole('link', { name: 'developers.facebook.com/apps/creation' })).toHaveAttribute('href', 'https://developers.facebook.com/apps/creation/');
    expect(within(forms[3]!).getByLabelText('App secret')).toBeInTheDocument();
    for (const form of forms) expect(within(form).getByLabelText('Redirect port (optional)')).toHaveValue('53682');
  });

  it('checks the client id before saving: not empty, no spaces', async () => {
    const { user, section, vault } = await openSettings();
    const form = within(section).getByRole('form', { name: 'X' });
    await user.click(within(form).getByRole('button', { name: 'Save X' }));
    const field = within(form).getByLabelText('Client ID');
    expect(field).toHaveAccessibleDescription('Enter the ID from your developer app.');
    expect(field).toHaveFocus();

    await user.type(field, 'x client id');
    await user.click(within(form).getByRole('button', { name: 'Save X' }));
    expect(field).toHaveAccessibleDescription('This has no spaces: copy it again from the developer site.');
    expect(await vault.list()).toEqual([]);
  });

  it('takes a fixed redirect port for a developer site that wants an exact address, and checks it', async () => {
    const { user, section, vault } = await openSettings();
    const form = within(section).getByRole('form', { name: 'X' });
    await user.type(within(form).getByLabelText('Client ID'), 'x-client-id');
    const port = within(form).getByLabelText('Redirect port (optional)');
    await user.clear(port);
    await user.type(port, '80');
    await user.click(within(form).getByRole('button', { name: 'Save X' }));
    expect(port).toHaveFocus();
    expect(port).toHaveAccessibleDescription(expect.stringContaining('Enter a port from 1024 to 65535'));
    expect(await vault.list()).toEqual([]);
    await user.clear(port);
    await user.type(port, '8765');
    expect(within(form).getByText('Register exactly http://127.0.0.1:8765/callback in the developer app.')).toBeInTheDocument();
    await user.click(within(form).getByRole('button', { name: 'Save X' }));
    expect(await within(form).findByText('Set up')).toBeInTheDocument();
    expect((await vault.get('app:x'))?.extra).toStrictEqual({ redirectPort: '8765' });
  });

  it('shows the core’s answer when it refuses what the form let through', async () => {
    const { user, section, vault } = await openSettings();
    const form = within(section).getByRole('form', { name: 'X' });
    await user.type(within(form).getByLabelText('Client ID'), 'clïent-id');
    await user.click(within(form).getByRole('button', { name: 'Save X' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent(/printable ASCII without spaces/);
    expect(within(form).getByText('Not set up')).toBeInTheDocument();
    expect(await vault.list()).toEqual([]);
  });

  it('saves LinkedIn’s id and secret to the keychain and never shows the secret again', async () => {
    const { user, section, vault } = await openSettings();
    let form = within(section).getByRole('form', { name: 'LinkedIn' });
    await user.type(within(form).getByLabelText('Client ID'), '86abcdefgh1234');
    await user.click(within(form).getByRole('button', { name: 'Save LinkedIn' }));
    expect(within(form).getByLabelText('Client secret')).toHaveAccessibleDescription('Enter the secret from your developer app.');
    expect(await vault.list()).toEqual([]);

    await user.type(within(form).getByLabelText('Client secret'), LINKEDIN_SECRET);
    await user.click(within(form).getByRole('button', { name: 'Save LinkedIn' }));

    expect(await within(form).findByText('Set up')).toBeInTheDocument();
    expect(within(form).getByRole('status')).toHaveTextContent('Saved. The secret stays in your keychain.');
    expect(within(form).getByLabelText('Client secret')).toHaveValue('');
    expect(within(form).getByLabelText('Client secret')).toHaveAttribute('placeholder', 'Saved in your keychain');
    expect(await vault.get('app:linkedin')).toMatchObject({ clientId: '86abcdefgh1234', clientSecret: LINKEDIN_SECRET });
    expect(document.body.innerHTML).not.toContain(LINKEDIN_SECRET);

    // Rendered afresh from the core: the id is back, the secret is not.
    await goTo(user, 'Accounts');
    await goTo(user, 'Settings');
    form = await screen.findByRole('form', { name: 'LinkedIn' });
    expect(within(form).getByText('Set up')).toBeInTheDocument();
    expect(within(form).getByLabelText('Client ID')).toHaveValue('86abcdefgh1234');
    expect(within(form).getByLabelText('Client secret')).toHaveValue('');
    expect(document.body.innerHTML).not.toContain(LINKEDIN_SECRET);
  });

  it('keeps the saved secret when the secret field is left empty', async () => {
    const { user, vault, api } = await openSettings();
    await api.apps.save({ app: 'linkedin', clientId: '86abcdefgh1234', clientSecret: LINKEDIN_SECRET });
    await goTo(user, 'Accounts');
    await goTo(user, 'Settings');
    const form = await screen.findByRole('form', { name: 'LinkedIn' });
    expect(within(form).getByLabelText('Client secret')).toHaveAccessibleDescription('Leave it empty to keep the saved secret.');
    await user.click(within(form).getByRole('button', { name: 'Save LinkedIn' }));
    expect(await within(form).findByText('Saved. The secret stays in your keychain.')).toBeInTheDocument();
    expect(await vault.get('app:linkedin')).toMatchObject({ clientSecret: LINKEDIN_SECRET });
  });

  it('removes an app after confirming', async () => {
    const { user, section, vault } = await openSettings();
    const form = within(section).getByRole('form', { name: 'X' });
    await user.type(within(form).getByLabelText('Client ID'), 'x-client-id');
    await user.click(within(form).getByRole('button', { name: 'Save X' }));
    await within(form).findByText('Set up');
    expect(await vault.list()).toEqual(['app:x']);

    await user.click(within(form).getByRole('button', { name: 'Remove X' }));
    const confirm = screen.getByRole('alertdialog', { name: 'Remove the X app?' });
    expect(confirm).toHaveTextContent('Connecting X accounts needs the app again');
    await user.click(within(confirm).getByRole('button', { name: 'Remove' }));

    expect(await within(form).findByText('Not set up')).toBeInTheDocument();
    expect(within(form).getByLabelText('Client ID')).toHaveValue('');
    expect(within(form).queryByRole('button', { name: 'Remove X' })).not.toBeInTheDocument();
    expect(await vault.list()).toEqual([]);
  });

  it('speaks Danish', async () => {
    const { user } = await mount({ stored: { settings: { language: 'da', theme: 'system' } } });
    await goTo(user, 'Indstillinger');
    const section = await screen.findByRole('region', { name: 'Netværksapps' });
    const form = await within(section).findByRole('form', { name: 'Threads' });
    expect(within(form).getByText('Ikke sat op')).toBeInTheDocument();
    expect(within(form).getByLabelText('App-hemmelighed')).toBeInTheDocument();
    expect(within(form).getByText('Åbn Meta for Developers, vælg Create app, og vælg denne use case:')).toBeInTheDocument();
    expect(within(form).getByRole('button', { name: 'Test appen Threads' })).toBeInTheDocument();
  });
});

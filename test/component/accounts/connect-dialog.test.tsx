import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { followInBrowser } from '../../support/fakes/http-fake';
import { goTo, mount, mountWithX, saveXClientId } from './mount';

async function openDialog(user: Awaited<ReturnType<typeof mount>>['user']) {
  await goTo(user, 'Accounts');
  await user.click(screen.getByRole('button', { name: 'Connect account' }));
  return screen.getByRole('dialog', { name: 'Connect an account' });
}

describe('the connect dialog', () => {
  it('opens on the network list with focus on the first network, and Escape gives focus back', async () => {
    const { user } = await mount();
    const dialog = await openDialog(user);
    expect(dialog).toHaveAttribute('aria-modal', 'true');
    expect(within(dialog).getAllByRole('listitem').map((item) => item.textContent)).toEqual([
      'XX',
      'BsBluesky',
      'MMastodon',
      '@Threads',
      'inLinkedIn',
      'IGInstagram',
    ]);
    expect(within(dialog).getByRole('button', { name: 'X' })).toHaveFocus();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Connect account' })).toHaveFocus();
  });

  it('keeps Tab inside the dialog', async () => {
    const { user } = await mount();
    const dialog = await openDialog(user);
    await user.click(within(dialog).getByRole('button', { name: 'Mastodon' }));
    const close = within(dialog).getByRole('button', { name: 'Close' });
    const primary = within(dialog).getByRole('button', { name: 'Continue in browser' });
    primary.focus();
    await user.tab();
    expect(close).toHaveFocus();
    await user.tab({ shift: true });
    expect(primary).toHaveFocus();
  });

  it('checks the Bluesky form before asking the core, and says what is missing', async () => {
    const { user, api } = await mount();
    const connect = vi.spyOn(api.accounts, 'connect');
    const dialog = await openDialog(user);
    await user.click(within(dialog).getByRole('button', { name: 'Bluesky' }));
    const password = within(dialog).getByLabelText('App password');
    expect(password).toHaveAttribute('type', 'password');
    expect(password).toHaveAttribute('autocomplete', 'off');
    expect(password).toHaveAccessibleDescription(/Do not use your main password/);
    expect(within(dialog).getByLabelText('Handle or email')).toHaveFocus();

    await user.click(within(dialog).getByRole('button', { name: 'Sign in' }));

    expect(within(dialog).getByLabelText('Handle or email')).toHaveAccessibleDescription('Enter your Bluesky handle or email.');
    expect(within(dialog).getByLabelText('Handle or email')).toHaveAttribute('aria-invalid', 'true');
    expect(password).toHaveAccessibleDescription(/^Enter an app password\./);
    expect(within(dialog).getByLabelText('Handle or email')).toHaveFocus();
    expect(within(dialog).getByLabelText('Hosting provider (optional)')).not.toHaveAttribute('aria-invalid');
    expect(connect).not.toHaveBeenCalled();
  });

  it('sends the Bluesky sign-in, and after a wrong password keeps the handle but clears the password', async () => {
    const { user, api } = await mount();
    const connect = vi
      .spyOn(api.accounts, 'connect')
      .mockRejectedValue({ name: 'SpheresError', code: 'wrong_password', message: 'Bluesky did not accept that app password.' });
    const dialog = await openDialog(user);
    await user.click(within(dialog).getByRole('button', { name: 'Bluesky' }));
    await user.type(within(dialog).getByLabelText('Handle or email'), ' alice.example.com ');
    await user.type(within(dialog).getByLabelText('App password'), 'abcd-efgh-ijkl-mnop');
    await user.type(within(dialog).getByLabelText('Hosting provider (optional)'), 'pds.example.com{Enter}');

    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent('Bluesky did not accept that app password.');
    expect(alert).toHaveFocus();
    expect(connect).toHaveBeenCalledWith({ network: 'bluesky', identifier: 'alice.example.com', appPassword: 'abcd-efgh-ijkl-mnop', service: 'pds.example.com' });
    expect(within(dialog).getByLabelText('Handle or email')).toHaveValue(' alice.example.com ');
    expect(within(dialog).getByLabelText('Hosting provider (optional)')).toHaveValue('pds.example.com');
    expect(within(dialog).getByLabelText('App password')).toHaveValue('');
  });

  it('submits the Mastodon server on Enter and shows the core’s error, keeping what was typed', async () => {
    const { user, api } = await mount();
    const connect = vi.spyOn(api.accounts, 'connect');
    const dialog = await openDialog(user);
    await user.click(within(dialog).getByRole('button', { name: 'Mastodon' }));
    expect(within(dialog).getByLabelText('Server')).toHaveAttribute('placeholder', 'mastodon.social');
    await user.type(within(dialog).getByLabelText('Server'), 'not a url!!{Enter}');

    const alert = await within(dialog).findByRole('alert');
    expect(connect).toHaveBeenCalledWith({ network: 'mastodon', server: 'not a url!!' });
    // Whatever the core says (invalid_server_url once Mastodon connects), the dialog shows it as it is.
    const said = await api.accounts.connect({ network: 'mastodon', server: 'not a url!!' }).then(
      () => 'connected',
      (error: { message: string }) => error.message,
    );
    expect(alert).toHaveTextContent(said);
    expect(within(dialog).getByLabelText('Server')).toHaveValue('not a url!!');
  });

  it('asks for the X app first, with a way to Settings → Network apps', async () => {
    const { user } = await mount();
    const dialog = await openDialog(user);
    await user.click(within(dialog).getByRole('button', { name: 'X' }));
    await waitFor(() => expect(within(dialog).getByRole('button', { name: 'Continue in browser' })).toBeDisabled());
    expect(within(dialog).getByText(/Set up your X developer app before connecting X\./)).toBeInTheDocument();
    const link = within(dialog).getByRole('link', { name: 'Go to Settings → Network apps' });
    expect(link).toHaveFocus();

    await user.click(link);
    expect(await screen.findByRole('heading', { level: 1, name: 'Settings' })).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole('heading', { level: 2, name: 'Network apps' })).toHaveFocus());
  });

  it('asks for the Threads or Instagram app and tells Instagram users about professional accounts', async () => {
    const { user } = await mount();
    const dialog = await openDialog(user);
    await user.click(within(dialog).getByRole('button', { name: 'Instagram' }));
    expect(
      within(dialog).getByText(
        'Instagram only lets apps publish for Business or Creator accounts. A personal account must be switched to a professional account in the Instagram app first.',
      ),
    ).toBeInTheDocument();
    expect(await within(dialog).findByText(/Set up your Instagram developer app before connecting Instagram\./)).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Choose another network' }));
    await user.click(within(dialog).getByRole('button', { name: 'Threads' }));
    expect(await within(dialog).findByText(/Set up your Threads developer app before connecting Threads\./)).toBeInTheDocument();
  });

  it('while the browser step runs, shows the sign-in address to copy, and Cancel stops the connect', async () => {
    let signInPage = '';
    const { user, api, fake } = await mountWithX({
      openBrowser: async (url) => {
        signInPage = url;
        await followInBrowser(url);
      },
    });
    fake.authority.consent = 'ignore';
    await saveXClientId(user);
    const dialog = await openDialog(user);
    await user.click(within(dialog).getByRole('button', { name: 'X' }));
    await user.click(within(dialog).getByRole('button', { name: 'Continue in browser' }));

    expect(await within(dialog).findByText('Finish signing in to X in your browser. Spheres is waiting for it.')).toBeInTheDocument();
    expect(within(dialog).getByRole('heading', { name: 'Open the sign-in page again' })).toBeInTheDocument();
    const address = within(dialog).getByLabelText('Sign-in page address');
    expect(address).toHaveAttribute('readonly');
    expect(address).toHaveValue(signInPage);
    expect(signInPage.startsWith(`${fake.origin}/i/oauth2/authorize?`)).toBe(true);
    await user.click(within(dialog).getByRole('button', { name: 'Copy' }));
    expect(await within(dialog).findByText('Copied.')).toBeInTheDocument();
    expect(await navigator.clipboard.readText()).toBe(signInPage);

    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(await within(dialog).findByText('Cancelled. Nothing was connected.')).toBeInTheDocument();
    expect(within(dialog).queryByRole('alert')).not.toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'Continue in browser' })).toHaveFocus();
    expect(await api.accounts.list()).toEqual([]);
  });

  it('Escape during a connect cancels it in the core and closes', async () => {
    const { user, api, fake } = await mountWithX();
    fake.authority.consent = 'ignore';
    await saveXClientId(user);
    const dialog = await openDialog(user);
    await user.click(within(dialog).getByRole('button', { name: 'X' }));
    await user.click(within(dialog).getByRole('button', { name: 'Continue in browser' }));
    await within(dialog).findByLabelText('Sign-in page address');
    const steps: string[] = [];
    api.on('accounts.connectProgress', ({ step }) => steps.push(step));

    await user.keyboard('{Escape}');

    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Connect account' })).toHaveFocus();
    // The core stopped waiting for the browser (its timeout is minutes away).
    await waitFor(() => expect(steps).toEqual(['failed']));
    expect(await api.accounts.list()).toEqual([]);
  });
});

import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { connectX, goTo, mount, mountWithX, saveXClientId } from './mount';

describe('the Accounts screen', () => {
  it('invites to connect when no account is connected', async () => {
    const { user } = await mount();
    await goTo(user, 'Accounts');
    expect(await screen.findByRole('heading', { name: 'No accounts connected yet' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Connect account' })).toBeEnabled();
    expect(screen.queryByRole('list', { name: 'Connected accounts' })).not.toBeInTheDocument();
  });

  it('connects X end to end: client id in Settings, then Connect → X → Continue in browser', async () => {
    const { user, fake, vault } = await mountWithX();
    await saveXClientId(user);
    await connectX(user);

    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    const list = await screen.findByRole('list', { name: 'Connected accounts' });
    const card = within(list).getByRole('article', { name: 'Alice Example' });
    expect(within(card).getByText('@alice_spheres', { ignore: '.sr-only' })).toBeInTheDocument();
    expect(within(card).getByText('X', { selector: 'p' })).toBeInTheDocument();
    expect(within(card).getByText('Connected · renews automatically')).toBeInTheDocument();
    expect(screen.getAllByRole('status').map((status) => status.textContent)).toContain('Connected @alice_spheres');
    // Focus goes back to the button that opened the dialog.
    expect(screen.getByRole('button', { name: 'Connect account' })).toHaveFocus();
    expect(await vault.list()).toEqual(['app:x', 'x:2244994945']);
    // The token is in the vault, never on the screen.
    const token = fake.authority.tokens[0]!;
    expect(document.body.innerHTML).not.toContain(token.access);
  });

  it('disconnects after a confirmation that names the account, and the keychain item goes', async () => {
    const { user, vault, fake } = await mountWithX();
    await saveXClientId(user);
    await connectX(user);
    const card = await screen.findByRole('article', { name: 'Alice Example' });

    await user.click(within(card).getByRole('button', { name: 'Disconnect @alice_spheres' }));
    const confirm = screen.getByRole('alertdialog', { name: 'Disconnect @alice_spheres?' });
    expect(confirm).toHaveTextContent('Spheres removes its sign-in from your keychain. Queued posts for X stay in the Outbox.');
    await user.click(within(confirm).getByRole('button', { name: 'Disconnect' }));

    expect(await screen.findByRole('heading', { name: 'No accounts connected yet' })).toBeInTheDocument();
    expect(screen.getAllByRole('status').map((status) => status.textContent)).toContain('Disconnected @alice_spheres');
    // Only the X app's client id is left: the account's own keychain item is gone.
    expect(await vault.list()).toEqual(['app:x']);
    expect(fake.authority.live()).toEqual([]);
    expect(screen.getByRole('button', { name: 'Connect account' })).toHaveFocus();
  });

  it('keeps the account when the disconnect is cancelled', async () => {
    const { user, vault } = await mountWithX();
    await saveXClientId(user);
    await connectX(user);
    const card = await screen.findByRole('article', { name: 'Alice Example' });
    await user.click(within(card).getByRole('button', { name: 'Disconnect @alice_spheres' }));
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Keep it' }));
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(screen.getByRole('article', { name: 'Alice Example' })).toBeInTheDocument();
    expect(await vault.list()).toEqual(['app:x', 'x:2244994945']);
  });

  it('shows the core’s message in an alert and keeps the dialog open when the person declines on X', async () => {
    const { user, fake } = await mountWithX();
    fake.authority.consent = 'deny';
    await saveXClientId(user);
    await connectX(user);

    const dialog = screen.getByRole('dialog', { name: 'Connect an account' });
    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent(
      'You declined access on X, so the account was not connected. Connect again and choose Allow (or Authorize) to use it in Spheres.',
    );
    expect(alert).toHaveFocus();
    expect(within(dialog).getByRole('button', { name: 'Continue in browser' })).toBeEnabled();
    expect(screen.getByRole('heading', { name: 'No accounts connected yet' })).toBeInTheDocument();
  });

  it('says "Reconnect needed", why, and which queued posts it holds back', async () => {
    const { user, fake, core, api } = await mountWithX();
    await saveXClientId(user);
    await connectX(user);
    await screen.findByRole('article', { name: 'Alice Example' });

    const forX = await core.posts.saveDraft({ id: 'queued-for-x-1', tone: 'private', text: 'Sunday bread, finally right', targets: [{ network: 'x' }] });
    await api.posts.queue({ id: forX.id });
    const elsewhere = await core.posts.saveDraft({ id: 'queued-for-bsky', tone: 'blend', text: 'Only for Bluesky', targets: [{ network: 'bluesky' }] });
    await api.posts.queue({ id: elsewhere.id });
    fake.authority.revoke(fake.authority.tokens[0]!.refresh);
    const [account] = await api.accounts.list();
    await core.accounts.refresh(account!.id, true);

    const card = await screen.findByRole('article', { name: 'Alice Example' });
    expect(await within(card).findByText('Reconnect needed')).toBeInTheDocument();
    expect(within(card).getByText(/no longer accepts this account's sign-in/)).toBeInTheDocument();
    expect(await within(card).findByText('Blocks 1 queued post:')).toBeInTheDocument();
    const link = within(card).getByRole('link', { name: 'Sunday bread, finally right' });
    expect(link).toHaveAttribute('href', '#/compose/queued-for-x-1');
    expect(within(card).queryByRole('link', { name: 'Only for Bluesky' })).not.toBeInTheDocument();
  });

  it('reconnects an account that needs it in one click, and it is connected again', async () => {
    const { user, fake, core, api } = await mountWithX();
    await saveXClientId(user);
    await connectX(user);
    await screen.findByRole('article', { name: 'Alice Example' });
    fake.authority.revoke(fake.authority.tokens[0]!.refresh);
    await core.accounts.refresh((await api.accounts.list())[0]!.id, true);
    const card = screen.getByRole('article', { name: 'Alice Example' });
    await within(card).findByText('Reconnect needed');

    await user.click(within(card).getByRole('button', { name: 'Reconnect @alice_spheres' }));

    expect(await within(card).findByText('Connected · renews automatically')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(await api.accounts.list()).toEqual([expect.objectContaining({ status: 'connected', statusReason: null })]);
    expect(within(card).getByRole('button', { name: 'Reconnect @alice_spheres' })).toHaveFocus();
  });

  it('checks an account now and says it works', async () => {
    const { user, fake } = await mountWithX();
    await saveXClientId(user);
    await connectX(user);
    const card = await screen.findByRole('article', { name: 'Alice Example' });
    await user.click(within(card).getByRole('button', { name: 'Check now @alice_spheres' }));
    await waitFor(() => expect(screen.getAllByRole('status').map((status) => status.textContent)).toContain('@alice_spheres is connected and working.'));
    // Checking renewed the token: X rotates the refresh token.
    expect(fake.authority.tokens).toHaveLength(2);
  });

  it('shows a failed check next to the account, which stays connected', async () => {
    const { user, fake } = await mountWithX();
    await saveXClientId(user);
    await connectX(user);
    const card = await screen.findByRole('article', { name: 'Alice Example' });
    await fake.close();
    await user.click(within(card).getByRole('button', { name: 'Check now @alice_spheres' }));
    expect(await within(card).findByRole('alert')).toHaveTextContent(/X/);
    expect(within(card).getByText('Connected · renews automatically')).toBeInTheDocument();
  });

  it('follows accounts.changed from the core without a reload', async () => {
    const { user, api } = await mountWithX();
    await saveXClientId(user);
    await goTo(user, 'Accounts');
    await screen.findByRole('heading', { name: 'No accounts connected yet' });
    await api.accounts.connect({ network: 'x' });
    expect(await screen.findByRole('article', { name: 'Alice Example' })).toBeInTheDocument();
  });

  it('speaks Danish', async () => {
    const { user } = await mount({ stored: { settings: { language: 'da', theme: 'system' } } });
    await goTo(user, 'Konti');
    expect(screen.getByRole('heading', { name: 'Ingen konti forbundet endnu' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Forbind konto' }));
    const dialog = screen.getByRole('dialog', { name: 'Forbind en konto' });
    await user.click(within(dialog).getByRole('button', { name: 'Instagram' }));
    expect(within(dialog).getByText(/lader kun apps udgive for virksomheds- og creator-konti/)).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'Fortsæt i browseren' })).toBeInTheDocument();
  });
});

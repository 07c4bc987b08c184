import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { APP_GUIDES } from '../../../common/accounts';
import { APP_NETWORKS } from '../../../common/domain';
import { da } from '../../../renderer/src/i18n/da';
import { en } from '../../../renderer/src/i18n/en';
import { INSTAGRAM_SCOPES } from '../../../electron/core/accounts/connectors/instagram';
import { LINKEDIN_SCOPES } from '../../../electron/core/accounts/connectors/linkedin';
import { THREADS_SCOPES } from '../../../electron/core/accounts/connectors/threads';
import { X_SCOPES } from '../../../electron/core/accounts/connectors/x';
import { followInBrowser, type RunningFake } from '../../support/fakes/http-fake';
import { startLinkedInFake } from '../../support/fakes/linkedin-fake';
import { startThreadsFake } from '../../support/fakes/meta-fake';
import { startXFake } from '../../support/fakes/x-fake';
import { goTo, mount } from './mount';

const fakes: RunningFake[] = [];
afterEach(async () => {
  await Promise.all(fakes.splice(0).map((fake) => fake.close()));
});

const LINKEDIN_SECRET = 'linkedin-client-secret';

/** Settings → Network apps, with X, LinkedIn and Threads pointed at their loopback fakes. */
async function openWithFakes(options: Parameters<typeof mount>[0] = {}) {
  const x = await startXFake();
  const linkedin = await startLinkedInFake();
  const threads = await startThreadsFake();
  fakes.push(x, linkedin, threads);
  const mounted = await mount({ accountsTesting: { endpoints: { x: x.endpoints, linkedin: linkedin.endpoints, threads: threads.endpoints } }, ...options });
  await goTo(mounted.user, 'Settings');
  const section = await screen.findByRole('region', { name: 'Network apps' });
  const form = (name: string) => within(section).getByRole('form', { name });
  await within(section).findByRole('form', { name: 'X' });
  return { ...mounted, section, form, fakes: { x, linkedin, threads } };
}

describe('the developer-app guide', () => {
  it('copies the exact redirect address the sign-in listens on, for the port in the form', async () => {
    const { user, form, vault } = await openWithFakes();
    const x = form('X');
    await user.click(within(x).getByRole('button', { name: 'Copy Redirect address' }));
    expect(await navigator.clipboard.readText()).toBe('http://127.0.0.1:53682/callback');
    expect(within(x).getByText('Copied')).toBeInTheDocument();

    const port = within(x).getByLabelText('Redirect port (optional)');
    await user.clear(port);
    await user.type(port, '8765');
    // A new address is not "Copied" until it is.
    expect(within(x).queryByText('Copied')).not.toBeInTheDocument();
    await user.click(within(x).getByRole('button', { name: 'Copy Redirect address' }));
    expect(await navigator.clipboard.readText()).toBe('http://127.0.0.1:8765/callback');

    await user.type(within(x).getByLabelText('Client ID'), 'x-client-id');
    await user.click(within(x).getByRole('button', { name: 'Save X' }));
    await within(x).findByText('Set up');
    expect((await vault.get('app:x'))?.extra).toStrictEqual({ redirectPort: '8765' });
  });

  it('copies the scopes each connector asks for, and links to each developer site', async () => {
    const { user, form } = await openWithFakes();
    const scopes = { X: X_SCOPES, LinkedIn: LINKEDIN_SCOPES, Threads: THREADS_SCOPES, Instagram: INSTAGRAM_SCOPES };
    for (const [name, expected] of Object.entries(scopes)) {
      const app = form(name);
      await user.click(within(app).getByRole('button', { name: 'Copy Scopes' }));
      expect(await navigator.clipboard.readText()).toBe(expected.join(' '));
    }
    expect(within(form('X')).getByRole('link', { name: 'console.x.com' })).toHaveAttribute('href', 'https://console.x.com');
    expect(within(form('LinkedIn')).getByRole('link', { name: 'www.linkedin.com/developers/apps/new' })).toHaveAttribute('href', APP_GUIDES.linkedin.steps[0]!.link);
    await user.click(within(form('LinkedIn')).getByRole('button', { name: 'Copy Share on LinkedIn' }));
    expect(await navigator.clipboard.readText()).toBe('Share on LinkedIn');
    // Numbered steps, one per fact in common/accounts.
    expect(within(form('Threads')).getAllByRole('listitem')).toHaveLength(APP_GUIDES.threads.steps.length);
  });

  it('Test the app saves the form, then says LinkedIn recognised the id and secret; the secret never reaches the page', async () => {
    const { user, form, vault } = await openWithFakes();
    const linkedin = form('LinkedIn');
    await user.type(within(linkedin).getByLabelText('Client ID'), 'linkedin-client-id');
    await user.type(within(linkedin).getByLabelText('Client secret'), LINKEDIN_SECRET);
    await user.click(within(linkedin).getByRole('button', { name: 'Test the app LinkedIn' }));
    expect(await within(linkedin).findByText('LinkedIn recognised the app: its client ID and secret are right.')).toBeInTheDocument();
    expect(await vault.get('app:linkedin')).toMatchObject({ clientId: 'linkedin-client-id', clientSecret: LINKEDIN_SECRET });
    expect(document.body.innerHTML).not.toContain(LINKEDIN_SECRET);
  });

  it('Test the app names a wrong secret and an unknown app id', async () => {
    const { user, form } = await openWithFakes();
    const threads = form('Threads');
    await user.type(within(threads).getByLabelText('App ID'), '990602627938098');
    await user.type(within(threads).getByLabelText('App secret'), 'not-the-secret');
    await user.click(within(threads).getByRole('button', { name: 'Test the app Threads' }));
    expect(await within(threads).findByText('The secret does not match this app ID. Copy the secret again from the developer site (or make a new one there).')).toBeInTheDocument();
    expect(within(threads).getByText('Threads said: Error validating client secret. (code 1)')).toBeInTheDocument();

    const x = form('X');
    await user.type(within(x).getByLabelText('Client ID'), 'someone-elses-id');
    await user.click(within(x).getByRole('button', { name: 'Test the app X' }));
    expect(await within(x).findByText('X does not know this client ID. Copy it again from the developer site.')).toBeInTheDocument();
  });

  it('Test the app says X recognised a public client id, and how far that goes', async () => {
    const { user, form } = await openWithFakes();
    const x = form('X');
    await user.type(within(x).getByLabelText('Client ID'), 'x-client-id');
    await user.click(within(x).getByRole('button', { name: 'Test the app X' }));
    expect(await within(x).findByText(/^X recognised the app’s client ID\. An app without a secret can be checked no further/)).toBeInTheDocument();
  });

  it('Test the app says when the network cannot be reached', async () => {
    const { user, form, fakes: running } = await openWithFakes();
    await running.linkedin.close();
    const linkedin = form('LinkedIn');
    await user.type(within(linkedin).getByLabelText('Client ID'), 'linkedin-client-id');
    await user.type(within(linkedin).getByLabelText('Client secret'), LINKEDIN_SECRET);
    await user.click(within(linkedin).getByRole('button', { name: 'Test the app LinkedIn' }));
    expect(await within(linkedin).findByText('Could not reach LinkedIn. Check your internet connection and try again.')).toBeInTheDocument();
  });

  it('Test the app checks the form first and sends nothing while a field is wrong', async () => {
    const { user, form, fakes: running, vault } = await openWithFakes();
    const linkedin = form('LinkedIn');
    await user.type(within(linkedin).getByLabelText('Client ID'), 'linkedin-client-id');
    await user.click(within(linkedin).getByRole('button', { name: 'Test the app LinkedIn' }));
    expect(within(linkedin).getByLabelText('Client secret')).toHaveFocus();
    expect(running.linkedin.requests).toStrictEqual([]);
    expect(await vault.list()).toStrictEqual([]);
  });

  it('with the X client id built into Spheres, X needs no form: it says so, tests it, and connects', async () => {
    const { user, form, vault, api } = await openWithFakes({ openBrowser: followInBrowser, builtInApps: { x: { clientId: 'x-client-id', clientSecret: undefined } } });
    const x = form('X');
    expect(within(x).getByText('Built into Spheres')).toBeInTheDocument();
    expect(within(x).getByText(/^Spheres can connect to X without an app of your own/)).toBeInTheDocument();
    await user.click(within(x).getByRole('button', { name: 'Test the app X' }));
    expect(await within(x).findByText('This tested the X app built into Spheres.')).toBeInTheDocument();
    expect(await vault.list()).toStrictEqual([]);

    await goTo(user, 'Accounts');
    await user.click(screen.getByRole('button', { name: 'Connect account' }));
    const dialog = screen.getByRole('dialog', { name: 'Connect an account' });
    await user.click(within(dialog).getByRole('button', { name: 'X' }));
    expect(within(dialog).queryByText(/Set up your X developer app/)).not.toBeInTheDocument();
    await user.click(await within(dialog).findByRole('button', { name: 'Continue in browser' }));
    expect(await screen.findByText('Connected @alice_spheres')).toBeInTheDocument();
    expect((await api.accounts.list()).map((account) => account.handle)).toStrictEqual(['@alice_spheres']);
  });

  it('has every step’s sentence in English and Danish', () => {
    for (const app of APP_NETWORKS) {
      const ids = APP_GUIDES[app].steps.map((step) => step.id).sort();
      const english: Record<string, string> = en.settings.apps.guides[app];
      const danish: Record<string, string> = da.settings.apps.guides[app];
      expect(Object.keys(english).sort()).toStrictEqual(ids);
      expect(Object.keys(danish).sort()).toStrictEqual(ids);
      for (const id of ids) expect(danish[id]).not.toBe(english[id]);
    }
  });

  it('speaks Danish', async () => {
    const { user } = await mount({ stored: { settings: { language: 'da', theme: 'system' } } });
    await goTo(user, 'Indstillinger');
    const x = await screen.findByRole('form', { name: 'X' });
    expect(within(x).getByText('Sådan opretter du din app til X')).toBeInTheDocument();
    await user.click(within(x).getByRole('button', { name: 'Kopiér Omdirigeringsadresse' }));
    expect(within(x).getByText('Kopieret')).toBeInTheDocument();
  });
});

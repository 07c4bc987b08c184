import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Post } from '../../../common/domain';
import { App } from '../../../renderer/src/app/App';
import { composeHref } from '../../../renderer/src/ui';
import { spheresError, testAccount, withFakeOutbox } from '../../support/fakes/outbox-fake';
import { inProcessApp } from '../../support/in-process-app';

const alice = testAccount('bluesky', '@alice.test');
const mastodon = testAccount('mastodon', '@alice@example.social');

async function mount(options: { locale?: string; draft?: Partial<Post> } = {}) {
  const app = await inProcessApp({ locale: options.locale ?? 'en-US', accounts: [alice, mastodon] });
  if (options.draft !== undefined) await app.core.posts.create(options.draft);
  const fake = withFakeOutbox(app.api);
  Object.defineProperty(window, 'spheres', { value: fake.spheres, configurable: true });
  render(<App />);
  await screen.findByRole('group', { name: /^(Tone|Tone)/ });
  return { app, ...fake };
}

const user = () => userEvent.setup();

/** A blend post to @alice.test on Bluesky, typed the way a person does. */
async function writePost(text = 'Shipping day.') {
  const u = user();
  await u.click(screen.getByRole('radio', { name: 'Blend' }));
  await u.click(await screen.findByRole('checkbox', { name: '@alice.test on Bluesky' }));
  await u.type(screen.getByRole('textbox', { name: 'Base text' }), text);
  return u;
}

beforeEach(() => {
  window.localStorage.clear();
  window.location.hash = '';
});

describe('the composer posts to accounts', () => {
  it('offers each connected account, and a network without one for preview only', async () => {
    const { app } = await mount();
    const targets = within(screen.getByRole('group', { name: 'Post to' }));
    expect(await targets.findByRole('checkbox', { name: '@alice.test on Bluesky' })).not.toBeChecked();
    expect(targets.getByRole('checkbox', { name: '@alice@example.social on Mastodon' })).toBeInTheDocument();
    // Bluesky has an account, so it offers no preview-only toggle; X has none.
    expect(targets.queryByRole('checkbox', { name: /^Bluesky/ })).not.toBeInTheDocument();
    expect(targets.getByRole('checkbox', { name: /^X\W*no account — preview only$/ })).toBeInTheDocument();
    expect(targets.queryByRole('link', { name: 'Connect an account on X' })).not.toBeInTheDocument();

    const u = user();
    await u.click(targets.getByRole('checkbox', { name: '@alice.test on Bluesky' }));
    await u.click(targets.getByRole('checkbox', { name: /^X\W*no account — preview only$/ }));
    expect(targets.getByRole('link', { name: 'Connect an account on X' })).toHaveAttribute('href', '#/accounts');
    // Both still get a preview.
    expect(screen.getByRole('tablist', { name: 'Text for' })).toHaveTextContent(/X.*Bluesky/);
    await u.keyboard('{Control>}s{/Control}');
    await waitFor(async () => expect((await app.api.posts.lastDraft())?.targets).toEqual([{ network: 'x' }, { network: 'bluesky', accountId: alice.id }]));
  });

  it('offers the accounts in Danish, and says which network is only previewed', async () => {
    await mount({ locale: 'da-DK' });
    const targets = within(screen.getByRole('group', { name: 'Send til' }));
    expect(await targets.findByRole('checkbox', { name: '@alice.test på Bluesky' })).toBeInTheDocument();
    expect(targets.getByRole('checkbox', { name: /^X\W*ingen konto — kun forhåndsvisning$/ })).toBeInTheDocument();
  });

  it('Post now saves the post first, hands its id to the outbox, says where it went and starts a new draft', async () => {
    const { outbox, app } = await mount();
    let saved: Post | null = null;
    outbox.postNow.mockImplementationOnce(async ({ id }) => {
      saved = await app.api.posts.get({ id });
      return withFakeOutbox(app.api).outbox.postNow({ id });
    });
    const u = await writePost('Shipping day.');
    await u.click(screen.getByRole('button', { name: 'Post now' }));
    await screen.findByText(/^Sending to Bluesky… A new draft is ready\./);
    expect(outbox.postNow).toHaveBeenCalledTimes(1);
    expect(outbox.schedule).not.toHaveBeenCalled();
    expect(saved).toMatchObject({ id: outbox.postNow.mock.calls[0]?.[0].id, text: 'Shipping day.', tone: 'blend', targets: [{ network: 'bluesky', accountId: alice.id }] });
    expect(screen.getByRole('link', { name: 'Open the Outbox' })).toHaveAttribute('href', '#/outbox');
    expect(screen.getByRole('textbox', { name: 'Base text' })).toHaveValue('');
  });

  it('Ctrl+Enter is Post now', async () => {
    const { outbox } = await mount();
    const u = await writePost();
    await u.keyboard('{Control>}{Enter}{/Control}');
    await waitFor(() => expect(outbox.postNow).toHaveBeenCalledTimes(1));
    expect(outbox.schedule).not.toHaveBeenCalled();
  });

  it('says which network needs an account when the outbox refuses, and keeps the draft', async () => {
    const { outbox } = await mount();
    outbox.postNow.mockRejectedValueOnce(spheresError('account_needed', 'Connect an account to post there.', { network: 'bluesky' }));
    const u = await writePost('Not lost.');
    await u.click(screen.getByRole('button', { name: 'Post now' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('To post to Bluesky, connect an account there first (Accounts).');
    expect(screen.getByRole('textbox', { name: 'Base text' })).toHaveValue('Not lost.');
  });

  it('says it in Danish too', async () => {
    const { outbox } = await mount({ locale: 'da-DK' });
    outbox.postNow.mockRejectedValueOnce(spheresError('account_needed', 'Connect a Mastodon account to post there.', { network: 'mastodon' }));
    const u = user();
    await u.click(screen.getByRole('radio', { name: 'Blandet' }));
    await u.click(await screen.findByRole('checkbox', { name: '@alice@example.social på Mastodon' }));
    await u.type(screen.getByRole('textbox', { name: 'Grundtekst' }), 'Hej');
    await u.click(screen.getByRole('button', { name: 'Send nu' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('For at sende til Mastodon skal du først forbinde en konto der (Konti).');
  });

  it('Schedule waits for a planned time, then hands the post to the outbox for that time', async () => {
    const { outbox } = await mount({
      draft: { text: 'Tomorrow morning.', tone: 'professional', targets: [{ network: 'bluesky', accountId: alice.id }], planned: { at: '2099-03-02T08:00:00.000Z', zone: 'Europe/Copenhagen' } },
    });
    await screen.findByDisplayValue('Tomorrow morning.');
    const u = user();
    await u.click(screen.getByRole('button', { name: 'Schedule' }));
    await screen.findByText(/^Scheduled for Mar 2, 2099, 9:00\sAM .*\(Bluesky\)\. A new draft is ready\./);
    expect(outbox.schedule).toHaveBeenCalledTimes(1);
    expect(outbox.postNow).not.toHaveBeenCalled();
    // The new draft has no planned time, so there is nothing to schedule it for.
    expect(screen.getByRole('button', { name: 'Schedule' })).toBeDisabled();
  });
});

describe('a post in the outbox or published, opened in the composer', () => {
  async function open(status: 'scheduled' | 'published', locale = 'en-US') {
    const app = await inProcessApp({ locale, accounts: [alice] });
    const created = await app.core.posts.create({ tone: 'blend', text: 'Going out at nine.', targets: [{ network: 'bluesky', accountId: alice.id }] });
    const post = await app.core.posts.update(created.id, { status });
    const fake = withFakeOutbox(app.api);
    Object.defineProperty(window, 'spheres', { value: fake.spheres, configurable: true });
    window.location.hash = composeHref(post.id);
    render(<App />);
    await screen.findByRole('group', { name: /^Tone/ });
    await waitFor(() => expect(screen.getByRole('textbox', { name: /^(Base text|Grundtekst)$/ })).toHaveValue('Going out at nine.'));
    return { app, post, ...fake };
  }

  it('is shown, not changed: a scheduled post points to Edit in the Outbox, and no key saves or sends it', async () => {
    const { app, post, outbox } = await open('scheduled');
    expect(screen.getByText(/This post is in the Outbox: its words are what will go out\./)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Open the Outbox' })).toHaveAttribute('href', '#/outbox');
    expect(screen.getByRole('textbox', { name: 'Base text' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Post now' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Move to trash' })).toBeDisabled();
    const u = user();
    await u.keyboard('{Control>}s{/Control}');
    await u.keyboard('{Control>}{Enter}{/Control}');
    expect(outbox.postNow).not.toHaveBeenCalled();
    expect(await app.api.posts.get({ id: post.id })).toStrictEqual(post);
  });

  it('says a published post cannot be changed, in Danish too', async () => {
    await open('published', 'da-DK');
    expect(screen.getByText(/Opslaget er udgivet og kan ikke ændres her\./)).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Grundtekst' })).toBeDisabled();
  });

  it('a new post after it is editable again', async () => {
    await open('scheduled');
    const u = user();
    await u.click(screen.getByRole('button', { name: 'New post' }));
    await waitFor(() => expect(screen.getByRole('textbox', { name: 'Base text' })).toBeEnabled());
    expect(screen.queryByText(/This post is in the Outbox/)).not.toBeInTheDocument();
  });
});

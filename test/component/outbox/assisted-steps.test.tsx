import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../../renderer/src/app/App';
import { inProcessApp } from '../../support/in-process-app';

const LINK = 'https://www.facebook.com/alice/posts/pfbid02lake';

/** The real core with a Facebook post the person chose to post by hand, waiting for them in the Outbox. */
async function mount(locale = 'en-US') {
  const app = await inProcessApp({ locale });
  const post = await app.api.posts.saveDraft({
    id: `assisted-ui-${Date.now()}`,
    tone: 'private',
    text: 'Summer at the lake',
    overrides: { facebook: 'Summer at the lake — for the family' },
    targets: [{ network: 'facebook', assisted: true }],
  });
  await app.api.outbox.postNow({ id: post.id });
  Object.defineProperty(window, 'spheres', { value: app.api, configurable: true });
  window.location.hash = '#/outbox';
  const user = userEvent.setup();
  render(<App />);
  await screen.findByRole('list', { name: /^(Posts in the outbox|Opslag i udbakken)$/ });
  return { app, post, user };
}

beforeEach(() => {
  window.localStorage.clear();
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe('posting it yourself from the Outbox', () => {
  it('copies the text, opens Facebook, and records the link: the post is published', async () => {
    const { app, post, user } = await mount();
    const opened = vi.spyOn(window, 'open').mockReturnValue(null);
    const item = within(screen.getByRole('listitem', { name: 'Summer at the lake' }));
    expect(item.getByRole('list', { name: 'Accounts' })).toHaveTextContent('Facebook, posted by youWaiting for you to post it');

    await user.click(item.getByRole('button', { name: 'Post it yourself on Facebook' }));
    const steps = within(await screen.findByRole('region', { name: 'Post it yourself on Facebook' }));
    await user.click(await steps.findByRole('button', { name: 'Copy text' }));
    expect(steps.getByText('Copied')).toBeInTheDocument();
    expect(await navigator.clipboard.readText()).toBe('Summer at the lake — for the family');

    await user.click(steps.getByRole('button', { name: 'Open Facebook' }));
    await waitFor(() => expect(opened).toHaveBeenCalledWith('https://www.facebook.com/', '_blank', 'noopener,noreferrer'));

    expect(steps.getByText('Did you post it?')).toBeInTheDocument();
    const field = steps.getByRole('textbox', { name: /Link to your Facebook post/ });
    await user.type(field, 'https://www.instagram.com/p/C1/');
    await user.click(steps.getByRole('button', { name: 'Yes, record it' }));
    expect(await steps.findByRole('alert')).toHaveTextContent('That link is on www.instagram.com, not Facebook. Paste the link of your Facebook post.');
    expect((await app.api.posts.get({ id: post.id })).status).toBe('queued');

    await user.clear(field);
    await user.type(field, LINK);
    await user.click(steps.getByRole('button', { name: 'Yes, record it' }));
    await waitFor(() => expect(item.getByRole('list', { name: 'Accounts' })).toHaveTextContent('Published'));
    expect(item.getByRole('link', { name: 'Open on Facebook' })).toHaveAttribute('href', LINK);
    expect(screen.queryByRole('region', { name: 'Post it yourself on Facebook' })).not.toBeInTheDocument();
    const saved = await app.api.posts.get({ id: post.id });
    expect([saved.status, saved.results.map((result) => result.url)]).toStrictEqual(['published', [LINK]]);
  });

  it('"Not yet" closes the steps and records nothing', async () => {
    const { app, post, user } = await mount();
    const item = within(screen.getByRole('listitem', { name: 'Summer at the lake' }));
    await user.click(item.getByRole('button', { name: 'Post it yourself on Facebook' }));
    const steps = within(await screen.findByRole('region', { name: 'Post it yourself on Facebook' }));
    await user.click(await steps.findByRole('button', { name: 'Not yet' }));
    expect(screen.queryByRole('region', { name: 'Post it yourself on Facebook' })).not.toBeInTheDocument();
    expect((await app.api.posts.get({ id: post.id })).status).toBe('queued');
  });

  it('says in Danish why a link is refused', async () => {
    const { user } = await mount('da-DK');
    const item = within(screen.getByRole('listitem', { name: 'Summer at the lake' }));
    await user.click(item.getByRole('button', { name: 'Slå det op selv på Facebook' }));
    const steps = within(await screen.findByRole('region', { name: 'Slå det op selv på Facebook' }));
    await user.type(await steps.findByRole('textbox', { name: /Link til dit opslag på Facebook/ }), 'http://www.facebook.com/alice/posts/1');
    await user.click(steps.getByRole('button', { name: 'Ja, registrér det' }));
    expect(await steps.findByRole('alert')).toHaveTextContent('Et link til et opslag på Facebook starter med https://. Kopiér det fra browserens adresselinje.');
  });
});

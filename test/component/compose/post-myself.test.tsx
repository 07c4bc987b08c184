import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Post } from '../../../common/domain';
import { App } from '../../../renderer/src/app/App';
import { testAccount, withFakeOutbox } from '../../support/fakes/outbox-fake';
import { inProcessApp } from '../../support/in-process-app';

const threads = testAccount('threads', '@alice');

async function mount(options: { locale?: string; draft?: () => Promise<Partial<Post>>; mediaHostReady?: boolean } = {}) {
  const app = await inProcessApp({ locale: options.locale ?? 'en-US', accounts: [threads] });
  if (options.draft !== undefined) await app.core.posts.create(await options.draft());
  const fake = withFakeOutbox(app.api);
  fake.outbox.mediaHostReady.mockResolvedValue({ ready: options.mediaHostReady ?? false });
  Object.defineProperty(window, 'spheres', { value: fake.spheres, configurable: true });
  render(<App />);
  await screen.findByRole('group', { name: /^(Tone|Tone)/ });
  return { app, ...fake };
}

/** A draft with an image going to the Threads account (the image's bytes do not matter here: jsdom shows no picture). */
const threadsWithImage = async (): Promise<Partial<Post>> => ({
  tone: 'private',
  text: 'The lake',
  targets: [{ network: 'threads', accountId: threads.id }],
  media: [{ mediaId: 'a'.repeat(64), mime: 'image/jpeg', bytes: 1_000, altText: 'The lake' }],
});

beforeEach(() => {
  window.localStorage.clear();
  window.location.hash = '';
});

describe('"Post it myself" in the composer', () => {
  it('offers Facebook to post by hand, keeps the choice, and hands the post to the outbox', async () => {
    const { app, outbox } = await mount();
    const user = userEvent.setup();
    const targets = within(screen.getByRole('group', { name: 'Post to' }));
    await user.click(screen.getByRole('radio', { name: 'Private' }));
    await user.click(await targets.findByRole('checkbox', { name: /^Post it myself on Facebook\W*Spheres copies the text and opens the page$/ }));
    // Preview only stays a separate choice.
    expect(targets.getByRole('checkbox', { name: /^Facebook\W*no account — preview only$/ })).not.toBeChecked();
    await user.type(screen.getByRole('textbox', { name: 'Base text' }), 'Summer at the lake');
    await user.click(screen.getByRole('button', { name: 'Post now' }));
    await waitFor(() => expect(outbox.postNow).toHaveBeenCalledTimes(1));
    const id = outbox.postNow.mock.calls[0]![0].id;
    expect((await app.api.posts.get({ id })).targets).toStrictEqual([{ network: 'facebook', assisted: true }]);
  });

  it('warns before queueing that Threads gets an image post by hand when no media host is set up', async () => {
    await mount({ draft: threadsWithImage });
    expect(await screen.findByText('Threads will get this post by hand: set up a media host in Settings to post images automatically.')).toBeInTheDocument();
  });

  it('says it in Danish too', async () => {
    await mount({ locale: 'da-DK', draft: threadsWithImage });
    expect(await screen.findByText('Threads får dette opslag manuelt: sæt en medievært op under Indstillinger for at slå billeder op automatisk.')).toBeInTheDocument();
  });

  it('says nothing of it once a media host is set up', async () => {
    const { outbox } = await mount({ draft: threadsWithImage, mediaHostReady: true });
    await waitFor(() => expect(outbox.mediaHostReady).toHaveBeenCalled());
    await act(async () => {
      await outbox.mediaHostReady.mock.results[0]!.value;
    });
    await screen.findByRole('checkbox', { name: '@alice on Threads', checked: true });
    expect(screen.queryByText(/will get this post by hand/)).not.toBeInTheDocument();
  });
});

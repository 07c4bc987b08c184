import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { OutboxEntry } from '../../../common/domain';
import { PUBLISH_FAILURE_CODES } from '../../../electron/core/outbox';
import { App } from '../../../renderer/src/app/App';
import { da } from '../../../renderer/src/i18n/da';
import { en } from '../../../renderer/src/i18n/en';
import { outboxEntry, outboxTarget, spheresError, withFakeOutbox } from '../../support/fakes/outbox-fake';
import { inProcessApp } from '../../support/in-process-app';

const COPENHAGEN = { at: '2099-03-02T08:00:00.000Z', zone: 'Europe/Copenhagen' };

async function mount(entries: OutboxEntry[], locale = 'en-US') {
  const app = await inProcessApp({ locale });
  const fake = withFakeOutbox(app.api, entries);
  Object.defineProperty(window, 'spheres', { value: fake.spheres, configurable: true });
  window.location.hash = '#/outbox';
  render(<App />);
  await screen.findByRole('heading', { level: 1, name: /^(Outbox|Udbakke)$/ });
  await (entries.length === 0 ? screen.findByRole('heading', { level: 2 }) : screen.findByRole('list', { name: /^(Posts in the outbox|Opslag i udbakken)$/ }));
  return { app, ...fake };
}

const post = (excerpt: string) => within(screen.getByRole('listitem', { name: excerpt }));
const buttonsOf = (excerpt: string) => post(excerpt).queryAllByRole('button').map((button) => button.textContent);

beforeEach(() => {
  window.localStorage.clear();
});

describe('the Outbox', () => {
  it('shows each post with its tone, time and every account’s state in words', async () => {
    await mount([
      outboxEntry('scheduled-1', { excerpt: 'Tomorrow morning.', status: 'scheduled', planned: COPENHAGEN, targets: [outboxTarget({ waiting: 'time' })] }),
      outboxEntry('sending-1', {
        excerpt: 'A thread.',
        status: 'publishing',
        targets: [
          outboxTarget({ state: 'sending', parts: 3, partsDone: 1, untouched: false, attempts: 1 }),
          outboxTarget({ network: 'mastodon', accountId: 'mastodon:@a@example.social', handle: '@a@example.social', waiting: 'connection', attempts: 2, nextAttemptAt: '2099-03-02T08:05:00.000Z', state: 'failed_retryable', untouched: false, error: { kind: 'network', code: 'offline', message: 'The network is unreachable.' } }),
        ],
      }),
      outboxEntry('failed-1', {
        excerpt: 'Refused.',
        status: 'failed',
        targets: [
          outboxTarget({ state: 'failed_permanent', untouched: false, attempts: 1, error: { kind: 'permanent', code: 'invalid', message: 'Bluesky refused the post: text too long.' } }),
          outboxTarget({ network: 'mastodon', accountId: 'mastodon:@a@example.social', handle: '@a@example.social', waiting: 'reconnect' }),
        ],
      }),
      outboxEntry('missed-1', { excerpt: 'Late.', status: 'needs_attention', targets: [outboxTarget({ state: 'failed_permanent', error: { kind: 'permanent', code: 'missed_its_time', message: 'Missed its time.' } })] }),
      outboxEntry('published-1', { excerpt: 'Out there.', status: 'published', targets: [outboxTarget({ state: 'published', untouched: false, attempts: 1, url: 'https://bsky.app/profile/alice.test/post/3k' })] }),
    ]);
    const scheduled = post('Tomorrow morning.');
    expect(scheduled.getByText('Blend')).toBeInTheDocument();
    expect(scheduled.getByRole('list', { name: 'Accounts' })).toHaveTextContent(/@alice\.test on Bluesky\s*Scheduled for Mar 2, 2099, 9:00\sAM GMT\+1/);

    const sending = within(post('A thread.').getByRole('list', { name: 'Accounts' }));
    expect(sending.getAllByRole('listitem')[0]).toHaveTextContent('Sending… 1 of 3 posts of the thread are out1 attempt');
    expect(sending.getAllByRole('listitem')[1]).toHaveTextContent(/@a@example\.social on MastodonWaiting for a connection2 attemptsNext try /);

    const failed = within(post('Refused.').getByRole('list', { name: 'Accounts' }));
    expect(failed.getAllByRole('listitem')[0]).toHaveTextContent('Failed: Bluesky refused the post: text too long.');
    expect(failed.getAllByRole('listitem')[1]).toHaveTextContent('Reconnect needed');
    expect(failed.getByRole('link', { name: 'Open Accounts' })).toHaveAttribute('href', '#/accounts');

    expect(post('Late.').getByRole('list', { name: 'Accounts' })).toHaveTextContent('Needs attention: missed its time');
    const link = post('Out there.').getByRole('link', { name: 'Open on Bluesky' });
    expect(link).toHaveAttribute('href', 'https://bsky.app/profile/alice.test/post/3k');
    expect(link).toHaveAttribute('target', '_blank');
  });

  it('offers only the actions each post allows', async () => {
    await mount([
      outboxEntry('scheduled-1', { excerpt: 'Scheduled.', status: 'scheduled', planned: COPENHAGEN, targets: [outboxTarget({ waiting: 'time' })] }),
      outboxEntry('sending-1', { excerpt: 'Sending.', status: 'publishing', targets: [outboxTarget({ state: 'sending', untouched: false }), outboxTarget({ network: 'mastodon', accountId: 'm', handle: 'm' })] }),
      outboxEntry('unknown-1', { excerpt: 'Unsure.', status: 'needs_attention', targets: [outboxTarget({ state: 'unknown', untouched: false })] }),
      outboxEntry('published-1', { excerpt: 'Done.', status: 'published', targets: [outboxTarget({ state: 'published', untouched: false, url: 'https://bsky.app/x' })] }),
    ]);
    expect(buttonsOf('Scheduled.')).toEqual(['Post now', 'Edit', 'Cancel']);
    // One account has started: nothing can be cancelled or edited any more.
    expect(buttonsOf('Sending.')).toEqual([]);
    expect(buttonsOf('Unsure.')).toEqual(['Retry']);
    expect(buttonsOf('Done.')).toEqual([]);
  });

  it('Post now, Retry, Cancel and Edit call the outbox for that post only', async () => {
    const { outbox } = await mount([
      outboxEntry('scheduled-1', { excerpt: 'Scheduled.', status: 'scheduled', planned: COPENHAGEN, targets: [outboxTarget({ waiting: 'time' })] }),
      outboxEntry('failed-01', { excerpt: 'Failed.', status: 'failed', targets: [outboxTarget({ state: 'failed_retryable', untouched: false, error: { kind: 'server', code: 'http_503', message: '503' } })] }),
    ]);
    const user = userEvent.setup();
    await user.click(post('Scheduled.').getByRole('button', { name: 'Post now' }));
    await waitFor(() => expect(outbox.postNow).toHaveBeenCalledWith({ id: 'scheduled-1' }));
    await user.click(post('Failed.').getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(outbox.retry).toHaveBeenCalledWith({ id: 'failed-01' }));
    expect(outbox.postNow).toHaveBeenCalledTimes(1);
    expect(outbox.cancel).not.toHaveBeenCalled();
    expect(outbox.schedule).not.toHaveBeenCalled();

    outbox.cancel.mockResolvedValueOnce(undefined as never);
    await user.click(post('Scheduled.').getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(outbox.cancel).toHaveBeenCalledWith({ id: 'scheduled-1' }));
    // Undo puts it back as it was: scheduled for its time, not sent now.
    outbox.schedule.mockResolvedValueOnce(outboxEntry('scheduled-1'));
    await user.click(await screen.findByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(outbox.schedule).toHaveBeenCalledWith({ id: 'scheduled-1' }));
    expect(outbox.postNow).toHaveBeenCalledTimes(1);
    expect(window.location.hash).toBe('#/outbox');

    outbox.cancel.mockResolvedValueOnce(undefined as never);
    await user.click(post('Scheduled.').getByRole('button', { name: 'Edit' }));
    await waitFor(() => expect(window.location.hash).toBe('#/compose/scheduled-1'));
    expect(outbox.cancel).toHaveBeenLastCalledWith({ id: 'scheduled-1' });
  });

  it('says why an action was refused and stays where it is', async () => {
    const { outbox } = await mount([outboxEntry('scheduled-1', { excerpt: 'Scheduled.', status: 'scheduled', targets: [outboxTarget({ waiting: 'time' })] })]);
    outbox.cancel.mockRejectedValueOnce(spheresError('already_sending', ''));
    await userEvent.setup().click(post('Scheduled.').getByRole('button', { name: 'Edit' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Spheres has started sending this post, so it can no longer be cancelled or edited.');
    expect(window.location.hash).toBe('#/outbox');
  });

  it('follows outbox.changed: replaces, inserts and removes posts as they change', async () => {
    const { emit } = await mount([outboxEntry('first-01', { excerpt: 'First.' }), outboxEntry('second-1', { excerpt: 'Second.' })]);
    await screen.findByRole('listitem', { name: 'First.' });
    act(() => emit({ postId: 'first-01', entry: outboxEntry('first-01', { excerpt: 'First.', status: 'published', targets: [outboxTarget({ state: 'published', untouched: false })] }) }));
    expect(post('First.').getByRole('list', { name: 'Accounts' })).toHaveTextContent('Published');
    act(() => emit({ postId: 'third-01', entry: outboxEntry('third-01', { excerpt: 'Third.' }) }));
    act(() => emit({ postId: 'second-1', entry: null }));
    const list = screen.getByRole('list', { name: 'Posts in the outbox' });
    expect(within(list).getAllByRole('listitem', { name: /\.$/ }).map((item) => item.getAttribute('aria-label'))).toEqual(['Third.', 'First.']);
  });

  it('filters by All, Waiting, Failed and Published', async () => {
    await mount([
      outboxEntry('waiting-1', { excerpt: 'Waiting.', status: 'scheduled' }),
      outboxEntry('failed-01', { excerpt: 'Failed.', status: 'failed' }),
      outboxEntry('attention', { excerpt: 'Attention.', status: 'needs_attention' }),
      outboxEntry('publish-1', { excerpt: 'Published.', status: 'published' }),
    ]);
    const user = userEvent.setup();
    const shown = () => within(screen.getByRole('list', { name: 'Posts in the outbox' })).getAllByRole('listitem', { name: /\.$/ }).map((item) => item.getAttribute('aria-label'));
    expect(shown()).toEqual(['Waiting.', 'Failed.', 'Attention.', 'Published.']);
    const filters = within(screen.getByRole('group', { name: 'Show' }));
    await user.click(filters.getByRole('button', { name: 'Failed' }));
    expect(filters.getByRole('button', { name: 'Failed' })).toHaveAttribute('aria-pressed', 'true');
    expect(shown()).toEqual(['Failed.', 'Attention.']);
    await user.click(filters.getByRole('button', { name: 'Waiting' }));
    expect(shown()).toEqual(['Waiting.']);
    await user.click(filters.getByRole('button', { name: 'Published' }));
    expect(shown()).toEqual(['Published.']);
  });

  it('keeps its empty state, and speaks Danish', async () => {
    await mount([], 'da-DK');
    expect(screen.getByRole('heading', { level: 2, name: 'Intet venter på at blive sendt' })).toBeInTheDocument();
  });

  it('words the states in Danish', async () => {
    await mount(
      [outboxEntry('missed-1', { excerpt: 'Sent.', status: 'needs_attention', targets: [outboxTarget({ state: 'failed_permanent', error: { kind: 'permanent', code: 'missed_its_time', message: 'x' } }), outboxTarget({ network: 'mastodon', accountId: 'm', handle: '@m', waiting: 'connection' })] })],
      'da-DK',
    );
    expect(post('Sent.').getByRole('list', { name: 'Konti' })).toHaveTextContent(/Kræver opmærksomhed: nåede ikke sit tidspunkt.*@m på MastodonVenter på forbindelse/);
    expect(post('Sent.').getByRole('button', { name: 'Prøv igen' })).toBeInTheDocument();
  });

  it('gives a failure\'s reason in Danish from its code (the core\'s sentence is English)', async () => {
    await mount(
      [outboxEntry('refused-1', { excerpt: 'Refused.', status: 'failed', targets: [outboxTarget({ state: 'failed_permanent', untouched: false, attempts: 1, error: { kind: 'permanent', code: 'tone_not_allowed', message: 'Your tone policy no longer welcomes blend posts on Bluesky.' } })] })],
      'da-DK',
    );
    expect(post('Refused.').getByRole('list', { name: 'Konti' })).toHaveTextContent('Din tonepolitik byder ikke længere denne tone velkommen på dette netværk.');
    expect(post('Refused.').getByRole('list', { name: 'Konti' })).not.toHaveTextContent('no longer welcomes');
  });

  it('has the gist of every failure code the outbox can record, in English and Danish', () => {
    for (const messages of [en, da]) {
      const reasons = messages.outbox.reasons as Readonly<Record<string, string>>;
      expect(PUBLISH_FAILURE_CODES.filter((code) => (reasons[code] ?? '') === '')).toStrictEqual([]);
    }
  });
});

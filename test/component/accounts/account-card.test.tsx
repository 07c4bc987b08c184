import { render, screen, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import type { Account, OutboxEntry, OutboxTarget, Post } from '../../../common/domain';
import { AccountCard } from '../../../renderer/src/features/accounts/AccountCard';
import { accountHealth, queuedPostsFor, waitingPostsFor } from '../../../renderer/src/features/accounts/account-health';
import { composeHref } from '../../../renderer/src/ui';
import { reconnectValues } from '../../../renderer/src/features/accounts/connect-input';
import { createI18n } from '../../../renderer/src/i18n';
import { testPost } from '../../support/posts';

const NOW = new Date('2026-03-10T12:00:00Z');

function account(patch: Partial<Account> = {}): Account {
  return {
    id: 'mastodon:mastodon.social:109',
    network: 'mastodon',
    handle: '@alice@mastodon.social',
    displayName: 'Alice Example',
    avatarUrl: null,
    avatarImage: null,
    serverUrl: 'https://mastodon.social',
    tokenExpiresAt: null,
    refreshable: false,
    scopes: [],
    status: 'connected',
    statusReason: null,
    connectedAt: '2026-01-01T00:00:00Z',
    lastRefreshedAt: null,
    limits: null,
    facts: {},
    ...patch,
  };
}

function post(id: string, targets: Post['targets'], text = `Text of ${id}`): Post {
  return testPost({ id, createdAt: NOW.toISOString(), updatedAt: NOW.toISOString(), tone: 'blend', text, targets, status: 'queued' });
}

function renderCard(value: Account, language: 'en' | 'da' = 'en', posts: Post[] = []) {
  const waiting = posts.map((held) => ({ id: held.id, text: held.text, href: composeHref(held.id) }));
  const noop = (): void => undefined;
  render(
    <I18nextProvider i18n={createI18n(language)}>
      <ul>
        <AccountCard account={value} now={NOW} waiting={waiting} checking={false} problem={null} onReconnect={noop} onCheck={noop} onDisconnect={noop} />
      </ul>
    </I18nextProvider>,
  );
  return screen.getByRole('article');
}

describe('an account’s picture', () => {
  it('shows the profile picture main fetched, or the initials without one', () => {
    const image = 'data:image/png;base64,iVBORw0KGgo=';
    const withPicture = renderCard(account({ avatarImage: image }));
    expect(withPicture.querySelector('img[data-avatar]')).toHaveAttribute('src', image);
    withPicture.remove();
    const without = renderCard(account());
    expect(without.querySelector('img[data-avatar]')).toBeNull();
    expect(without).toHaveTextContent('AE');
  });
});

describe('an account’s health', () => {
  it('is plainly connected when the sign-in does not expire', () => {
    expect(accountHealth(account(), NOW)).toEqual({ kind: 'connected' });
  });

  it('renews by itself when Spheres can refresh it', () => {
    expect(accountHealth(account({ refreshable: true, tokenExpiresAt: '2026-03-10T14:00:00Z' }), NOW)).toEqual({ kind: 'renews' });
  });

  it('counts the days left of a sign-in Spheres cannot renew, and warns from seven days', () => {
    expect(accountHealth(account({ tokenExpiresAt: '2026-04-09T12:00:00Z' }), NOW)).toEqual({ kind: 'expires', days: 30, warn: false });
    expect(accountHealth(account({ tokenExpiresAt: '2026-03-17T13:00:00Z' }), NOW)).toEqual({ kind: 'expires', days: 8, warn: false });
    expect(accountHealth(account({ tokenExpiresAt: '2026-03-17T12:00:00Z' }), NOW)).toEqual({ kind: 'expires', days: 7, warn: true });
    expect(accountHealth(account({ tokenExpiresAt: '2026-03-10T13:00:00Z' }), NOW)).toEqual({ kind: 'expires', days: 1, warn: true });
    expect(accountHealth(account({ tokenExpiresAt: '2026-03-10T12:00:00Z' }), NOW)).toEqual({ kind: 'expired' });
  });

  it('needs reconnecting whatever its expiry says', () => {
    expect(accountHealth(account({ status: 'reconnect_needed', tokenExpiresAt: '2026-04-09T12:00:00Z' }), NOW)).toEqual({ kind: 'reconnect' });
  });
});

describe('the posts an account holds back', () => {
  it('are the queued posts for its network, for it or for no account in particular', () => {
    const mine = post('for-me-0001', [{ network: 'mastodon', accountId: 'mastodon:mastodon.social:109' }]);
    const anyMastodon = post('any-masto-1', [{ network: 'x' }, { network: 'mastodon' }]);
    const otherAccount = post('other-acct1', [{ network: 'mastodon', accountId: 'mastodon:fosstodon.org:7' }]);
    const otherNetwork = post('bsky-only-1', [{ network: 'bluesky' }]);
    expect(queuedPostsFor(account(), [mine, anyMastodon, otherAccount, otherNetwork]).map((found) => found.id)).toEqual(['for-me-0001', 'any-masto-1']);
  });

  it('include its posts in the outbox not yet published there (linked to the Outbox), each once', () => {
    const me = account();
    const target = (accountId: string, state: OutboxTarget['state']): OutboxTarget => ({
      network: 'mastodon',
      accountId,
      handle: '@someone',
      state,
      attempts: 1,
      nextAttemptAt: null,
      waiting: 'reconnect',
      error: null,
      partsDone: 0,
      parts: 1,
      url: null,
      untouched: false,
      updatedAt: NOW.toISOString(),
    });
    const entry = (postId: string, targets: OutboxTarget[]): OutboxEntry => ({ postId, excerpt: `Excerpt of ${postId}`, tone: 'blend', planned: null, status: 'needs_attention', targets, updatedAt: NOW.toISOString() });
    const held = entry('held-by-me1', [target(me.id, 'failed_retryable')]);
    const doneHere = entry('done-here-1', [target(me.id, 'published'), target('mastodon:fosstodon.org:7', 'failed_retryable')]);
    const legacy = post('legacy-que1', [{ network: 'mastodon' }]);
    const alsoQueued = post('held-by-me1', [{ network: 'mastodon', accountId: me.id }]);
    const hrefs = { compose: composeHref, outbox: '#/outbox' };
    expect(waitingPostsFor(me, [legacy, alsoQueued], [held, doneHere], hrefs)).toStrictEqual([
      { id: 'held-by-me1', text: 'Excerpt of held-by-me1', href: '#/outbox' },
      { id: 'legacy-que1', text: 'Text of legacy-que1', href: composeHref('legacy-que1') },
    ]);
  });
});

describe('reconnecting', () => {
  it('reuses the Mastodon server and the Bluesky handle, leaving the password to the person', () => {
    expect(reconnectValues(account())).toMatchObject({ server: 'https://mastodon.social' });
    expect(reconnectValues(account({ network: 'bluesky', handle: 'alice.bsky.social', serverUrl: 'https://morel.us-east.host.bsky.network' }))).toEqual({
      server: '',
      identifier: 'alice.bsky.social',
      appPassword: '',
      service: '',
    });
    expect(reconnectValues(account({ network: 'bluesky', handle: 'alice.example.com', serverUrl: 'https://pds.example.com' }))).toMatchObject({
      identifier: 'alice.example.com',
      service: 'https://pds.example.com',
    });
  });
});

describe('the account card', () => {
  it('names the account, its handle, network and server', () => {
    const card = renderCard(account());
    expect(card).toHaveAccessibleName('Alice Example');
    expect(within(card).getByText('@alice@mastodon.social', { ignore: '.sr-only' })).toBeInTheDocument();
    expect(within(card).getByText('Mastodon · on mastodon.social')).toBeInTheDocument();
    expect(within(card).getByText('Connected')).toBeInTheDocument();
  });

  it('warns a week before a sign-in that cannot renew runs out', () => {
    const card = renderCard(account({ network: 'instagram', handle: 'alice.bakes', serverUrl: null, tokenExpiresAt: '2026-03-13T11:00:00Z' }));
    expect(within(card).getByText('Expires in 3 days')).toBeInTheDocument();
    expect(within(card).getByText('Instagram does not let Spheres renew this sign-in. Reconnect before it runs out.')).toBeInTheDocument();
  });

  it('gives the days left without a warning when there are many', () => {
    const card = renderCard(account({ tokenExpiresAt: '2026-05-01T12:00:00Z' }));
    expect(within(card).getByText('Expires in 52 days')).toBeInTheDocument();
    expect(within(card).queryByText(/Reconnect before it runs out/)).not.toBeInTheDocument();
  });

  it('lists the held-back posts as links to the composer, in Danish too', () => {
    const waiting = [post('first-post1', [{ network: 'mastodon' }], 'Brød i søndags'), post('second-post', [{ network: 'mastodon' }], '   ')];
    const card = renderCard(account({ status: 'reconnect_needed', statusReason: 'Its sign-in was revoked.' }), 'da', waiting);
    expect(within(card).getByText('Skal forbindes igen')).toBeInTheDocument();
    expect(within(card).getByText('Kontoen skal forbindes igen: dens login er udløbet eller tilbagekaldt.')).toBeInTheDocument();
    expect(within(card).queryByText('Its sign-in was revoked.')).not.toBeInTheDocument();
    expect(within(card).getByText('Holder 2 opslag i kø tilbage:')).toBeInTheDocument();
    expect(within(card).getByRole('link', { name: 'Brød i søndags' })).toHaveAttribute('href', '#/compose/first-post1');
    expect(within(card).getByRole('link', { name: 'Opslag uden tekst' })).toHaveAttribute('href', '#/compose/second-post');
    expect(within(card).getByRole('button', { name: 'Forbind igen @alice@mastodon.social' })).toBeInTheDocument();
    expect(within(card).getByRole('button', { name: 'Afbryd forbindelsen @alice@mastodon.social' })).toBeInTheDocument();
  });

  it('uses Danish plurals for the days left', () => {
    const card = renderCard(account({ tokenExpiresAt: '2026-03-11T11:00:00Z' }), 'da');
    expect(within(card).getByText('Udløber om 1 dag')).toBeInTheDocument();
  });
});

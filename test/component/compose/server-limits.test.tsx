import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { SpheresApi } from '../../../common/api';
import type { Account } from '../../../common/domain';
import { App } from '../../../renderer/src/app/App';
import { mastodonLimitsOf } from '../../../renderer/src/features/compose/use-server-limits';
import { inProcessApp } from '../../support/in-process-app';

function mastodonAccount(id: string, limits: Account['limits']): Account {
  return {
    id,
    network: 'mastodon',
    handle: '@alice@example.social',
    displayName: 'Alice',
    avatarUrl: null,
    avatarImage: null,
    serverUrl: 'https://example.social/',
    tokenExpiresAt: null,
    refreshable: false,
    scopes: ['read', 'write'],
    status: 'connected',
    statusReason: null,
    connectedAt: '2026-11-27T10:00:00.000Z',
    lastRefreshedAt: null,
    limits,
    facts: {},
  };
}

describe("the composer counts Mastodon against the connected server's limits", () => {
  it('uses the server limit from /api/v2/instance instead of the default 500', async () => {
    const app = await inProcessApp({ accounts: [mastodonAccount('mastodon:example.social:1', { maxCharacters: 1000, charactersReservedPerUrl: 23, maxMediaAttachments: 4, imageSizeLimit: null })] });
    Object.defineProperty(window, 'spheres', { value: app.api satisfies SpheresApi, configurable: true });
    render(<App />);
    await userEvent.click(await screen.findByRole('checkbox', { name: '@alice@example.social on Mastodon' }));
    expect(await screen.findByText('Mastodon 0/1000')).toBeInTheDocument();
  });

  it('falls back to Mastodon’s default without a connected server', async () => {
    const app = await inProcessApp();
    Object.defineProperty(window, 'spheres', { value: app.api satisfies SpheresApi, configurable: true });
    render(<App />);
    await userEvent.click(await screen.findByRole('checkbox', { name: /Mastodon/ }));
    expect(await screen.findByText('Mastodon 0/500')).toBeInTheDocument();
  });

  it('with accounts on two servers the post must fit both', () => {
    expect(
      mastodonLimitsOf([
        mastodonAccount('mastodon:a:1', { maxCharacters: 1000, charactersReservedPerUrl: 23, maxMediaAttachments: 4, imageSizeLimit: null }),
        mastodonAccount('mastodon:b:1', { maxCharacters: 700, charactersReservedPerUrl: 30, maxMediaAttachments: 6, imageSizeLimit: 1 }),
      ]),
    ).toStrictEqual({ maxCharacters: 700, charactersReservedPerUrl: 30, maxMediaAttachments: 4, imageSizeLimit: 1 });
    expect(mastodonLimitsOf([])).toBeNull();
  });
});

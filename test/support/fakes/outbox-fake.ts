import { vi } from 'vitest';
import type { SpheresApi, SpheresError } from '../../../common/api';
import type { Account, AssistedKit, NetworkIdValue, OutboxChanged, OutboxEntry, OutboxTarget, Post } from '../../../common/domain';

/** A connected account as the accounts store holds it (no secrets). */
export function testAccount(network: Account['network'], handle: string, overrides: Partial<Account> = {}): Account {
  return {
    id: `${network}:${handle}`,
    network,
    handle,
    displayName: handle,
    avatarUrl: null,
    avatarImage: null,
    serverUrl: null,
    tokenExpiresAt: null,
    refreshable: true,
    scopes: [],
    status: 'connected',
    statusReason: null,
    connectedAt: '2026-11-27T10:00:00.000Z',
    lastRefreshedAt: null,
    limits: null,
    facts: {},
    ...overrides,
  };
}

const AT = '2026-12-01T09:00:00.000Z';

export function outboxTarget(overrides: Partial<OutboxTarget> = {}): OutboxTarget {
  return {
    network: 'bluesky',
    accountId: 'bluesky:@alice.test',
    handle: '@alice.test',
    state: 'queued',
    attempts: 0,
    nextAttemptAt: null,
    waiting: null,
    error: null,
    partsDone: 0,
    parts: 1,
    url: null,
    untouched: true,
    updatedAt: AT,
    ...overrides,
  };
}

export function outboxEntry(postId: string, overrides: Partial<OutboxEntry> = {}): OutboxEntry {
  return {
    postId,
    excerpt: `Post ${postId}`,
    tone: 'blend',
    planned: null,
    status: 'queued',
    targets: [outboxTarget()],
    updatedAt: AT,
    ...overrides,
  };
}

/** An error as window.spheres rejects with it. */
export function spheresError(code: string, message: string, details?: Record<string, unknown>): SpheresError {
  return { name: 'SpheresError', code, message, ...(details === undefined ? {} : { details }) } as SpheresError;
}

/** The entry the outbox would make of a saved post: its account targets, waiting. */
function entryOf(post: Post, status: OutboxEntry['status']): OutboxEntry {
  return outboxEntry(post.id, {
    excerpt: post.text.slice(0, 280),
    tone: post.tone,
    planned: post.planned,
    status,
    targets: post.targets.flatMap((target) =>
      target.accountId === undefined ? [] : [outboxTarget({ network: target.network, accountId: target.accountId, handle: target.accountId.split(':')[1] ?? '', waiting: status === 'scheduled' ? 'time' : null })],
    ),
  });
}

/**
 * The real core behind `window.spheres`, but an outbox the test controls: each `outbox.*` call is
 * recorded (a vi.fn), and the test sends `outbox.changed` itself. The outbox service is not part
 * of the renderer, and this keeps these tests about what the screens do with what it says.
 */
export function withFakeOutbox(api: SpheresApi, entries: OutboxEntry[] = []) {
  const listeners = new Set<(change: OutboxChanged) => void>();
  const outbox = {
    list: vi.fn(async () => structuredClone(entries)),
    postNow: vi.fn(async ({ id }: { id: string }) => entryOf(await api.posts.get({ id }), 'queued')),
    schedule: vi.fn(async ({ id }: { id: string }) => entryOf(await api.posts.get({ id }), 'scheduled')),
    retry: vi.fn(async ({ id }: { id: string }) => outboxEntry(id)),
    cancel: vi.fn(async ({ id }: { id: string }) => api.posts.get({ id })),
    mediaHostReady: vi.fn(async () => ({ ready: false })),
    assistedKit: vi.fn(async ({ postId, network }: { postId: string; network: NetworkIdValue }): Promise<AssistedKit> => {
      const post = await api.posts.get({ id: postId });
      const text = post.overrides[network] ?? post.text;
      return { postId, network, text, parts: [text], folder: null, images: [], composeUrl: 'https://www.facebook.com/' };
    }),
    openAssisted: vi.fn(async () => ({ opened: false, folder: null, composeUrl: 'https://www.facebook.com/' })),
    confirmAssisted: vi.fn(async ({ postId }: { postId: string }) => outboxEntry(postId, { status: 'published' })),
  };
  const on = ((event: string, listener: (payload: unknown) => void) => {
    if (event !== 'outbox.changed') return (api.on as (event: string, listener: (payload: unknown) => void) => () => void)(event, listener);
    const heard = listener as (change: OutboxChanged) => void;
    listeners.add(heard);
    return () => listeners.delete(heard);
  }) as SpheresApi['on'];
  const spheres = { ...api, outbox, on } as unknown as SpheresApi;
  return {
    spheres,
    outbox,
    emit(change: OutboxChanged): void {
      for (const listener of listeners) listener(change);
    },
  };
}

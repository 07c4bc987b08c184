import { describe, expect, it } from 'vitest';
import { expectOnlyOwnIntentChanged, snapshotWithIntents } from '../../support/outbox-disk';
import { ACCOUNT_STATUSES, CREATE_STATUS, mastodonWorldPerFile, statusesSince, type MastodonWorld } from './mastodon-harness';

const MINUTE = 60_000;

let world: MastodonWorld;
const openOutbox = mastodonWorldPerFile(
  (started) => (world = started),
  (started) => {
    started.proxy.release();
    started.fake.posting.rateLimitedUntil = null;
  },
);

/** A status made by the person in Mastodon's own app (straight to the server, at the fake's clock or `at`). */
async function postDirectly(text: string, options: { at?: number; inReplyToId?: string } = {}): Promise<void> {
  const now = world.clock.now;
  if (options.at !== undefined) world.clock.now = options.at;
  try {
    const response = await fetch(`${world.fake.origin}/api/v1/statuses`, {
      method: 'POST',
      headers: { authorization: `Bearer ${world.credentials.accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ status: text, visibility: 'public', ...(options.inReplyToId === undefined ? {} : { in_reply_to_id: options.inReplyToId }) }),
    });
    expect(response.status).toBe(200);
  } finally {
    world.clock.now = now;
  }
}

/** Idempotency-Key headers of the status creations that reached the server since `from`. */
function keysSent(from: number): unknown[] {
  return world.fake.requests.filter(CREATE_STATUS).slice(from).map((request) => request.headers['idempotency-key']);
}

describe('exactly once on Mastodon through faults, against a loopback fake of Mastodon written from docs.joinmastodon.org', () => {
  it('leaves exactly one status when the server committed and the answer was lost, and the retry within the hour resent the same Idempotency-Key', async () => {
    const outbox = await openOutbox();
    const text = 'Committed, answer lost, retried within the hour';
    const before = world.fake.posting.statuses.length;
    const creates = world.fake.requests.filter(CREATE_STATUS).length;
    const listings = world.fake.requests.filter(ACCOUNT_STATUSES).length;
    const queued = await outbox.enqueue([text]);
    const files = await snapshotWithIntents(outbox.dataDir);
    void world.proxy.inject({ kind: 'drop_response' }, CREATE_STATUS);
    expect(await outbox.engine.send(queued.id)).toMatchObject({ state: 'unknown', error: { kind: 'unknown', code: 'connection_lost' } });
    expect(world.fake.posting.countOf(text)).toBe(1);
    outbox.advance(5 * MINUTE);
    expect((await outbox.engine.sendDue()).map((intent) => intent.state)).toStrictEqual(['published']);
    expect(world.fake.posting.countOf(text)).toBe(1);
    const [status, ...others] = statusesSince(world, before);
    expect(others).toStrictEqual([]);
    expect(outbox.engine.get(queued.id)).toMatchObject({ attempts: 2, parts: [{ remote: { id: status!.id } }] });
    // Both sends carried the same key, so the server answered the status it had made.
    expect(keysSent(creates)).toStrictEqual([`${queued.idempotencyKey}-part-1`, `${queued.idempotencyKey}-part-1`]);
    expect(world.fake.requests.filter(ACCOUNT_STATUSES).length).toBe(listings);
    await expectOnlyOwnIntentChanged(files, outbox.dataDir, queued);
  });

  it('finds the status among the account\'s own when the retry comes after the server forgot the key, and does not post it again', async () => {
    const outbox = await openOutbox();
    const text = 'Committed, answer lost, retried two hours later with a link https://example.com/a/very/long/path/that/mastodon/shortens?x=1&y=2';
    // The same words posted a day earlier, and meanwhile as a reply: neither is mistaken for this post.
    await postDirectly(text, { at: world.clock.now - 24 * 60 * MINUTE });
    const before = world.fake.posting.statuses.length;
    const creates = world.fake.requests.filter(CREATE_STATUS).length;
    const queued = await outbox.enqueue([text]);
    const files = await snapshotWithIntents(outbox.dataDir);
    void world.proxy.inject({ kind: 'drop_response' }, CREATE_STATUS);
    expect((await outbox.engine.send(queued.id)).state).toBe('unknown');
    const [status] = statusesSince(world, before);
    await postDirectly(text, { inReplyToId: status!.id });
    outbox.advance(2 * 60 * MINUTE);
    expect((await outbox.engine.sendDue()).map((intent) => intent.state)).toStrictEqual(['published']);
    expect(world.fake.posting.countOf(text)).toBe(3);
    expect(statusesSince(world, before).map((made) => made.inReplyToId)).toStrictEqual([null, status!.id]);
    expect(outbox.engine.get(queued.id)?.parts[0]?.remote?.id).toBe(status!.id);
    // The outbox sent once (the person's own posts carry no key).
    expect(keysSent(creates).filter((key) => key !== undefined)).toStrictEqual([`${queued.idempotencyKey}-part-1`]);
    // Searched with the token, which has read:statuses (an account connected before it had the scope is searched without, its posts being public).
    const listing = world.fake.requests.filter(ACCOUNT_STATUSES).at(-1);
    expect(listing?.headers.authorization).toMatch(/^Bearer access-/);
    await expectOnlyOwnIntentChanged(files, outbox.dataDir, queued);
  });

  it('sends again after the key expired when the search shows the first send never arrived', async () => {
    const outbox = await openOutbox();
    const text = 'Reset before forwarding, retried two hours later';
    const queued = await outbox.enqueue([text]);
    const creates = world.fake.requests.filter(CREATE_STATUS).length;
    const listings = world.fake.requests.filter(ACCOUNT_STATUSES).length;
    void world.proxy.inject({ kind: 'reset' }, CREATE_STATUS);
    expect((await outbox.engine.send(queued.id)).state).toBe('unknown');
    expect(world.fake.posting.countOf(text)).toBe(0);
    outbox.advance(2 * 60 * MINUTE);
    await outbox.engine.sendDue();
    expect(outbox.engine.get(queued.id)).toMatchObject({ state: 'published', attempts: 2 });
    expect(world.fake.posting.countOf(text)).toBe(1);
    expect(world.fake.requests.filter(ACCOUNT_STATUSES).length - listings).toBe(1);
    expect(keysSent(creates)).toStrictEqual([`${queued.idempotencyKey}-part-1`]);
  });

  it('publishes once after a connection reset before the request reached the server', async () => {
    const outbox = await openOutbox();
    const text = 'Reset before forwarding';
    const queued = await outbox.enqueue([text]);
    const files = await snapshotWithIntents(outbox.dataDir);
    void world.proxy.inject({ kind: 'reset' }, CREATE_STATUS);
    expect(await outbox.engine.send(queued.id)).toMatchObject({ state: 'unknown', error: { code: 'connection_lost' } });
    expect(world.fake.posting.countOf(text)).toBe(0);
    outbox.advance(MINUTE);
    await outbox.engine.sendDue();
    expect(outbox.engine.get(queued.id)).toMatchObject({ state: 'published', attempts: 2 });
    expect(world.fake.posting.countOf(text)).toBe(1);
    await expectOnlyOwnIntentChanged(files, outbox.dataDir, queued);
  });

  it('leaves exactly one status when the request timed out after the server committed', async () => {
    const outbox = await openOutbox({ timeoutMs: 1_000 });
    const text = 'Timed out after commit';
    const queued = await outbox.enqueue([text]);
    const held = world.proxy.inject({ kind: 'hang' }, CREATE_STATUS);
    expect(await outbox.engine.send(queued.id)).toMatchObject({ state: 'unknown', error: { code: 'timed_out' } });
    await held;
    outbox.advance(MINUTE);
    await outbox.engine.sendDue();
    expect(outbox.engine.get(queued.id)?.state).toBe('published');
    expect(world.fake.posting.countOf(text)).toBe(1);
  });

  it('publishes once after a 503', async () => {
    const outbox = await openOutbox();
    const text = 'After a 503';
    const queued = await outbox.enqueue([text]);
    const files = await snapshotWithIntents(outbox.dataDir);
    void world.proxy.inject({ kind: 'status', status: 503 }, CREATE_STATUS);
    expect(await outbox.engine.send(queued.id)).toMatchObject({ state: 'failed_retryable', error: { kind: 'retryable', code: 'server_error' } });
    expect(world.fake.posting.countOf(text)).toBe(0);
    outbox.advance(MINUTE);
    await outbox.engine.sendDue();
    expect(outbox.engine.get(queued.id)).toMatchObject({ state: 'published', attempts: 2 });
    expect(world.fake.posting.countOf(text)).toBe(1);
    await expectOnlyOwnIntentChanged(files, outbox.dataDir, queued);
  });

  it('waits until the X-RateLimit-Reset time Mastodon names after a 429, then publishes once', async () => {
    const outbox = await openOutbox();
    const text = 'After a 429 with a reset time';
    const queued = await outbox.enqueue([text]);
    const files = await snapshotWithIntents(outbox.dataDir);
    world.fake.posting.rateLimitedUntil = world.clock.now + 10 * MINUTE;
    const limited = await outbox.engine.send(queued.id);
    expect(limited).toMatchObject({ state: 'failed_retryable', error: { kind: 'retryable', code: 'rate_limited' } });
    expect(Date.parse(limited.nextAttemptAt!)).toBe(world.fake.posting.rateLimitedUntil);
    expect(world.fake.posting.countOf(text)).toBe(0);
    outbox.advance(5 * MINUTE);
    expect(await outbox.engine.sendDue()).toStrictEqual([]);
    outbox.advance(5 * MINUTE);
    await outbox.engine.sendDue();
    expect(outbox.engine.get(queued.id)).toMatchObject({ state: 'published', attempts: 2 });
    expect(world.fake.posting.countOf(text)).toBe(1);
    await expectOnlyOwnIntentChanged(files, outbox.dataDir, queued);
  });

  it('waits as long as a 429\'s Retry-After asks', async () => {
    const outbox = await openOutbox();
    const queued = await outbox.enqueue(['After a 429 with Retry-After']);
    void world.proxy.inject({ kind: 'rate_limit', retryAfterSeconds: 600 }, CREATE_STATUS);
    const limited = await outbox.engine.send(queued.id);
    expect(limited).toMatchObject({ state: 'failed_retryable', error: { code: 'rate_limited' } });
    expect(Date.parse(limited.nextAttemptAt!) - Date.parse(limited.updatedAt)).toBe(600_000);
  });

  it('resumes a thread that failed at part 3 from part 3, posting each part once and keeping the reply chain', async () => {
    const outbox = await openOutbox();
    const parts = ['Resumed thread 1/5', 'Resumed thread 2/5', 'Resumed thread 3/5', 'Resumed thread 4/5', 'Resumed thread 5/5'];
    const before = world.fake.posting.statuses.length;
    const creates = world.fake.requests.filter(CREATE_STATUS).length;
    const queued = await outbox.enqueue(parts);
    const files = await snapshotWithIntents(outbox.dataDir);
    let seen = 0;
    void world.proxy.inject({ kind: 'status', status: 502 }, (request) => CREATE_STATUS(request) && ++seen === 3);
    const failed = await outbox.engine.send(queued.id);
    expect(failed).toMatchObject({ state: 'failed_retryable', error: { code: 'server_error' } });
    expect(failed.parts.map((part) => part.remote !== null)).toStrictEqual([true, true, false, false, false]);
    expect(statusesSince(world, before).map((status) => status.text)).toStrictEqual(parts.slice(0, 2));
    outbox.advance(MINUTE);
    await outbox.engine.sendDue();
    expect(outbox.engine.get(queued.id)?.state).toBe('published');
    const statuses = statusesSince(world, before);
    expect(statuses.map((status) => status.text)).toStrictEqual(parts);
    for (const part of parts) expect(world.fake.posting.countOf(part)).toBe(1);
    expect(statuses.map((status) => status.inReplyToId)).toStrictEqual([null, ...statuses.slice(0, 4).map((status) => status.id)]);
    // Parts 1 and 2 once; part 3 (refused by the proxy, never forwarded), 4 and 5 once after the resume.
    expect(keysSent(creates)).toStrictEqual([1, 2, 3, 4, 5].map((n) => `${queued.idempotencyKey}-part-${n}`));
    await expectOnlyOwnIntentChanged(files, outbox.dataDir, queued);
  });

  it('ends a post Mastodon refuses (422) as failed for good, with the server\'s reason, and posts nothing', async () => {
    const outbox = await openOutbox();
    const text = 'y'.repeat(501);
    const queued = await outbox.enqueue([text]);
    const files = await snapshotWithIntents(outbox.dataDir);
    const sent = await outbox.engine.send(queued.id);
    expect(sent).toMatchObject({
      state: 'failed_permanent',
      nextAttemptAt: null,
      error: { kind: 'permanent', code: 'rejected', message: 'Mastodon refused the post: Validation failed: Text character limit of 500 exceeded (HTTP 422).' },
    });
    expect(world.fake.posting.countOf(text)).toBe(0);
    await expectOnlyOwnIntentChanged(files, outbox.dataDir, queued);
  });

  it('lets the post wait for a reconnect when Mastodon no longer accepts the token', async () => {
    const outbox = await openOutbox();
    const text = 'Signed out';
    const queued = await outbox.enqueue([text]);
    const token = world.credentials.accessToken;
    world.fake.authority.revoke(token);
    try {
      expect(await outbox.engine.send(queued.id)).toMatchObject({ state: 'failed_retryable', nextAttemptAt: null, error: { kind: 'reconnect', code: 'reconnect_needed' } });
    } finally {
      world.credentials = { ...world.credentials, accessToken: world.fake.issueToken(world.credentials.scopes ?? []) };
    }
    expect(world.fake.posting.countOf(text)).toBe(0);
  });
});

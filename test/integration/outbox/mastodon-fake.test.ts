import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMastodonFake, type MastodonFake } from '../../support/fakes/mastodon-fake';

/** The fake itself answers as docs.joinmastodon.org says Mastodon does: the outbox tests rely on it. */
let fake: MastodonFake;
const clock = { now: Date.parse('2025-03-10T09:00:00.000Z') };
let token: string;

beforeAll(async () => {
  fake = await startMastodonFake({ now: () => clock.now, statuses: { max_characters: 500 }, mediaPolls: 1 });
  token = fake.issueToken(['read:accounts', 'write:statuses', 'write:media']);
});
afterAll(async () => {
  await fake?.close();
});

async function post(body: Record<string, unknown>, key?: string): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`${fake.origin}/api/v1/statuses`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...(key === undefined ? {} : { 'idempotency-key': key }) },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

describe('the loopback fake of Mastodon written from docs.joinmastodon.org', () => {
  it('answers a repeated Idempotency-Key with the status it made, for one hour from then', async () => {
    const first = await post({ status: 'Kept for an hour' }, 'key-1');
    clock.now += 59 * 60_000;
    const again = await post({ status: 'Kept for an hour' }, 'key-1');
    expect(again).toStrictEqual(first);
    expect(fake.posting.countOf('Kept for an hour')).toBe(1);
    clock.now += 2 * 60_000;
    const late = await post({ status: 'Kept for an hour' }, 'key-1');
    expect(late.json['id']).not.toBe(first.json['id']);
    expect(fake.posting.countOf('Kept for an hour')).toBe(2);
  });

  it('refuses a reply to a status that does not exist (404), and counts the content warning in the 500 characters', async () => {
    expect(await post({ status: 'A reply', in_reply_to_id: '1' })).toStrictEqual({ status: 404, json: { error: 'The post you are trying to reply to does not appear to exist.' } });
    expect((await post({ status: 'x'.repeat(490), spoiler_text: 'ten chars!' })).status).toBe(200);
    expect(await post({ status: 'x'.repeat(490), spoiler_text: 'eleven char' })).toStrictEqual({ status: 422, json: { error: 'Validation failed: Text character limit of 500 exceeded' } });
  });

  it('answers 202 for a new upload, 206 while it is processed, then 200, and refuses to attach it before', async () => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array([137, 80, 78, 71])], { type: 'image/png' }), 'a.png');
    form.append('description', 'Alt text');
    const created = await fetch(`${fake.origin}/api/v2/media`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
    const media = (await created.json()) as { id: string; url: string | null; description: string };
    expect([created.status, media.url, media.description]).toStrictEqual([202, null, 'Alt text']);
    expect((await post({ status: 'Too early', media_ids: [media.id] })).status).toBe(422);
    const check = () => fetch(`${fake.origin}/api/v1/media/${media.id}`, { headers: { authorization: `Bearer ${token}` } }).then((response) => response.status);
    expect([await check(), await check()]).toStrictEqual([206, 200]);
    expect((await post({ status: 'In time', media_ids: [media.id] })).status).toBe(200);
    expect(await check()).toBe(404);
  });
});

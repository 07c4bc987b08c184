import { describe, expect, it } from 'vitest';
import { idempotencyKeyOf, MastodonPublisher, timeOfKey } from '../../../electron/core/outbox/publishers/mastodon';
import { mastodonHttpFailure, mastodonWaitMs } from '../../../electron/core/outbox/publishers/mastodon-failure';
import { contentShowsText, plainTextOfContent } from '../../../electron/core/outbox/publishers/mastodon-text';
import { statusHtml } from '../../support/fakes/mastodon-statuses';

const NOW = new Date('2025-03-10T09:00:00.000Z');
const headers = (values: Record<string, string>) => ({ get: (name: string) => values[name.toLowerCase()] ?? null });

describe('finding a Mastodon part by the text its content shows', () => {
  it('reads paragraphs, line breaks, escaped characters and shortened links back as the text', () => {
    const html =
      '<p>Grüße &amp; &lt;tags&gt; &quot;quoted&quot; it&#39;s</p><p>line one<br />line two <a href="https://example.com/a/very/long/path/that/mastodon/shortens"><span class="invisible">https://</span><span class="ellipsis">example.com/a/very/long/path/t</span><span class="invisible">hat/mastodon/shortens</span></a></p>';
    expect(plainTextOfContent(html)).toBe('Grüße & <tags> "quoted" it\'s\n\nline one\nline two https://example.com/a/very/long/path/that/mastodon/shortens');
    expect(contentShowsText(html, 'Grüße & <tags> "quoted" it\'s\n\n\nline one\nline two https://example.com/a/very/long/path/that/mastodon/shortens')).toBe(true);
  });

  it('matches a remote mention shown as its user name alone, and not a different text', () => {
    const html = '<p>Hi <span class="h-card"><a href="https://other.example/@bob" class="u-url mention">@<span>bob</span></a></span> and #tags</p>';
    expect(contentShowsText(html, 'Hi @bob@other.example and #tags')).toBe(true);
    expect(contentShowsText(html, 'Hi @bob@other.example and #tag')).toBe(false);
  });

  it('agrees with the fake\'s rendering of the texts the tests post', () => {
    const text = 'A post with a link https://example.com/spheres?x=1&y=2\nand a second line\n\nand a paragraph <b>not bold</b>';
    expect(contentShowsText(statusHtml(text), text)).toBe(true);
  });
});

describe('what a Mastodon answer means for the post', () => {
  it('is permanent with the server\'s reason for a 422, and for a reply whose parent is gone (404)', () => {
    expect(mastodonHttpFailure(422, headers({}), { error: 'Validation failed: Text character limit of 500 exceeded' }, NOW)).toMatchObject({
      kind: 'permanent',
      code: 'rejected',
      message: 'Mastodon refused the post: Validation failed: Text character limit of 500 exceeded (HTTP 422).',
    });
    expect(mastodonHttpFailure(404, headers({}), { error: 'The post you are trying to reply to does not appear to exist.' }, NOW)).toMatchObject({ kind: 'permanent', status: 404 });
  });

  it('waits until X-RateLimit-Reset (an ISO time) after a 429, and prefers Retry-After when both are given', () => {
    const reset = headers({ 'x-ratelimit-reset': '2025-03-10T09:05:00.000Z' });
    expect(mastodonWaitMs(reset, NOW)).toBe(5 * 60_000);
    expect(mastodonHttpFailure(429, reset, { error: 'Too many requests' }, NOW)).toMatchObject({ kind: 'retryable', code: 'rate_limited', retryAfterMs: 300_000 });
    expect(mastodonWaitMs(headers({ 'x-ratelimit-reset': '2025-03-10T09:05:00.000Z', 'retry-after': '30' }), NOW)).toBe(30_000);
    expect(mastodonWaitMs(headers({ 'x-ratelimit-reset': 'soon' }), NOW)).toBeNull();
  });

  it('asks for a reconnect after a 401 and tries again after a 5xx', () => {
    expect(mastodonHttpFailure(401, headers({}), { error: 'The access token is invalid' }, NOW)).toMatchObject({ kind: 'reconnect', code: 'reconnect_needed' });
    expect(mastodonHttpFailure(502, headers({}), null, NOW)).toMatchObject({ kind: 'retryable', code: 'server_error' });
  });
});

describe('Mastodon record keys and Idempotency-Keys', () => {
  it('gives every part its own Idempotency-Key, the same on every retry', () => {
    expect(idempotencyKeyOf({ idempotencyKey: 'abc-123', index: 0 })).toBe('abc-123-part-1');
    expect(idempotencyKeyOf({ idempotencyKey: 'abc-123', index: 2 })).toBe('abc-123-part-3');
  });

  it('records in each key when it was chosen, which bounds how long the server may still know it', () => {
    const publisher = new MastodonPublisher({ now: () => NOW, serverOf: async () => 'https://mastodon.example' });
    const key = publisher.newKey();
    expect(timeOfKey(key)).toStrictEqual(NOW);
    expect(publisher.newKey()).not.toBe(key);
    expect(timeOfKey('3jzfcijpj2z2a')).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { duplicateOf, linkedinHttpFailure } from '../../../electron/core/outbox/publishers/linkedin-failure';

const NOW = new Date('2026-11-02T09:00:00.000Z');
const headers = (values: Record<string, string>) => ({ get: (name: string) => values[name.toLowerCase()] ?? null });

/** The answer as LinkedIn sends it (quoted in https://github.com/Arisamiga/Linkedin-RSS/issues/5). */
const DUPLICATE = {
  errorDetailType: 'com.linkedin.common.error.BadRequest',
  message: 'com.linkedin.content.common.exception.BadRequestResponseException: Content is a duplicate of urn:li:share:7141138937766391808',
  errorDetails: { inputErrors: [{ description: 'Duplicate post is detected', input: {}, code: 'DUPLICATE_POST' }] },
  status: 422,
};

describe('what a LinkedIn answer means for the post', () => {
  it('reads a 422 DUPLICATE_POST as the post already there, with its link', () => {
    expect(duplicateOf(422, DUPLICATE)).toStrictEqual({
      id: 'urn:li:share:7141138937766391808',
      url: 'https://www.linkedin.com/feed/update/urn:li:share:7141138937766391808/',
    });
  });

  it('does not read any other 422 as a duplicate, even one whose message names a post', () => {
    const other = { ...DUPLICATE, errorDetails: { inputErrors: [{ description: 'Invalid media', input: {}, code: 'INVALID_CONTENT_MEDIA' }] } };
    expect(duplicateOf(422, other)).toBeNull();
    expect(duplicateOf(400, DUPLICATE)).toBeNull();
    expect(duplicateOf(422, null)).toBeNull();
  });

  it('leaves the post unknown when LinkedIn says duplicate but names no post', () => {
    expect(() => duplicateOf(422, { ...DUPLICATE, message: 'Content is a duplicate' })).toThrow(expect.objectContaining({ kind: 'unknown' }));
  });

  it('is permanent with LinkedIn\'s reason (without its Java class names) for another 4xx', () => {
    const refused = linkedinHttpFailure(422, headers({}), { ...DUPLICATE, message: 'com.linkedin.x.SomeException: Image urn:li:image:1 is not available', errorDetails: {} }, NOW);
    expect(refused).toMatchObject({ kind: 'permanent', code: 'rejected', message: 'LinkedIn refused the post: Image urn:li:image:1 is not available (HTTP 422).' });
    expect(linkedinHttpFailure(400, headers({}), { status: 400, message: 'A version must be present.', code: 'VERSION_MISSING' }, NOW)).toMatchObject({ kind: 'permanent', status: 400 });
  });

  it('waits as long as Retry-After asks after a 429, asks for a reconnect after a 401 and tries again after a 5xx', () => {
    expect(linkedinHttpFailure(429, headers({ 'retry-after': '120' }), { status: 429, message: 'Resource level throttle' }, NOW)).toMatchObject({ kind: 'retryable', code: 'rate_limited', retryAfterMs: 120_000 });
    expect(linkedinHttpFailure(401, headers({}), { status: 401, message: 'Invalid access token' }, NOW)).toMatchObject({ kind: 'reconnect', code: 'reconnect_needed' });
    expect(linkedinHttpFailure(503, headers({}), null, NOW)).toMatchObject({ kind: 'retryable', code: 'server_error' });
  });
});

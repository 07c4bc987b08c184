import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { LinkedInPublisher } from '../../../electron/core/outbox/publishers/linkedin';
import { tinyPng } from '../../support/images';

/** A stand-in for fetch that answers initializeUpload with `uploadUrl` and records every request. */
function scriptedFetch(uploadUrl: string) {
  const seen: { url: string; method: string; authorization: string | undefined }[] = [];
  const fetchStub: typeof fetch = async (input, init) => {
    const headers = new Headers(init?.headers);
    seen.push({ url: String(input), method: init?.method ?? 'GET', authorization: headers.get('authorization') ?? undefined });
    const url = String(input);
    if (url.includes('/rest/images')) return Response.json({ value: { uploadUrl, image: 'urn:li:image:D4Eabc' } });
    if (init?.method === 'PUT') return new Response(null, { status: 201 });
    return new Response(null, { status: 201, headers: { 'x-restli-id': 'urn:li:share:7300000000000000001' } });
  };
  return { seen, fetchStub };
}

async function postWithImage(uploadUrl: string) {
  const { seen, fetchStub } = scriptedFetch(uploadUrl);
  const png = tinyPng();
  const mediaId = createHash('sha256').update(png).digest('hex');
  const publisher = new LinkedInPublisher({ now: () => new Date('2026-11-02T09:00:00.000Z'), authorOf: async () => 'urn:li:person:abc', fetch: fetchStub, readMedia: async () => png });
  const ref = await publisher.sendPart({
    accountId: 'linkedin:abc',
    credentials: { accessToken: 'secret-token' },
    text: 'With an image',
    index: 0,
    key: '1793610000000-0011223344556677',
    done: [],
    idempotencyKey: 'target',
    extras: { contentWarning: '', media: [{ mediaId, mime: 'image/png', bytes: png.length, altText: 'alt' }] },
  });
  return { seen, ref };
}

describe('the LinkedIn token and image upload addresses', () => {
  it('sends the token with the upload only to LinkedIn itself', async () => {
    const { seen, ref } = await postWithImage('https://www.linkedin.com/dms-uploads/sp/abc/feedshare-uploadedImage/0');
    expect(seen.map((request) => [request.method, request.authorization])).toStrictEqual([
      ['POST', 'Bearer secret-token'],
      ['PUT', 'Bearer secret-token'],
      ['POST', 'Bearer secret-token'],
    ]);
    expect(ref.id).toBe('urn:li:share:7300000000000000001');
  });

  it('never sends the token to an upload address elsewhere, or to LinkedIn without https', async () => {
    for (const elsewhere of ['https://uploads.example.com/x', 'https://www.linkedin.com.example.com/x', 'http://www.linkedin.com/dms-uploads/x']) {
      const { seen } = await postWithImage(elsewhere);
      expect(seen.find((request) => request.method === 'PUT')).toMatchObject({ url: elsewhere, authorization: undefined });
    }
  });
});

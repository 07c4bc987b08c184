import { describe, expect, it } from 'vitest';
import { fetchLinkCard, type LinkCardLimits } from '../../../electron/core/outbox/publishers/link-card';
import { readPageSummary } from '../../../electron/core/outbox/publishers/open-graph';
import { tinyPng } from '../../support/images';

const LIMITS: LinkCardLimits = { deadlineMs: 5_000, maxHtmlBytes: 2_000, maxImageBytes: 1_000 };

type Page = { status?: number; type: string; body: string | Uint8Array; url?: string };

/** A fetch port answering from a table; records what was asked. */
function site(pages: Record<string, Page>) {
  const asked: string[] = [];
  const fetch = (async (input: string | URL | Request) => {
    const url = input instanceof URL ? input.href : typeof input === 'string' ? input : input.url;
    asked.push(url);
    const page = pages[url];
    if (page === undefined) return new Response('not found', { status: 404 });
    const response = new Response(page.body, { status: page.status ?? 200, headers: { 'content-type': page.type } });
    if (page.url !== undefined) Object.defineProperty(response, 'url', { value: page.url });
    return response;
  }) as typeof globalThis.fetch;
  return { fetch, asked };
}

describe('reading a page\'s title, description and image for a link card', () => {
  it('prefers Open Graph, reads attributes in any order and quoting, and decodes entities', () => {
    const html = `<html><head><title>Fallback title</title>
      <meta name=description content="Plain description">
      <META CONTENT='Ærø &amp; "Fanø"' PROPERTY='og:title'>
      <meta property="og:description" content="Islands   of
        Denmark">
      <meta property="og:image" content="/img/a.png?x=1&amp;y=2">
      </head><body></body></html>`;
    expect(readPageSummary(html)).toStrictEqual({ title: 'Ærø & "Fanø"', description: 'Islands of Denmark', image: '/img/a.png?x=1&y=2' });
  });

  it('falls back to Twitter tags, the description meta and the <title>, and takes the first value of each', () => {
    const html = '<head><title>The &lt;title&gt;</title><meta name="twitter:image" content="https://cdn.example/t.jpg"><meta name="description" content="First"><meta name="description" content="Second"></head>';
    expect(readPageSummary(html)).toStrictEqual({ title: 'The <title>', description: 'First', image: 'https://cdn.example/t.jpg' });
  });

  it('ignores tags in comments, scripts and the body', () => {
    const html = `<head><!-- <meta property="og:title" content="commented"> -->
      <script>document.write('<meta property="og:title" content="scripted">')</script>
      <title>Real</title></head><body><meta property="og:title" content="in the body"></body>`;
    expect(readPageSummary(html)).toStrictEqual({ title: 'Real', description: '', image: null });
  });

  it('shortens a very long title with an ellipsis, without splitting a character', () => {
    const title = '🌍'.repeat(400);
    expect(Array.from(readPageSummary(`<meta property="og:title" content="${title}">`).title)).toHaveLength(300);
    expect(readPageSummary(`<meta property="og:title" content="${title}">`).title.endsWith('🌍…')).toBe(true);
  });
});

describe('fetching a link card through the fetch port', () => {
  it('makes a card with the image resolved against the page\'s final address', async () => {
    const thumb = tinyPng({ width: 2, height: 2 });
    const { fetch, asked } = site({
      'https://a.example/post': { type: 'text/html', body: '<meta property="og:title" content="T"><meta property="og:image" content="pic.png">', url: 'https://b.example/moved/post' },
      'https://b.example/moved/pic.png': { type: 'image/png', body: thumb },
    });
    const card = await fetchLinkCard('https://a.example/post', fetch, LIMITS);
    expect(card).toStrictEqual({ uri: 'https://a.example/post', title: 'T', description: '', thumb: { bytes: new Uint8Array(thumb), mime: 'image/png' } });
    expect(asked).toStrictEqual(['https://a.example/post', 'https://b.example/moved/pic.png']);
  });

  it('keeps the card but drops an image over the size cap, or one that is not an image', async () => {
    const page = (image: string) => ({ type: 'text/html', body: `<meta property="og:title" content="T"><meta property="og:image" content="${image}">` });
    const { fetch } = site({
      'https://a.example/big': page('https://a.example/big.png'),
      'https://a.example/big.png': { type: 'image/png', body: new Uint8Array(1_001) },
      'https://a.example/fake': page('https://a.example/fake.png'),
      'https://a.example/fake.png': { type: 'image/png', body: 'not an image at all' },
      'https://a.example/gone': page('https://a.example/gone.png'),
    });
    for (const name of ['big', 'fake', 'gone']) {
      expect(await fetchLinkCard(`https://a.example/${name}`, fetch, LIMITS)).toStrictEqual({ uri: `https://a.example/${name}`, title: 'T', description: '', thumb: null });
    }
  });

  it('reads no more of a page than the cap: tags past it do not count', async () => {
    const html = `<meta property="og:title" content="Early">${' '.repeat(3_000)}<meta property="og:description" content="Too late">`;
    const { fetch } = site({ 'https://a.example/long': { type: 'text/html; charset=utf-8', body: html } });
    expect(await fetchLinkCard('https://a.example/long', fetch, LIMITS)).toMatchObject({ title: 'Early', description: '' });
  });

  it('stops reading a page that never ends at the cap, and still makes the card from its start', async () => {
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new TextEncoder().encode(pulled === 1 ? '<meta property="og:title" content="Endless">' : ' '.repeat(500)));
      },
    });
    const fetch = (async () => new Response(endless, { headers: { 'content-type': 'text/html' } })) as typeof globalThis.fetch;
    expect(await fetchLinkCard('https://a.example/endless', fetch, LIMITS)).toMatchObject({ title: 'Endless' });
    // 2,000 bytes of cap: the first chunk and four of 500, then one more to see the cap passed.
    expect(pulled).toBeLessThanOrEqual(7);
  });

  it('gives no card for a page that is not HTML, an error page, a page with nothing to show, or an address that is not http(s)', async () => {
    const { fetch, asked } = site({
      'https://a.example/data.json': { type: 'application/json', body: '{"og:title":"x"}' },
      'https://a.example/error': { status: 500, type: 'text/html', body: '<meta property="og:title" content="Error page">' },
      'https://a.example/empty': { type: 'text/html', body: '<p>No head at all</p>' },
    });
    for (const uri of ['https://a.example/data.json', 'https://a.example/error', 'https://a.example/empty', 'file:///etc/passwd', 'ftp://a.example/x', 'not a url']) {
      expect(await fetchLinkCard(uri, fetch, LIMITS)).toBeNull();
    }
    expect(asked).toStrictEqual(['https://a.example/data.json', 'https://a.example/error', 'https://a.example/empty']);
  });

  it('gives no card, rather than failing, when the fetch itself throws', async () => {
    const failing = (async () => {
      throw new TypeError('fetch failed');
    }) as typeof globalThis.fetch;
    expect(await fetchLinkCard('https://a.example/', failing, LIMITS)).toBeNull();
  });

  it('decodes a page in the charset its content type names', async () => {
    const latin1 = Uint8Array.from(Buffer.from('<meta property="og:title" content="Smørrebrød">', 'latin1'));
    const { fetch } = site({ 'https://a.example/dk': { type: 'text/html; charset=ISO-8859-1', body: latin1 } });
    expect(await fetchLinkCard('https://a.example/dk', fetch, LIMITS)).toMatchObject({ title: 'Smørrebrød' });
  });
});

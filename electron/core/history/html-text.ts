/*
 * A post's HTML (Mastodon writes `<p>…</p>`, `<br>`, `<a href>` and mention/hashtag spans; see
 * https://docs.joinmastodon.org/spec/activitypub/#sanitization) as the plain text the person wrote:
 * paragraphs become blank lines, `<br>` a line break, a link its visible text (Mastodon shows a
 * shortened address in the link and hides the rest in an `invisible` span, so the href is used when
 * the text is a shortened form of it), entities decoded. No tag survives.
 */

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', hellip: '…', mdash: '—', ndash: '–' };

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? Number.parseInt(body.slice(2), 16) : Number.parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED[body.toLowerCase()] ?? whole;
  });
}

export function htmlToText(html: string): string {
  let text = html
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<a\b[^>]*?href\s*=\s*"([^"]*)"[^>]*>([\s\S]*?)<\/a\s*>/gi, (_whole, href: string, inner: string) => linkText(decodeEntities(href), inner))
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/p\s*>\s*<p\b[^>]*>/gi, '\n\n')
    .replace(/<\/?(p|div|blockquote|li|ul|ol|h[1-6])\b[^>]*>/gi, (tag) => (tag.startsWith('</') ? '\n' : ''))
    .replace(/<[^>]*>/g, '');
  text = decodeEntities(text);
  return text
    .replace(/\u00a0/g, ' ')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function linkText(href: string, inner: string): string {
  const visible = decodeEntities(inner.replace(/<[^>]*>/g, '')).trim();
  // A mention or a hashtag shows as itself; a link whose visible text is its own address, shortened, shows the whole address.
  if (visible.startsWith('@') || visible.startsWith('#')) return visible;
  const bare = href.replace(/^https?:\/\//, '');
  const shown = visible.replace(/^https?:\/\//, '').replace(/…$/, '');
  if (shown.length > 0 && bare.startsWith(shown)) return href;
  return visible.length > 0 ? visible : href;
}

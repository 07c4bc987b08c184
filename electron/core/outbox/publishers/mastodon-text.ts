/**
 * Texts compared the way Mastodon shows them, for finding a part among the account's statuses.
 * A status's `content` is HTML made from the text (https://docs.joinmastodon.org/entities/Status/#content):
 * paragraphs in <p>, line breaks as <br />, a link's scheme and tail in invisible spans (the whole
 * URL is still in the text), a remote mention shown as its user name alone (`@bob` for
 * `@bob@other.example`). Whitespace is not compared: blank lines become paragraph breaks.
 */

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X')) return safeCodePoint(Number.parseInt(name.slice(2), 16), whole);
    if (name.startsWith('#')) return safeCodePoint(Number.parseInt(name.slice(1), 10), whole);
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

function safeCodePoint(code: number, fallback: string): string {
  return Number.isInteger(code) && code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : fallback;
}

/** The plain text of a status's HTML `content`. */
export function plainTextOfContent(html: string): string {
  const withBreaks = html.replace(/<br\s*\/?>/gi, '\n').replace(/<\/p>\s*<p[^>]*>/gi, '\n\n');
  return decodeEntities(withBreaks.replace(/<[^>]*>/g, ''));
}

/** The form both sides are compared in: mentions without their server, whitespace collapsed. */
export function comparableText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/(^|[^\p{L}\p{N}_/])@([\p{L}\p{N}_]+(?:[.-][\p{L}\p{N}_]+)*)@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu, '$1@$2')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Whether a status's `content` shows this text (the part as Spheres sent it). */
export function contentShowsText(contentHtml: string, text: string): boolean {
  return comparableText(plainTextOfContent(contentHtml)) === comparableText(text);
}

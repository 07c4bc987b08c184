/**
 * A short fingerprint of a base text, stored with each per-network override (`overrideBases`) so
 * the composer can tell, even after a restart, that the base changed since the override was
 * written. cyrb53 (public domain, https://github.com/bryc/code/blob/master/jshash/experimental/cyrb53.js):
 * 53 bits, fast on a megabyte, and stable, because stored values are compared with new ones.
 * Not a security hash: a collision only hides a "may be stale" notice.
 */
export function baseTextHash(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0');
}

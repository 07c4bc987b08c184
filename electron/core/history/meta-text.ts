/*
 * Meta's "Download your information" JSON (Facebook, Instagram, Threads) writes every byte of a
 * UTF-8 string as its own `\u00XX` escape, so "ø" (bytes C3 B8) arrives as the two characters "Ã¸"
 * and an emoji as four. The repair reads the string's code units back as those bytes and decodes
 * them as UTF-8. Described with examples in https://apparebit.github.io/deface/ ("Motivation") and
 * https://github.com/apparebit/deface (which fixes `posts/your_posts_1.json` the same way).
 */

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The text as the person wrote it. Left exactly as it is when it cannot be Meta's mojibake: a code
 * unit above 0xFF (already real Unicode, like "ø" written correctly next to "€"), or bytes that are
 * not valid UTF-8 (a Latin-1 "ø" alone is byte F8, which no UTF-8 sequence starts with).
 */
export function repairMetaText(text: string): string {
  let allAscii = true;
  for (let index = 0; index < text.length; index++) {
    const unit = text.charCodeAt(index);
    if (unit > 0xff) return text;
    if (unit > 0x7f) allAscii = false;
  }
  if (allAscii) return text;
  const bytes = new Uint8Array(text.length);
  for (let index = 0; index < text.length; index++) bytes[index] = text.charCodeAt(index);
  try {
    return utf8.decode(bytes);
  } catch {
    return text;
  }
}

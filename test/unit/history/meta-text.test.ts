import { describe, expect, it } from 'vitest';
import { repairMetaText } from '../../../electron/core/history/meta-text';

/** What Meta's export does to a string: every UTF-8 byte becomes its own character. */
const mojibake = (text: string): string => String.fromCharCode(...new TextEncoder().encode(text));

describe("repairing Meta's mojibake", () => {
  it('gives back the Danish letters æ ø å Æ Ø Å', () => {
    expect(mojibake('æ ø å Æ Ø Å')).toBe('Ã¦ Ã¸ Ã¥ Ã\u0086 Ã\u0098 Ã\u0085');
    expect(repairMetaText(mojibake('æ ø å Æ Ø Å'))).toBe('æ ø å Æ Ø Å');
  });

  it('gives back emoji written as four bytes, and joined emoji', () => {
    expect(repairMetaText(mojibake('Sommer 🌞 med familien 👨‍👩‍👧'))).toBe('Sommer 🌞 med familien 👨‍👩‍👧');
  });

  it('repairs text that mixes plain ASCII, Danish and emoji, and parses from the escaped JSON Meta writes', () => {
    const json = String.raw`{"title":"Bl\u00c3\u00a5b\u00c3\u00a6r p\u00c3\u00a5 \u00c3\u0086r\u00c3\u00b8 \u00f0\u009f\u00ab\u0090 (100% ok)"}`;
    expect(repairMetaText((JSON.parse(json) as { title: string }).title)).toBe('Blåbær på Ærø 🫐 (100% ok)');
  });

  it('leaves plain ASCII as it is', () => {
    expect(repairMetaText('Hello, world! #tbt')).toBe('Hello, world! #tbt');
  });

  it('leaves text that is already correct Unicode alone when it holds a character above U+00FF', () => {
    // "Ã" next to "€" cannot be Meta's bytes: "€" is not a byte.
    expect(repairMetaText('Prisen er 5 € for Ã¸l')).toBe('Prisen er 5 € for Ã¸l');
    expect(repairMetaText('Blåbær 🫐')).toBe('Blåbær 🫐');
  });

  it('leaves Latin-1 text alone when its bytes are not valid UTF-8', () => {
    // A correct "ø" alone is byte F8, which begins no UTF-8 sequence; "Ã" followed by a space is a broken sequence.
    expect(repairMetaText('Søren så en ø')).toBe('Søren så en ø');
    expect(repairMetaText('Ã and Ã©')).toBe('Ã and Ã©');
    // A truncated emoji (three of its four bytes).
    expect(repairMetaText(mojibake('🌞').slice(0, 3))).toBe(mojibake('🌞').slice(0, 3));
  });
});

import { describe, expect, it } from 'vitest';
import { expandLinks } from '../../../electron/core/history/bluesky-history';

const bytes = (text: string): number => new TextEncoder().encode(text).length;

function linked(before: string, shown: string, after: string, uri: string) {
  return {
    text: `${before}${shown}${after}`,
    facets: [{ index: { byteStart: bytes(before), byteEnd: bytes(before) + bytes(shown) }, features: [{ $type: 'app.bsky.richtext.facet#link', uri }] }],
  };
}

describe('writing out the links of a Bluesky post', () => {
  it('replaces a shortened link with its address, counting bytes past Danish letters and emoji', () => {
    expect(expandLinks(linked('Blåbær 🫐 ', 'example.com/blaa...', ' – læs!', 'https://example.com/blaabaer-og-aebler'))).toBe(
      'Blåbær 🫐 https://example.com/blaabaer-og-aebler – læs!',
    );
  });

  it('leaves a link set on other words as written', () => {
    expect(expandLinks(linked('Se ', 'her', ' i dag', 'https://example.com/x'))).toBe('Se her i dag');
  });

  it('leaves the text alone when a facet points past its end', () => {
    const record = { text: 'kort', facets: [{ index: { byteStart: 2, byteEnd: 40 }, features: [{ $type: 'app.bsky.richtext.facet#link', uri: 'https://example.com' }] }] };
    expect(expandLinks(record)).toBe('kort');
  });
});

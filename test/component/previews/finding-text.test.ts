import { describe, expect, it } from 'vitest';
import { analyze, type Finding, type FindingCode } from '../../../common/networks';
import { findingText } from '../../../renderer/src/ui/previews/finding-text';

const CODES: readonly FindingCode[] = [
  'empty', 'over_limit', 'thread', 'fixed_text_too_long', 'thread_room_too_small', 'token_split', 'split_marker_ignored', 'control_character', 'lone_surrogate', 'invalid_character',
  'too_many_media', 'media_too_large', 'media_required', 'alt_text_too_long', 'alt_text_missing', 'too_many_links', 'too_many_hashtags',
  'many_hashtags', 'too_many_mentions', 'links_not_clickable',
];

const PARAMS = { network: 'Mastodon', unit: 'characters', length: 3200, limit: 500, over: 2700, parts: 7, character: 'U+0007', count: 12, max: 4, index: 2, bytes: 17_000_000, fixed: 520, room: 4, minimum: 20 };

describe('findings in Danish', () => {
  it.each(CODES)('%s has a Danish sentence with its numbers in Danish digit grouping', (code) => {
    const finding: Finding = { severity: 'error', code, message: 'English sentence', params: PARAMS };
    const text = findingText(finding, 'da');
    expect(text).not.toBe('English sentence');
    expect(text).not.toMatch(/undefined|NaN|\{\{|\[object/);
    expect(text.length).toBeGreaterThan(20);
  });

  it('writes the rules’ real findings in Danish with Danish numbers', () => {
    const over = analyze('a '.repeat(1600), 'linkedin').findings.find((finding) => finding.code === 'over_limit');
    expect(over).toBeDefined();
    expect(findingText(over!, 'da')).toBe('Opslaget er 3.200 tegn langt, 200 over grænsen for LinkedIn på 3.000: forkort den markerede del.');
    expect(findingText(over!, 'en')).toBe(over!.message);
    const threads = analyze('#one #two #three', 'threads').findings.find((finding) => finding.code === 'too_many_hashtags');
    expect(findingText(threads!, 'da')).toMatch(/^Threads gør kun det første hashtag/);
  });
});

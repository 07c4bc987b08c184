/**
 * Property-based: whatever the text and options, a network's analysis either refuses the post
 * with a length error, or every post it offers fits, the posts give back the text, and no post
 * cuts a link, mention or hashtag without saying so. Checked with independent reference counters.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MASTODON_DEFAULT_CHARACTERS_RESERVED_PER_URL,
  MASTODON_DEFAULT_MAX_CHARACTERS,
  NETWORK_INFO,
  NETWORKS,
  analyze,
  type AnalyzeOptions,
  type NetworkAnalysis,
  type NetworkId,
  type PostPart,
} from '../../../common/networks';
import { AnalyzedText } from '../../../common/networks/text/analyzed-text';
import { CountingSession } from '../../../common/networks/text/session';
import { blueskyCounts, mastodonLength, PIECES, threadsLength, xLength } from './reference';

/** Findings that say the post cannot go out as offered because of its length. */
const LENGTH_ERRORS = new Set(['over_limit', 'fixed_text_too_long', 'thread_room_too_small']);
const MARKER_LINE = /^[ \t]*---[ \t]*\r?$/gm;

const piece = fc.constantFrom(
  ...PIECES,
  'Hej fra Århus', 'blåbærgrød', 'Ærø', 'søndag', 'https://dr.dk/nyheder/indland', '@mette@mastodon.social', '#grøntomstilling',
  '👩🏽‍💻', '🧑‍🤝‍🧑', '\u200d', 'word',
);
const separator = fc.constantFrom(' ', ' ', ' ', '', '\n', '\n\n', '. ', '\n---\n', '  ');
const text = fc.array(fc.tuple(piece, separator), { maxLength: 260 }).map((pairs) => pairs.map(([p, s]) => p + s).join(''));
const contentWarning = fc.oneof(
  fc.constant(''),
  fc.array(piece, { maxLength: 30 }).map((words) => words.join(' ')),
  fc.nat({ max: 620 }).map((n) => 'w'.repeat(n)),
);
const options = fc.record({
  contentWarning,
  numbering: fc.boolean(),
  instance: fc.option(fc.record({ maxCharacters: fc.integer({ min: 40, max: 5000 }), charactersReservedPerUrl: fc.integer({ min: 1, max: 60 }) }), {
    nil: undefined,
  }),
});

type Case = { text: string; contentWarning: string; numbering: boolean; instance?: { maxCharacters: number; charactersReservedPerUrl: number } };

function optionsOf(c: Case): AnalyzeOptions {
  return { contentWarning: c.contentWarning, thread: { numbering: c.numbering }, ...(c.instance === undefined ? {} : { instance: c.instance }) };
}

/** Whether a post's full text fits, counted the slow way each network documents. */
function fits(network: NetworkId, part: PostPart, analysis: NetworkAnalysis, c: Case): boolean {
  switch (network) {
    case 'x':
      return xLength(part.text) <= 280;
    case 'bluesky': {
      const counts = blueskyCounts(part.text);
      return counts.graphemes <= 300 && counts.bytes <= 3000;
    }
    case 'mastodon': {
      const limit = c.instance?.maxCharacters ?? MASTODON_DEFAULT_MAX_CHARACTERS;
      const reserved = c.instance?.charactersReservedPerUrl ?? MASTODON_DEFAULT_CHARACTERS_RESERVED_PER_URL;
      return mastodonLength(part.text, c.contentWarning, reserved) <= limit;
    }
    case 'threads':
      return threadsLength(part.text) <= 500;
    default:
      return part.length <= analysis.limit;
  }
}

const squeeze = (s: string): string => s.replace(/\s+/g, '');
const body = (part: PostPart): string => part.text.slice(0, part.end - part.start);

function check(network: NetworkId, c: Case): void {
  const analysis = analyze(c.text, network, optionsOf(c));
  const refused = analysis.findings.some((f) => f.severity === 'error' && LENGTH_ERRORS.has(f.code));

  // 1. Refused with a reason, or every post fits.
  if (!refused) for (const part of analysis.parts) expect(fits(network, part, analysis, c), `${network}: ${JSON.stringify(part.text).slice(0, 120)}`).toBe(true);

  // 2. The posts, joined, give back the text (numbering, split markers and whitespace aside).
  for (const part of analysis.parts) expect(body(part)).toBe(c.text.slice(part.start, part.end));
  // A refused post is shown whole, markers and all, so markers are set aside on both sides.
  const withoutMarkers = (s: string): string => (NETWORK_INFO[network].threads ? s.replace(MARKER_LINE, '') : s);
  expect(squeeze(withoutMarkers(analysis.parts.map(body).join('\n')))).toBe(squeeze(withoutMarkers(c.text)));

  // 3. No post ends inside a link, mention or hashtag unless a token_split warning says so.
  const doc = new AnalyzedText(new CountingSession(undefined).factsOf(c.text));
  const entities = [...doc.urls, ...doc.mentions, ...doc.hashtags];
  const splits = analysis.findings.filter((f) => f.code === 'token_split' && f.severity === 'warning');
  for (const part of analysis.parts.slice(0, -1)) {
    const cut = entities.find((e) => e.start < part.end && part.end < e.end);
    if (cut === undefined) continue;
    const said = splits.some((f) => f.span !== undefined && f.span.start < cut.end && cut.start < f.span.end) || splits.length >= 20;
    expect(said, `${network} cuts ${JSON.stringify(c.text.slice(cut.start, cut.end))} without a token_split warning`).toBe(true);
  }
}

describe('a thread is offered only when every post of it fits (property)', () => {
  it.each(NETWORKS)('%s: refused with a length error, or every post fits, gives back the text and keeps entities whole', (network) => {
    fc.assert(
      fc.property(text, options, (t, o) => check(network, { text: t, ...o })),
      { numRuns: 250, seed: 0x5feed + network.length },
    );
  });

  it('mastodon: long content warnings with short and long texts, the corner the splitter used to miss', () => {
    fc.assert(
      fc.property(fc.integer({ min: 400, max: 620 }), fc.integer({ min: 1, max: 1200 }), fc.boolean(), (cw, length, numbering) => {
        check('mastodon', { text: 'ab '.repeat(length).trim(), contentWarning: 'w'.repeat(cw), numbering });
      }),
      { numRuns: 300, seed: 17 },
    );
  });
});

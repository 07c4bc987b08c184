import twitter from 'twitter-text';
import type { ParseTweetOptions } from 'twitter-text';

/**
 * X's weighted counting, taken from twitter-text itself so the two cannot drift: its default
 * configuration (v3: 280, URLs 23, emoji 2, most scripts 1, CJK 2) and `parseTweet`.
 * https://docs.x.com/fundamentals/counting-characters
 */
interface TwitterTextConfig extends Required<Pick<ParseTweetOptions, 'maxWeightedTweetLength' | 'scale' | 'defaultWeight' | 'transformedURLLength'>> {
  readonly ranges: ReadonlyArray<{ readonly start: number; readonly end: number; readonly weight: number }>;
  readonly emojiParsingEnabled: boolean;
}

// twitter-text exports its configurations at run time; @types/twitter-text does not declare them.
const config = (twitter as unknown as { configs: { defaults: TwitterTextConfig } }).configs.defaults;

export const TWITTER_TEXT_CONFIG: TwitterTextConfig = config;

/** The weight of one UTF-16 unit outside URLs and emoji, as twitter-text's getCharacterWeight gives it. */
export function xWeightOfCodeUnit(unit: number): number {
  for (const range of config.ranges) {
    if (unit >= range.start && unit <= range.end) return range.weight / config.scale;
  }
  return config.defaultWeight / config.scale;
}

/** Weight of a text counted character by character (no links, no emoji, no normalisation). */
export function xWeightUpperBound(text: string): number {
  let weight = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    weight += xWeightOfCodeUnit(unit);
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) i++;
    }
  }
  return weight;
}

/** twitter-text's weighted length of a short piece of text (a grapheme cluster, usually). */
export function parseTweetWeight(text: string): number {
  return twitter.parseTweet(text).weightedLength;
}

/** The weighted length every URL counts as on X. */
export const X_URL_WEIGHT = config.transformedURLLength;

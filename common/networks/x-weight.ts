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

/** twitter-text's weighted length of a short piece of text (a grapheme cluster, usually). */
export function parseTweetWeight(text: string): number {
  return twitter.parseTweet(text).weightedLength;
}

/**
 * Where twitter-text stops counting a text as valid within `budget` weighted characters: the
 * index just past the last character that fits.
 */
export function xFitEnd(text: string, budget: number): number {
  if (budget <= 0 || text.length === 0) return 0;
  const result = twitter.parseTweet(text, { ...config, ranges: [...config.ranges], maxWeightedTweetLength: budget });
  if (result.weightedLength <= budget) return text.length;
  const end = result.validRangeEnd + 1;
  // validRangeEnd is 0 both when the first character fits and when nothing does.
  if (end === 1 && twitter.parseTweet(text.slice(0, 1)).weightedLength > budget) return 0;
  return end;
}

/** The weighted length every URL counts as on X. */
export const X_URL_WEIGHT = config.transformedURLLength;

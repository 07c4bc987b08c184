export type {
  AnalysesByNetwork,
  AnalysisFor,
  AnalyzeOptions,
  BlueskyAnalysis,
  Finding,
  FindingCode,
  LinkInText,
  MastodonInstanceLimits,
  MediaItem,
  NetworkAnalysis,
  NetworkId,
  NetworkInfo,
  PostPart,
  Severity,
  TextSpan,
} from './types';
export type { Analyzer, AnalyzerOptions } from './analyze';
export { analyze, analyzeAll, createAnalyzer } from './analyze';
export { isNetworkId, NETWORK_INFO, NETWORKS } from './registry';
export { blueskyLinkDisplayText } from './bluesky-link';
export { escapeLinkedInLittleText } from './linkedin';
export { littleText, LITTLE_TEXT_RESERVED } from './linkedin-little-text';

export { X_INFO, X_MAX_ALT_TEXT_LENGTH, X_MAX_IMAGES, X_MAX_WEIGHTED_LENGTH, X_URL_LENGTH } from './x';
export { BLUESKY_INFO, BLUESKY_MAX_BYTES, BLUESKY_MAX_GRAPHEMES, BLUESKY_MAX_IMAGE_BYTES, BLUESKY_MAX_IMAGES } from './bluesky';
export {
  MASTODON_DEFAULT_CHARACTERS_RESERVED_PER_URL,
  MASTODON_DEFAULT_IMAGE_SIZE_LIMIT,
  MASTODON_DEFAULT_MAX_CHARACTERS,
  MASTODON_DEFAULT_MAX_MEDIA_ATTACHMENTS,
  MASTODON_INFO,
  MASTODON_MAX_DESCRIPTION_LENGTH,
} from './mastodon';
export { THREADS_INFO, THREADS_MAX_CHARACTERS, THREADS_MAX_LINKS, THREADS_MAX_MEDIA, THREADS_MAX_TOPIC_TAGS } from './threads';
export { LINKEDIN_INFO, LINKEDIN_MAX_CHARACTERS, LINKEDIN_MAX_IMAGES } from './linkedin';
export {
  INSTAGRAM_INFO,
  INSTAGRAM_MAX_CAROUSEL_ITEMS,
  INSTAGRAM_MAX_CHARACTERS,
  INSTAGRAM_MAX_HASHTAGS,
  INSTAGRAM_MAX_MENTIONS,
  INSTAGRAM_REPORTED_MAX_HASHTAGS,
} from './instagram';
export { FACEBOOK_INFO, FACEBOOK_MAX_CHARACTERS, FACEBOOK_MAX_PHOTOS } from './facebook';
export { canPostByHand, checkPostLink, composeUrl, COMPOSE_PAGES, isComposeUrl, type PostLinkCheck } from './assisted';

import { isUrl, NO_COST } from './counter';
import type { NetworkRules } from './rules';
import { linksAsWritten } from './rules';
import { DIM_MASTODON, DIM_MASTODON_URLS } from './text/facts';
import { countGraphemes } from './text/graphemes';
import type { AnalyzeOptions, NetworkInfo } from './types';

/** A server's default `configuration.statuses.max_characters`. https://docs.joinmastodon.org/entities/Instance/#statuses */
export const MASTODON_DEFAULT_MAX_CHARACTERS = 500;
/** A server's default `configuration.statuses.characters_reserved_per_url`. https://docs.joinmastodon.org/entities/Instance/#statuses */
export const MASTODON_DEFAULT_CHARACTERS_RESERVED_PER_URL = 23;
/** A server's default `configuration.statuses.max_media_attachments`. https://docs.joinmastodon.org/entities/Instance/#statuses */
export const MASTODON_DEFAULT_MAX_MEDIA_ATTACHMENTS = 4;
/** A server's default `configuration.media_attachments.image_size_limit` (16 MB). https://docs.joinmastodon.org/entities/Instance/#image_size_limit */
export const MASTODON_DEFAULT_IMAGE_SIZE_LIMIT = 16 * 1024 * 1024;
/** MediaAttachment::MAX_DESCRIPTION_LENGTH. https://github.com/mastodon/mastodon/blob/main/app/models/media_attachment.rb */
export const MASTODON_MAX_DESCRIPTION_LENGTH = 1500;

export const MASTODON_INFO: NetworkInfo = {
  id: 'mastodon',
  name: 'Mastodon',
  limit: MASTODON_DEFAULT_MAX_CHARACTERS,
  unit: 'characters',
  threads: true,
};

/**
 * Mastodon's server counts grapheme clusters of the content warning and the text, after it has
 * replaced every http(s) URL by `characters_reserved_per_url` characters and every `@user@server`
 * by `@user` (StatusLengthValidator).
 * https://github.com/mastodon/mastodon/blob/main/app/validators/status_length_validator.rb
 * In a thread every post carries the content warning, so it counts in every post.
 */
export const mastodonRules: NetworkRules = {
  info: MASTODON_INFO,
  counter: (options) => {
    const reserved = options.instance?.charactersReservedPerUrl ?? MASTODON_DEFAULT_CHARACTERS_RESERVED_PER_URL;
    return {
      limit: options.instance?.maxCharacters ?? MASTODON_DEFAULT_MAX_CHARACTERS,
      secondLimit: Infinity,
      perPost: options.contentWarning === undefined || options.contentWarning === '' ? 0 : countGraphemes(options.contentWarning),
      cost: { dim: DIM_MASTODON, weight: 1, extraDim: DIM_MASTODON_URLS, extraWeight: reserved, lengthWeight: 0 },
      secondCost: NO_COST,
      cluster: () => 1,
      secondCluster: () => 0,
      atomic: (entity) => {
        if (isUrl(entity)) return entity.hasProtocol ? [reserved, 0] : undefined;
        return entity.domain !== undefined ? [1 + entity.username.length, 0] : undefined;
      },
    };
  },
  media: {
    maxItems: (options: AnalyzeOptions) => options.instance?.maxMediaAttachments ?? MASTODON_DEFAULT_MAX_MEDIA_ATTACHMENTS,
    maxImageBytes: (options: AnalyzeOptions) => options.instance?.imageSizeLimit ?? MASTODON_DEFAULT_IMAGE_SIZE_LIMIT,
    maxAltTextLength: MASTODON_MAX_DESCRIPTION_LENGTH,
    suggestAltText: true,
  },
  requiresMedia: false,
  // Mastodon links only addresses written with http:// or https://.
  links: (doc) => linksAsWritten(doc, true),
  findings: () => [],
};

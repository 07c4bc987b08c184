import type { NetworkIdValue } from '../domain/network-id';

/** The seven networks Spheres previews a post for (their one home is common/domain/network-id.ts). */
export type NetworkId = NetworkIdValue;

export type Severity = 'error' | 'warning' | 'hint';

/** A range of UTF-16 indices into the analysed text, `end` exclusive. */
export interface TextSpan {
  readonly start: number;
  readonly end: number;
}

/** Stable identifiers of findings; the UI and translations key on them. */
export type FindingCode =
  | 'empty'
  | 'over_limit'
  | 'thread'
  | 'fixed_text_too_long'
  | 'thread_room_too_small'
  | 'token_split'
  | 'split_marker_ignored'
  | 'control_character'
  | 'lone_surrogate'
  | 'invalid_character'
  | 'too_many_media'
  | 'media_too_large'
  | 'media_will_shrink'
  | 'media_required'
  | 'alt_text_too_long'
  | 'alt_text_missing'
  | 'too_many_links'
  | 'too_many_hashtags'
  | 'many_hashtags'
  | 'too_many_mentions'
  | 'links_not_clickable'
  /** A word on the person's watched list (Settings → Guardrails): added by the composer, not the network rules. */
  | 'watched_word';

export interface Finding {
  readonly severity: Severity;
  readonly code: FindingCode;
  /** An English sentence a person can act on. */
  readonly message: string;
  readonly span?: TextSpan;
  /** The numbers and names in `message`, for translation. */
  readonly params?: Readonly<Record<string, string | number>>;
}

export interface MediaItem {
  readonly bytes: number;
  readonly mime: string;
  readonly altText?: string;
}

/** A Mastodon server's own limits, from `configuration.statuses` of its instance API. */
export interface MastodonInstanceLimits {
  readonly maxCharacters: number;
  readonly charactersReservedPerUrl: number;
  readonly maxMediaAttachments?: number;
  /** `configuration.media_attachments.image_size_limit`, in bytes. */
  readonly imageSizeLimit?: number;
}

export interface AnalyzeOptions {
  readonly media?: readonly MediaItem[];
  /** Mastodon's content warning (spoiler text); it counts toward the limit of every post. */
  readonly contentWarning?: string;
  /** Mastodon server limits; without them Mastodon's defaults apply. */
  readonly instance?: MastodonInstanceLimits;
  /** Append " 1/3" style numbering to the posts of a thread. */
  readonly thread?: { readonly numbering: boolean };
}

/** One post as it will be published. A text that fits is one part. */
export interface PostPart {
  /** The text of the post, numbering included. */
  readonly text: string;
  /** Where the post's text comes from in the analysed text (numbering excluded). */
  readonly start: number;
  readonly end: number;
  /** Length by the network's own counter, numbering (and Mastodon's content warning) included. */
  readonly length: number;
  /** Index into the analysed text where this part goes past the limit (networks that do not thread). */
  readonly overflowStart?: number;
}

/** A link as the network will show it. */
export interface LinkInText {
  readonly start: number;
  readonly end: number;
  /** The address the link opens (a scheme is added when the text has none). */
  readonly url: string;
  /** What the reader sees: Bluesky shortens it, the other networks show the text as written. */
  readonly displayText: string;
}

export interface NetworkAnalysis {
  readonly network: NetworkId;
  /** Length of the whole text as one post, by the network's counter. */
  readonly length: number;
  /** The limit of one post. */
  readonly limit: number;
  readonly findings: readonly Finding[];
  readonly parts: readonly PostPart[];
  /** The characters past the limit of one post (what X highlights in red), when there are any. */
  readonly overflow?: TextSpan;
  readonly links: readonly LinkInText[];
}

export interface BlueskyAnalysis extends NetworkAnalysis {
  readonly network: 'bluesky';
  /** UTF-8 bytes of the text as published (links shortened). */
  readonly bytes: number;
  readonly byteLimit: number;
}

export type AnalysisFor<N extends NetworkId> = N extends 'bluesky' ? BlueskyAnalysis : NetworkAnalysis;

export type AnalysesByNetwork = { readonly [N in NetworkId]: AnalysisFor<N> };

export interface NetworkInfo {
  readonly id: NetworkId;
  readonly name: string;
  /** The default limit of one post. */
  readonly limit: number;
  /** What `length` counts. */
  readonly unit: 'weighted characters' | 'graphemes' | 'characters';
  /** Whether long texts are published as a thread of replies. */
  readonly threads: boolean;
  /**
   * false where a typed `@handle` tags nobody: the network links a mention only when it is made
   * through its own picker (an id in the API), so the text stays plain. Absent: typed mentions link.
   */
  readonly typedMentionsLink?: false;
}

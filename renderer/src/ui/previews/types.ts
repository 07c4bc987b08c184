import type { Tone } from '../../../../common/domain';
import type { NetworkAnalysis, NetworkId } from '../../../../common/networks';

/** An image attached to the post, as the preview shows it. */
export interface PreviewImage {
  readonly key: string;
  /** A blob:, data: or app: URL. */
  readonly url: string;
  /** The image description; empty when there is none. */
  readonly altText: string;
}

/** Who the post is from. */
export interface PreviewAuthor {
  readonly name: string;
  /** Without the network's decoration: `ada`, shown as `@ada`, `@ada.bsky.social`, `@ada@server`... */
  readonly handle: string;
  readonly avatarUrl?: string;
  /** The Mastodon server of the account. */
  readonly server?: string;
  /** LinkedIn shows the author's headline under the name. */
  readonly headline?: string;
}

export type NetworkPreviewProps = Readonly<{
  network: NetworkId;
  text: string;
  analysis: NetworkAnalysis;
  images: readonly PreviewImage[];
  tone: Tone | null;
  author: PreviewAuthor;
  /** Shows a button that opens this network alone (the grid's focus mode). */
  onFocusRequest?: (network: NetworkId) => void;
}>;

export type PreviewMode = 'grid' | 'focus';

export type PreviewGridProps = Readonly<{
  networks: readonly NetworkId[];
  texts: Readonly<Partial<Record<NetworkId, string>>>;
  analyses: Readonly<Partial<Record<NetworkId, NetworkAnalysis>>>;
  images: readonly PreviewImage[];
  tone: Tone | null;
  author: PreviewAuthor;
  mode: PreviewMode;
  focused: NetworkId | null;
  onModeChange: (mode: PreviewMode) => void;
  onFocusChange: (network: NetworkId) => void;
}>;

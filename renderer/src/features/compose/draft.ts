import { NETWORK_IDS, type NetworkIdValue, type PlannedTime, type Target, type Tone } from '../../../../common/domain';
import { baseTextHash } from './base-text-hash';

/** An image attached in the composer: shown from a local object URL until the library stores it. */
export interface ComposerImage {
  key: string;
  name: string;
  mime: string;
  bytes: number;
  previewUrl: string;
  altText: string;
  /** Set once the media library holds the image (content-addressed sha256). */
  mediaId?: string;
  width?: number;
  height?: number;
  /** The photo records where it was taken (EXIF GPS): offer to strip it before it is published. */
  hasLocation?: boolean;
  /** Why the library refused the image, in words for the user. */
  error?: string;
  /** The picked file, kept until the library has it. */
  file?: File;
}

export interface ComposerDraft {
  id: string;
  tone: Tone | null;
  text: string;
  /** Per-network text; a network without an entry inherits the base text. */
  overrides: Partial<Record<NetworkIdValue, string>>;
  /** For each override, baseTextHash of the base text it was written from. */
  overrideBases: Partial<Record<NetworkIdValue, string>>;
  /** The accounts the post goes to; a target without an account is a network shown for preview only. */
  targets: Target[];
  /** The networks of the targets, each once, in the UI's order: what the previews and the rules read. */
  networks: NetworkIdValue[];
  images: ComposerImage[];
  contentWarning: string;
  threadNumbering: boolean;
  /** When the user plans to post it: a UTC instant plus the IANA zone it was chosen in. */
  planned: PlannedTime | null;
}

export function emptyDraft(id: string): ComposerDraft {
  return { ...EMPTY_FIELDS, id };
}

const EMPTY_FIELDS: Omit<ComposerDraft, 'id'> = {
  tone: null,
  text: '',
  overrides: {},
  overrideBases: {},
  targets: [],
  networks: [],
  images: [],
  contentWarning: '',
  threadNumbering: false,
  planned: null,
};

export type DraftAction =
  | { type: 'load'; draft: ComposerDraft }
  | { type: 'setText'; text: string }
  | { type: 'setTone'; tone: Tone }
  /** Adds or removes one account (or, without an accountId, a network for preview only). */
  | { type: 'toggleTarget'; target: Target }
  | { type: 'setOverride'; network: NetworkIdValue; text: string }
  | { type: 'resetOverride'; network: NetworkIdValue }
  /** Puts back an override as it was (the undo of "Update from the base text"). */
  | { type: 'restoreOverride'; network: NetworkIdValue; text: string; base: string | undefined }
  | { type: 'addImages'; images: ComposerImage[] }
  | { type: 'removeImage'; key: string }
  | { type: 'setAltText'; key: string; altText: string }
  | { type: 'imageStored'; key: string; mediaId: string; mime: string; bytes: number; width?: number; height?: number; hasLocation: boolean }
  | { type: 'imageFailed'; key: string; message: string }
  | { type: 'setContentWarning'; text: string }
  | { type: 'setThreadNumbering'; on: boolean }
  | { type: 'setPlanned'; planned: PlannedTime | null };

export function draftReducer(draft: ComposerDraft, action: DraftAction): ComposerDraft {
  switch (action.type) {
    case 'load':
      return action.draft;
    case 'setText':
      return { ...draft, text: action.text };
    case 'setTone':
      return { ...draft, tone: action.tone };
    case 'toggleTarget': {
      // "Post it myself" and preview-only are two picks of the same network, both without an account.
      const same = (t: Target): boolean => t.network === action.target.network && t.accountId === action.target.accountId && (t.assisted === true) === (action.target.assisted === true);
      return withTargets(draft, draft.targets.some(same) ? draft.targets.filter((t) => !same(t)) : [...draft.targets, action.target]);
    }
    case 'setOverride':
      // Written (or rewritten) now, so against the base text as it is now.
      return {
        ...draft,
        overrides: { ...draft.overrides, [action.network]: action.text },
        overrideBases: { ...draft.overrideBases, [action.network]: baseTextHash(draft.text) },
      };
    case 'restoreOverride': {
      const overrideBases = { ...draft.overrideBases };
      if (action.base === undefined) delete overrideBases[action.network];
      else overrideBases[action.network] = action.base;
      return { ...draft, overrides: { ...draft.overrides, [action.network]: action.text }, overrideBases };
    }
    case 'resetOverride': {
      const overrides = { ...draft.overrides };
      const overrideBases = { ...draft.overrideBases };
      delete overrides[action.network];
      delete overrideBases[action.network];
      return { ...draft, overrides, overrideBases };
    }
    case 'addImages':
      return { ...draft, images: [...draft.images, ...action.images] };
    case 'removeImage':
      return { ...draft, images: draft.images.filter((image) => image.key !== action.key) };
    case 'setAltText':
      return {
        ...draft,
        images: draft.images.map((image) => (image.key === action.key ? { ...image, altText: action.altText } : image)),
      };
    case 'imageStored': {
      const { key, mediaId, mime, bytes, width, height, hasLocation } = action;
      return {
        ...draft,
        images: draft.images.map((image) => {
          if (image.key !== key) return image;
          const stored: ComposerImage = { ...image, mediaId, mime, bytes, width, height, hasLocation };
          delete stored.file;
          return stored;
        }),
      };
    }
    case 'imageFailed':
      return {
        ...draft,
        images: draft.images.map((image) => (image.key === action.key ? { ...image, error: action.message } : image)),
      };
    case 'setContentWarning':
      return { ...draft, contentWarning: action.text };
    case 'setThreadNumbering':
      return { ...draft, threadNumbering: action.on };
    case 'setPlanned':
      return { ...draft, planned: action.planned };
  }
}

/** The networks of some targets, each once, in the UI's network order whatever order they were picked in. */
export function networksOfTargets(targets: readonly Target[]): NetworkIdValue[] {
  return NETWORK_IDS.filter((network) => targets.some((target) => target.network === network));
}

/** Sets the targets and the networks they make together: the one place `networks` is derived. */
function withTargets(draft: ComposerDraft, targets: Target[]): ComposerDraft {
  const networks = networksOfTargets(targets);
  const ordered = networks.flatMap((network) => targets.filter((target) => target.network === network));
  return { ...draft, targets: ordered, networks };
}

/**
 * The base text changed after this network's override was written, so the override may lack the
 * change. An override from before Spheres recorded bases has no record: nothing to compare.
 */
export function isOverrideStale(draft: ComposerDraft, network: NetworkIdValue, baseHash = baseTextHash(draft.text)): boolean {
  const base = draft.overrideBases[network];
  return draft.overrides[network] !== undefined && base !== undefined && base !== baseHash;
}

/** The text a network will get: its override when the user wrote one, else the base text. */
export function textFor(draft: ComposerDraft, network: NetworkIdValue): string {
  return draft.overrides[network] ?? draft.text;
}

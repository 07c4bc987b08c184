import path from 'node:path';
import { AppError } from '../../../common/api';
import type { NetworkIdValue, Post, PublishResult } from '../../../common/domain';
import { checkPostLink, composeUrl, NETWORK_INFO } from '../../../common/networks';
import { identifyImage } from '../media';
import { findLocation } from '../media/image-location';
import { orientationOf, removeLocation } from '../media/image-location';
import type { StorageFs } from '../storage';
import type { RemoteRef, SendIntent } from './intent-file';

/**
 * Assisted posting: where no API can post (Facebook; a personal Instagram or a LinkedIn without a
 * developer app; Threads or Instagram images with no media host), the person posts by hand and
 * Spheres does the rest: it copies the text, writes the images to a folder it opens, opens the
 * network's own compose page, then asks "Did you post it?" and records the link they paste. The
 * post then counts as published in the tone calendar like any other.
 *
 * Design
 * - In a post: a target `{ network, assisted: true }` with no account (the composer's "Post it
 *   myself"). A target with no account and no `assisted` is still refused with `account_needed`.
 * - In the outbox: an ordinary send intent whose target carries `assisted: true`, so it has the
 *   engine's durability for free (fsync'd journal, survives restarts, one intent per post and
 *   target). Its account id is `BY_HAND` when the person chose it, or the real account when a
 *   Threads/Instagram post with images fell back for want of a media host (decided at queueing,
 *   and said in the composer before). The engine never gives it to a publisher: when its time
 *   comes (the scheduler, as for any target), the engine's `handed_over` event clears its next
 *   attempt and it waits for the person (`waiting: 'assisted'`), which `outbox.changed` carries
 *   and main turns into a notification.
 * - Confirmation: the engine's `confirmed` event (only from `queued`, only for an assisted target)
 *   publishes it with the link as its first part's RemoteRef, written with fsync before the answer.
 *   Exactly once: a second confirmation finds the target published and records nothing; the same
 *   link answers as a success, another link is refused (`already_recorded`). The write-back then
 *   puts the result with its url on the post, and the post is `published` once every target is.
 *   "Posted without a link" records a RemoteRef with no url.
 * - Not in the engine: the tone policy is not re-checked at the hand-over (the person reads the
 *   text as they post it), and a missed time does not apply (it waits for the person anyway).
 * - The kit (`outbox.assistedKit`): the text for that network (each part of a thread), the images
 *   written to <data folder>/assisted/<post id>-<network>/ with their location removed as the
 *   media library does, and the compose page (common/networks/assisted.ts: allowlisted addresses).
 */

/** The account id of an assisted target the person chose, with no account of theirs behind it. */
export const BY_HAND = 'by-hand';

/** The folder under the data folder where each assisted post's images are put for the person. */
export const ASSISTED_FOLDER = 'assisted';

/** A post's target as the post keeps it: a chosen assisted target has no account id. */
export function targetOfIntent(intent: SendIntent): PublishResult['target'] {
  const { network, accountId } = intent.target;
  if (intent.target.assisted !== true) return { network, accountId };
  return accountId === BY_HAND ? { network, assisted: true } : { network, accountId, assisted: true };
}

export interface AssistedKit {
  postId: string;
  network: NetworkIdValue;
  /** The whole text for that network, as copied. */
  text: string;
  /** The thread's parts (one for a single post), for a network that posts threads. */
  parts: string[];
  /** Where the images were written; null when the post has none. */
  folder: string | null;
  images: Array<{ file: string; mediaId: string; altText: string }>;
  composeUrl: string;
}

export interface KitPorts {
  fs: StorageFs;
  dataDir: string;
  readMedia(mediaId: string): Promise<Uint8Array>;
}

const EXTENSIONS: Readonly<Record<string, string>> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/gif': 'gif', 'image/webp': 'webp' };

/** Builds the kit of one assisted target, writing its images folder afresh (a file from an earlier kit is replaced). */
export async function assistedKit(ports: KitPorts, intent: SendIntent): Promise<AssistedKit> {
  const { network } = intent.target;
  const parts = intent.parts.map((part) => part.text);
  const text = parts.join('\n\n');
  const media = intent.extras?.media ?? [];
  const url = composeUrl(network, parts[0] ?? '');
  if (url === null) throw new AppError('invalid_input', `Spheres cannot open a ${NETWORK_INFO[network].name} page to post by hand.`, { network });
  if (media.length === 0) return { postId: intent.postId, network, text, parts, folder: null, images: [], composeUrl: url };

  const folder = path.join(ports.dataDir, ASSISTED_FOLDER, `${intent.postId}-${network}`);
  await ports.fs.mkdir(folder, { recursive: true });
  const images: AssistedKit['images'] = [];
  for (const [index, ref] of media.entries()) {
    const bytes = await withoutLocation(await ports.readMedia(ref.mediaId), ref.mediaId);
    const kind = await identifyImage(bytes, ref.mediaId);
    const file = `${String(index + 1).padStart(2, '0')}.${EXTENSIONS[kind.mime] ?? 'img'}`;
    const temporary = path.join(folder, `.${file}.tmp`);
    await ports.fs.writeFile(temporary, bytes, { flush: true });
    await ports.fs.rename(temporary, path.join(folder, file));
    images.push({ file, mediaId: ref.mediaId, altText: ref.altText });
  }
  return { postId: intent.postId, network, text, parts, folder, images, composeUrl: url };
}

/** The image as the person may share it: no GPS position (checked again after removal, as the media library does). */
async function withoutLocation(bytes: Uint8Array, mediaId: string): Promise<Uint8Array> {
  const kind = await identifyImage(bytes, mediaId);
  if (!(await findLocation(bytes, kind.mime)).hasLocation) return bytes;
  const stripped = removeLocation(bytes, kind.mime, kind.mime === 'image/jpeg' ? await orientationOf(bytes) : undefined);
  if ((await findLocation(stripped, kind.mime)).hasLocation) {
    throw new AppError('invalid_input', 'Spheres could not remove the location from an image of this post, so it did not put it in the folder. Remove the image or its location and try again.', { mediaId });
  }
  return stripped;
}

/**
 * The RemoteRef a confirmation records: the link the person pasted (checked: https, on that
 * network), or none when they posted without one. Throws a clear `invalid_input` otherwise.
 */
export function confirmedRemote(network: NetworkIdValue, url: string | null): RemoteRef {
  if (url === null) return { id: 'posted-by-hand' };
  const check = checkPostLink(network, NETWORK_INFO[network].name, url);
  if (!check.ok) throw new AppError('invalid_input', check.message, { network, reason: check.code });
  return { id: check.url, url: check.url };
}

/** The assisted target of a post on a network, if the outbox has one. */
export function assistedIntentOf(intents: readonly SendIntent[], postId: string, network: NetworkIdValue): SendIntent {
  const intent = intents.find((candidate) => candidate.postId === postId && candidate.target.network === network && candidate.target.assisted === true);
  if (intent === undefined) throw new AppError('not_found', `This post does not wait for you to post it on ${NETWORK_INFO[network].name}.`, { postId, network });
  return intent;
}

/** Whether a post's target goes out by hand, given whether a media host is set up. */
export function goesByHand(post: Pick<Post, 'media'>, target: Post['targets'][number], mediaHostReady: boolean): boolean {
  if (target.assisted === true) return true;
  return (target.network === 'threads' || target.network === 'instagram') && post.media.length > 0 && !mediaHostReady;
}

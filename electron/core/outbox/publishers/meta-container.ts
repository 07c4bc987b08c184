import { z } from 'zod';
import type { HostedImage, MediaHost } from '../media-host';
import { PublishFailure } from '../publish-failure';
import { DAILY_LIMIT_RETRY_MS, dailyLimitReached, type GraphClient, unreadableGraphAnswer } from './meta-graph';
import type { PostImage } from './post-image';

/*
 * A Meta container's life, shared by Threads and Instagram:
 * - https://developers.facebook.com/docs/threads/troubleshooting (GET /{container-id}?fields=status,error_message:
 *   EXPIRED "not published within 24 hours", ERROR, FINISHED "ready to be published", IN_PROGRESS, PUBLISHED)
 * - https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-container
 *   (the same five values in `status_code`)
 * - https://developers.facebook.com/docs/threads/overview/ (GET /{user-id}/threads_publishing_limit?fields=quota_usage,config:
 *   `{"data": [{"quota_usage": 4, "config": {"quota_total": 250, "quota_duration": 86400}}]}`)
 * - https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-user/content_publishing_limit
 *   (the same shape for Instagram)
 */

export const CONTAINER_STATUSES = ['IN_PROGRESS', 'FINISHED', 'PUBLISHED', 'ERROR', 'EXPIRED'] as const;
export type ContainerStatus = (typeof CONTAINER_STATUSES)[number];

/** How long Spheres waits for Meta to make a container ready before trying the post again later. */
export interface ContainerPolling {
  intervalMs: number;
  maxPolls: number;
}

/** Meta suggests asking about a container about once a minute for up to five; an image is usually ready in seconds. */
export const DEFAULT_CONTAINER_POLLING: ContainerPolling = { intervalMs: 5_000, maxPolls: 36 };

/** The uploaded images' addresses live this long: the container is made (and Meta downloads them) within it. */
export const HOSTED_IMAGE_TTL_SECONDS = 3_600;

/** What a part's saved step holds: the container made for it, published by the next request. */
/**
 * A part's step, as saved in its intent: the images put on the media host for it (saved before the
 * container is made, so a process that dies between the upload and the container still knows
 * them) and then the container too: `images:<key>,<key>` or `container:<id>|images:<key>,<key>`.
 */
const STEP = /^(?:container:([0-9A-Za-z_-]{1,100}))?(?:\|?images:([^|]{1,1800}))?$/;

export function stepOfContainer(containerId: string | null, imageKeys: readonly string[] = []): string {
  const images = imageKeys.length === 0 ? '' : `images:${imageKeys.join(',')}`;
  if (containerId === null) return images;
  return images === '' ? `container:${containerId}` : `container:${containerId}|${images}`;
}

export function containerOfStep(step: string | null | undefined): string | null {
  if (step === null || step === undefined) return null;
  return STEP.exec(step)?.[1] ?? null;
}

/** The media host keys of the images a step names (none for a step saved before they were). */
export function imagesOfStep(step: string | null | undefined): string[] {
  if (step === null || step === undefined) return [];
  const keys = STEP.exec(step)?.[2];
  return keys === undefined ? [] : keys.split(',').filter((key) => key !== '');
}

export interface ContainerState {
  status: ContainerStatus;
  errorMessage: string | null;
}

/** One read of a container's status (`status` on Threads, `status_code` on Instagram). */
export async function readContainer(client: GraphClient, versionPrefix: string, containerId: string, field: 'status' | 'status_code'): Promise<ContainerState> {
  const body = await client.call({
    method: 'GET',
    path: `${versionPrefix}/${encodeURIComponent(containerId)}?fields=${field},error_message`,
    doing: 'the check of the post\'s container',
  });
  const status = z.enum(CONTAINER_STATUSES).safeParse(body[field]);
  if (!status.success) throw unreadableGraphAnswer(client.network, 'the check of the post\'s container');
  const message = body['error_message'] ?? (field === 'status_code' ? body['status'] : undefined);
  return { status: status.data, errorMessage: typeof message === 'string' && message !== '' ? message.slice(0, 200) : null };
}

/**
 * Waits until a container is no longer IN_PROGRESS (bounded): a container still in progress after
 * the wait is a retryable failure, and the saved step lets the next attempt publish that container.
 */
export async function settledContainer(
  client: GraphClient,
  read: (containerId: string) => Promise<ContainerState>,
  containerId: string,
  polling: ContainerPolling,
  sleep: (ms: number) => Promise<void>,
): Promise<ContainerState> {
  for (let poll = 0; ; poll++) {
    const state = await read(containerId);
    if (state.status !== 'IN_PROGRESS') return state;
    if (poll + 1 >= polling.maxPolls) break;
    await sleep(polling.intervalMs);
  }
  const waited = Math.round((polling.intervalMs * polling.maxPolls) / 1000);
  throw new PublishFailure('retryable', 'server_error', `${client.network} was still preparing the post after ${waited} s. Spheres tries again shortly.`);
}

export function containerFailed(network: string, state: ContainerState): PublishFailure {
  const why = state.status === 'EXPIRED' ? 'it was not published within 24 hours' : state.errorMessage === null ? 'it reported an error' : `it reported ${state.errorMessage}`;
  return new PublishFailure('permanent', 'container_failed', `${network} could not make the post from what Spheres sent: ${why}. Retry sends it again.`);
}

const LimitSchema = z.object({
  data: z
    .array(
      z
        .object({
          quota_usage: z.number().int().nonnegative(),
          config: z.object({ quota_total: z.number().int().nonnegative(), quota_duration: z.number().int().positive().optional() }).loose(),
        })
        .loose(),
    )
    .min(1),
});

/**
 * Reads the account's daily publishing limit before anything is made: used up means no container,
 * no upload, and a retry in an hour (the window is a moving 24 hours; Meta does not say when the
 * oldest post leaves it). An unreadable answer is not a reason to stop: publish enforces it anyway.
 */
export async function assertPublishingAllowed(client: GraphClient, path: string): Promise<void> {
  const body = await client.call({ method: 'GET', path: `${path}?fields=quota_usage,config`, doing: 'the check of the daily publishing limit' });
  const limit = LimitSchema.safeParse(body);
  if (!limit.success) return;
  const { quota_usage: used, config } = limit.data.data[0]!;
  if (used >= config.quota_total) throw dailyLimitReached(client.network, DAILY_LIMIT_RETRY_MS);
}

/** Images on the media host for one attempt: their addresses, and their removal once Meta has them. */
export interface HostedImages {
  images: readonly (HostedImage & { altText: string })[];
  remove(): Promise<void>;
}

/**
 * Puts each image on the media host just before its container is made. An upload that fails
 * removes the ones already up and passes the media host's own PublishFailure on.
 */
export async function hostImages(host: MediaHost, images: readonly PostImage[]): Promise<HostedImages> {
  const hosted: (HostedImage & { altText: string })[] = [];
  const remove = async (): Promise<void> => {
    // A removal that fails is left to the media host's sweep of old images (removeOlderThan).
    await Promise.all(hosted.map((image) => host.remove(image.key).catch(() => undefined)));
  };
  try {
    for (const image of images) hosted.push({ ...(await host.put({ bytes: image.bytes, mime: image.mime, ttlSeconds: HOSTED_IMAGE_TTL_SECONDS })), altText: image.altText });
  } catch (error) {
    await remove();
    throw error;
  }
  return { images: hosted, remove };
}

import { z } from 'zod';
import { PublishFailure } from '../publish-failure';
import type { MastodonClient } from './mastodon-client';
import { unreadableAnswer } from './mastodon-failure';

/** One image of a post, with the alt text a screen reader speaks. */
export interface MastodonImage {
  bytes: Uint8Array;
  mimeType: string;
  fileName: string;
  /** Alt text; Mastodon keeps it as the attachment's `description`. */
  description: string;
}

/** How long Spheres waits for Mastodon to process an upload before trying the post again later. */
export interface MediaPolling {
  intervalMs: number;
  maxPolls: number;
}

export const DEFAULT_MEDIA_POLLING: MediaPolling = { intervalMs: 1_000, maxPolls: 30 };

const MediaAttachmentSchema = z.object({ id: z.string().min(1).max(100) }).loose();

/**
 * Uploads one image and waits until Mastodon has processed it, so a status can take it.
 * https://docs.joinmastodon.org/methods/media/#v2 : POST /api/v2/media answers 200 when the file is
 * ready and 202 while it is still processed; https://docs.joinmastodon.org/methods/media/#get :
 * GET /api/v1/media/:id answers 206 while processing and 200 when done. The wait is bounded: a
 * server still busy after it is a retryable failure (nothing was posted yet).
 */
export async function uploadImage(client: MastodonClient, token: string, image: MastodonImage, polling: MediaPolling, sleep: (ms: number) => Promise<void>): Promise<string> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(image.bytes)], { type: image.mimeType }), image.fileName);
  form.append('description', image.description);
  const created = await client.call({ method: 'POST', path: '/api/v2/media', token, form, doing: 'an image upload' }, [200, 202]);
  const id = idOf(created.body);
  if (created.status === 200) return id;
  for (let poll = 0; poll < polling.maxPolls; poll++) {
    await sleep(polling.intervalMs);
    const seen = await client.call({ method: 'GET', path: `/api/v1/media/${encodeURIComponent(id)}`, token, doing: 'an image check' }, [200, 206]);
    if (seen.status === 200) return idOf(seen.body);
  }
  const waited = Math.round((polling.intervalMs * polling.maxPolls) / 1000);
  return Promise.reject(
    new PublishFailure('retryable', 'server_error', `Mastodon was still processing the image "${image.fileName.slice(0, 100)}" after ${waited} s. Spheres tries the post again shortly.`),
  );
}

function idOf(body: unknown): string {
  const parsed = MediaAttachmentSchema.safeParse(body);
  if (!parsed.success) throw unreadableAnswer('an image upload');
  return parsed.data.id;
}

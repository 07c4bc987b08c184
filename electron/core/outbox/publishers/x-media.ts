import { z } from 'zod';
import { PublishFailure } from '../publish-failure';
import { unreadableAnswer, type XClient } from './x-client';

/** How long Spheres waits for X to process an upload before trying the post again later. */
export interface XMediaPolling {
  /** Used when X names no `check_after_secs`. */
  intervalMs: number;
  maxPolls: number;
}

export const DEFAULT_X_MEDIA_POLLING: XMediaPolling = { intervalMs: 1_000, maxPolls: 30 };

/** X takes appended segments of up to 5 MB (https://docs.x.com/x-api/media/quickstart/media-upload-chunked). */
export const X_CHUNK_BYTES = 4 * 1024 * 1024;

export interface XImage {
  bytes: Uint8Array;
  mimeType: string;
  /** Alt text (X keeps up to 1,000 characters). */
  altText: string;
  /** A short name for sentences. */
  name: string;
}

const ProcessingSchema = z
  .object({
    state: z.enum(['pending', 'in_progress', 'succeeded', 'failed']),
    check_after_secs: z.number().int().min(0).max(3600).optional(),
    error: z.object({ message: z.string().max(1000).optional() }).loose().optional(),
  })
  .loose();
const MediaSchema = z.object({ data: z.object({ id: z.string().min(1).max(100), processing_info: ProcessingSchema.optional() }).loose() }).loose();

/**
 * Uploads one image through X's v2 chunked upload and sets its alt text, so a post can take it:
 * POST /2/media/upload/initialize, /2/media/upload/:id/append per segment, /2/media/upload/:id/finalize,
 * then GET /2/media/upload?command=STATUS while `processing_info.state` is pending or in_progress
 * (https://docs.x.com/x-api/media/quickstart/media-upload-chunked); a media id is usable once
 * succeeded; failed is for good. Alt text: POST /2/media/metadata
 * (https://docs.x.com/x-api/media/create-media-metadata). Nothing is posted until all of this is done,
 * so every failure here is before the post.
 */
export async function uploadXImage(client: XClient, image: XImage, polling: XMediaPolling, sleep: (ms: number) => Promise<void>, chunkBytes = X_CHUNK_BYTES): Promise<string> {
  const started = await client.call({
    method: 'POST',
    path: '/2/media/upload/initialize',
    json: { media_type: image.mimeType, total_bytes: image.bytes.length, media_category: 'tweet_image' },
    window: 'media',
    doing: 'an image upload',
  });
  const id = mediaOf(started.body).id;
  const path = `/2/media/upload/${encodeURIComponent(id)}`;
  for (let segment = 0, at = 0; at < image.bytes.length; segment++, at += chunkBytes) {
    const form = new FormData();
    form.append('segment_index', String(segment));
    form.append('media', new Blob([new Uint8Array(image.bytes.subarray(at, at + chunkBytes))], { type: 'application/octet-stream' }), 'chunk');
    await client.call({ method: 'POST', path: `${path}/append`, form, window: 'media', doing: 'an image upload' }, [200, 201, 204]);
  }
  const finalized = await client.call({ method: 'POST', path: `${path}/finalize`, window: 'media', doing: 'an image upload' }, [200, 201]);
  let processing = mediaOf(finalized.body).processing_info;
  for (let poll = 0; processing !== undefined && processing.state !== 'succeeded'; poll++) {
    if (processing.state === 'failed') {
      const why = processing.error?.message?.slice(0, 200);
      throw new PublishFailure('permanent', 'rejected', `X could not process the ${image.name}${why === undefined ? '' : ` (${why})`}. Replace the image and Retry.`);
    }
    if (poll >= polling.maxPolls) {
      throw new PublishFailure('retryable', 'server_error', `X was still processing the ${image.name}. Spheres tries the post again shortly.`);
    }
    await sleep(processing.check_after_secs === undefined ? polling.intervalMs : processing.check_after_secs * 1000);
    const status = await client.call({ method: 'GET', path: `/2/media/upload?command=STATUS&media_id=${encodeURIComponent(id)}`, window: 'media', doing: 'an image check' });
    processing = mediaOf(status.body).processing_info;
  }
  if (image.altText !== '') {
    await client.call(
      { method: 'POST', path: '/2/media/metadata', json: { id, metadata: { alt_text: { text: [...image.altText].slice(0, 1000).join('') } } }, window: 'media', doing: 'the image\'s alt text' },
      [200, 201],
    );
  }
  return id;
}

function mediaOf(body: unknown) {
  const parsed = MediaSchema.safeParse(body);
  if (!parsed.success) throw unreadableAnswer('an image upload');
  return parsed.data.data;
}

import { z } from 'zod';
import { PublishFailure } from '../publish-failure';
import type { LinkedInClient } from './linkedin-client';
import type { PostImage } from './post-image';

/**
 * Image types the Images API takes: "JPG, GIF, PNG"
 * (https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/images-api).
 */
const LINKEDIN_IMAGE_TYPES = new Set(['image/jpeg', 'image/png', 'image/gif']);

const InitializedSchema = z.object({
  value: z.object({ uploadUrl: z.string().url().max(4000), image: z.string().regex(/^urn:li:image:[\w-]{1,200}$/) }).loose(),
});

/** An uploaded image as a post names it: its URN and alt text. */
export interface LinkedInImage {
  id: string;
  altText: string;
}

/** The part of a post's `content` its images make: one image as `media`, 2–20 as `multiImage`. */
export function contentOf(images: readonly LinkedInImage[]): Record<string, unknown> | undefined {
  if (images.length === 0) return undefined;
  if (images.length === 1) return { media: { id: images[0]!.id, altText: images[0]!.altText } };
  return { multiImage: { images: images.map((image) => ({ id: image.id, altText: image.altText })) } };
}

/**
 * Uploads one image: POST /rest/images?action=initializeUpload with the member as owner, then a PUT
 * of the bytes to the uploadUrl it answers (same page). Nothing is posted yet, so a failure here is
 * never `unknown`: an unreadable answer is tried again later.
 */
export async function uploadImage(client: LinkedInClient, owner: string, image: PostImage): Promise<LinkedInImage> {
  if (!LINKEDIN_IMAGE_TYPES.has(image.mime)) {
    throw new PublishFailure('permanent', 'rejected', `LinkedIn takes JPEG, PNG and GIF images, not ${image.mime.replace('image/', '').toUpperCase()}. Replace the image ${image.mediaId.slice(0, 8)} and try again.`);
  }
  const answer = await client.post({ path: '/rest/images?action=initializeUpload', json: { initializeUploadRequest: { owner } }, accept: [200] });
  const initialized = InitializedSchema.safeParse(answer.body);
  if (!initialized.success) {
    throw new PublishFailure('retryable', 'server_error', 'LinkedIn\'s answer to an image upload could not be read. Nothing was posted; Spheres tries again shortly.');
  }
  await client.upload(initialized.data.value.uploadUrl, image.bytes, image.mime);
  return { id: initialized.data.value.image, altText: image.altText };
}

import { INSTAGRAM_MAX_CAROUSEL_ITEMS } from '../../../../common/networks/instagram';
import { PublishFailure } from '../publish-failure';
import type { PartRequest } from '../publisher';
import { containerFailed, type ContainerState, type HostedImages } from './meta-container';
import { type GraphClient, idIn } from './meta-graph';
import { MetaPublisher, type MetaDialect, type MetaPublisherOptions } from './meta-publisher';

/*
 * Sources (Meta's Instagram Platform documentation, Instagram API with Instagram Login):
 * - https://developers.facebook.com/docs/instagram-platform/content-publishing/ (POST /{ig-user-id}/media
 *   with image_url and caption, `alt_text` for image posts since March 2025; carousels: up to 10 item
 *   containers with is_carousel_item=true, then media_type=CAROUSEL with children; POST
 *   /{ig-user-id}/media_publish with creation_id; "we cURL media used in publishing attempts")
 * - https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-container
 *   (status_code: EXPIRED, ERROR, FINISHED, IN_PROGRESS, PUBLISHED)
 * - https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-user/content_publishing_limit
 *   (quota_usage and config.quota_total over a moving 24 hours; media_publish enforces it)
 * - https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-user/media
 *   (GET /{ig-user-id}/media: the account's own posts with id, caption, timestamp, permalink)
 */

export const INSTAGRAM_GRAPH_ORIGIN = 'https://graph.instagram.com';

async function makeInstagramContainer(
  client: GraphClient,
  userId: string,
  request: PartRequest,
  hosted: HostedImages | null,
  settle: (containerId: string) => Promise<ContainerState>,
): Promise<string> {
  const path = `/${encodeURIComponent(userId)}/media`;
  const images = hosted?.images ?? [];
  const create = async (form: Record<string, string>) => idIn(await client.call({ method: 'POST', path, form, doing: 'the making of the post' }), 'Instagram', 'the making of the post');
  if (images.length === 1) {
    const image = images[0]!;
    return create({ image_url: image.url, caption: request.text, ...(image.altText === '' ? {} : { alt_text: image.altText }) });
  }
  // Meta documents alt_text for image posts, not for carousel items: the items go without it.
  const children: string[] = [];
  for (const image of images) children.push(await create({ image_url: image.url, is_carousel_item: 'true' }));
  for (const child of children) {
    const state = await settle(child);
    if (state.status !== 'FINISHED') throw containerFailed('Instagram', state);
  }
  return create({ media_type: 'CAROUSEL', children: children.join(','), caption: request.text });
}

export const INSTAGRAM_DIALECT: MetaDialect = {
  network: 'instagram',
  name: 'Instagram',
  defaultOrigin: INSTAGRAM_GRAPH_ORIGIN,
  version: '',
  statusField: 'status_code',
  limitEdge: 'content_publishing_limit',
  publishEdge: 'media_publish',
  limited: () => true,
  check(request) {
    // The composer never splits an Instagram caption (INSTAGRAM_INFO.threads is false): a later part is a bug upstream, refused rather than posted alone.
    if (request.index > 0) throw new PublishFailure('permanent', 'rejected', 'Instagram has no threads: a caption is one post. Put the text in one part and queue it again.');
    const count = request.extras.media.length;
    if (count === 0) throw new PublishFailure('permanent', 'needs_image', 'Instagram posts need an image. Add one and queue the post again.');
    if (count > INSTAGRAM_MAX_CAROUSEL_ITEMS) {
      throw new PublishFailure('permanent', 'rejected', `Instagram takes at most ${INSTAGRAM_MAX_CAROUSEL_ITEMS} images in a post, and this one has ${count}.`);
    }
  },
  make: makeInstagramContainer,
  ownPosts: (userId) => ({ path: `/${encodeURIComponent(userId)}/media`, textField: 'caption' }),
};

/**
 * Posts to an Instagram professional account exactly once (the container flow in
 * meta-publisher.ts): one image, or a carousel of up to 10, through the media host. Instagram has
 * no content warning, so the post's warning is not sent.
 */
export class InstagramPublisher extends MetaPublisher {
  constructor(options: MetaPublisherOptions) {
    super(INSTAGRAM_DIALECT, options);
  }
}

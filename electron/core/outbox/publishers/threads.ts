import { PublishFailure } from '../publish-failure';
import type { PartRequest } from '../publisher';
import { containerFailed, type ContainerState, type HostedImages } from './meta-container';
import { type GraphClient, idIn } from './meta-graph';
import { MetaPublisher, type MetaDialect, type MetaPublisherOptions } from './meta-publisher';

/*
 * Sources (Meta's Threads API documentation):
 * - https://developers.facebook.com/docs/threads/posts and
 *   https://developers.facebook.com/documentation/threads/reference/publishing (POST /{threads-user-id}/threads:
 *   media_type TEXT, IMAGE or CAROUSEL, text, image_url, alt_text, is_carousel_item, children, reply_to_id;
 *   POST /{threads-user-id}/threads_publish with creation_id answers `{"id": <media id>}`; a carousel holds 2 to 20 items)
 * - https://developers.facebook.com/docs/threads/retrieve-and-manage-replies (replies: `reply_to_id`;
 *   GET /{threads-user-id}/replies lists the account's own replies)
 * - https://developers.facebook.com/docs/threads/threads-media (GET /{threads-user-id}/threads: the
 *   account's own posts with id, text, timestamp, permalink)
 * - https://developers.facebook.com/docs/threads/troubleshooting (container status; a container is
 *   EXPIRED when not published within 24 hours)
 * - https://developers.facebook.com/docs/threads/overview/ (250 API-published posts per 24 hours, read from
 *   GET /{threads-user-id}/threads_publishing_limit; 1,000 replies, whose count needs threads_manage_replies)
 */

export const THREADS_GRAPH_ORIGIN = 'https://graph.threads.net';
/** A Threads carousel holds at most 20 items. */
export const THREADS_MAX_CAROUSEL_ITEMS = 20;

const VERSION = '/v1.0';

async function makeThreadsContainer(
  client: GraphClient,
  userId: string,
  request: PartRequest,
  hosted: HostedImages | null,
  settle: (containerId: string) => Promise<ContainerState>,
): Promise<string> {
  const path = `${VERSION}/${encodeURIComponent(userId)}/threads`;
  const replyTo = request.index === 0 ? null : request.done.at(-1);
  if (replyTo === undefined) throw new Error('a reply needs the id of the part before it');
  const common = { text: request.text, ...(replyTo === null ? {} : { reply_to_id: replyTo.id }) };
  const images = hosted?.images ?? [];
  const create = async (form: Record<string, string>) => idIn(await client.call({ method: 'POST', path, form, doing: 'the making of the post' }), 'Threads', 'the making of the post');
  if (images.length === 0) return create({ media_type: 'TEXT', ...common });
  const withAlt = (altText: string): Record<string, string> => (altText === '' ? {} : { alt_text: altText });
  if (images.length === 1) return create({ media_type: 'IMAGE', image_url: images[0]!.url, ...withAlt(images[0]!.altText), ...common });
  const children: string[] = [];
  for (const image of images) children.push(await create({ media_type: 'IMAGE', image_url: image.url, is_carousel_item: 'true', ...withAlt(image.altText) }));
  // A carousel takes only items that are ready.
  for (const child of children) {
    const state = await settle(child);
    if (state.status !== 'FINISHED') throw containerFailed('Threads', state);
  }
  return create({ media_type: 'CAROUSEL', children: children.join(','), ...common });
}

export const THREADS_DIALECT: MetaDialect = {
  network: 'threads',
  name: 'Threads',
  defaultOrigin: THREADS_GRAPH_ORIGIN,
  version: VERSION,
  statusField: 'status',
  limitEdge: 'threads_publishing_limit',
  publishEdge: 'threads_publish',
  limited: (request) => request.index === 0,
  check(request) {
    if (request.extras.media.length > THREADS_MAX_CAROUSEL_ITEMS) {
      throw new PublishFailure('permanent', 'rejected', `Threads takes at most ${THREADS_MAX_CAROUSEL_ITEMS} images in a post, and this one has ${request.extras.media.length}.`);
    }
  },
  make: makeThreadsContainer,
  ownPosts: (userId, request) => ({ path: `${VERSION}/${encodeURIComponent(userId)}/${request.index === 0 ? 'threads' : 'replies'}`, textField: 'text' }),
};

/**
 * Posts to Threads exactly once (the container flow in meta-publisher.ts): a text post needs no
 * media host; images go through it. A thread's later parts reply to the part before (`reply_to_id`).
 * Threads has no content warning field, so the post's warning is not sent.
 */
export class ThreadsPublisher extends MetaPublisher {
  constructor(options: MetaPublisherOptions) {
    super(THREADS_DIALECT, options);
  }
}

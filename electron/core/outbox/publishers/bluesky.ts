import type * as AtprotoApi from '@atproto/api';
import { TID } from '@atproto/common-web';
import type { RemoteRef } from '../intent-file';
import type { PartRequest, Publisher } from '../publisher';
import { BLUESKY_REQUEST_TIMEOUT_MS, BlueskyAgents } from './bluesky-agent';
import { blueskyFailure } from './bluesky-failure';

const POST_COLLECTION = 'app.bsky.feed.post';

export interface BlueskyPublisherOptions {
  now(): Date;
  fetch?: typeof globalThis.fetch;
  /** How long one request may take before its outcome counts as unknown (30 s by default). */
  timeoutMs?: number;
}

/** @atproto/api loads every Bluesky lexicon (about half a second): only when the first post goes out. */
let atproto: Promise<typeof AtprotoApi> | undefined;
function loadAtproto(): Promise<typeof AtprotoApi> {
  atproto ??= import('@atproto/api');
  return atproto;
}

/**
 * Posts to Bluesky exactly once. The record key is a TID chosen by us and saved in the intent
 * before `com.atproto.repo.createRecord` carries it; when an answer is lost, `getRecord` at that key
 * decides (the reference PDS answers a reused key with HTTP 500, so the error cannot be relied on).
 * https://atproto.com/specs/record-key#record-key-type-tid
 * https://docs.bsky.app/docs/advanced-guides/posts (facets, replies)
 * Images are not sent yet (uploadBlob, alt text, aspectRatio): a later step of the outbox.
 */
export class BlueskyPublisher implements Publisher {
  readonly network = 'bluesky' as const;
  readonly #options: BlueskyPublisherOptions;
  #agents: Promise<BlueskyAgents> | undefined;

  constructor(options: BlueskyPublisherOptions) {
    this.#options = options;
  }

  newKey(): string {
    return TID.nextStr();
  }

  async sendPart(request: PartRequest): Promise<RemoteRef> {
    const agents = await this.#agentsReady();
    try {
      const { agent, did } = agents.agentFor(request.accountId, request.credentials);
      const text = new agents.api.RichText({ text: request.text });
      // Links, hashtags and mentions, with UTF-8 byte offsets; a mention's handle resolves to its DID (unresolvable ones stay plain text).
      await text.detectFacets(agent);
      const record: AtprotoApi.AppBskyFeedPost.Record = {
        $type: POST_COLLECTION,
        text: text.text,
        createdAt: this.#options.now().toISOString(),
        ...(text.facets === undefined || text.facets.length === 0 ? {} : { facets: text.facets }),
        ...(request.index === 0 ? {} : { reply: replyTo(request.done) }),
      };
      const created = await agent.com.atproto.repo.createRecord({ repo: did, collection: POST_COLLECTION, rkey: request.key, record });
      return refOf(did, request.key, created.data);
    } catch (error) {
      throw blueskyFailure(agents.api, error, this.#options.now());
    }
  }

  async findPart(request: PartRequest): Promise<RemoteRef | null> {
    const agents = await this.#agentsReady();
    try {
      const { agent, did } = agents.agentFor(request.accountId, request.credentials);
      const found = await agent.com.atproto.repo.getRecord({ repo: did, collection: POST_COLLECTION, rkey: request.key });
      if (found.data.cid === undefined) return null;
      return refOf(did, request.key, { uri: found.data.uri, cid: found.data.cid });
    } catch (error) {
      if (error instanceof agents.api.ComAtprotoRepoGetRecord.RecordNotFoundError) return null;
      throw blueskyFailure(agents.api, error, this.#options.now());
    }
  }

  #agentsReady(): Promise<BlueskyAgents> {
    this.#agents ??= loadAtproto().then(
      (api) => new BlueskyAgents(api, { fetch: this.#options.fetch ?? globalThis.fetch, timeoutMs: this.#options.timeoutMs ?? BLUESKY_REQUEST_TIMEOUT_MS }),
    );
    return this.#agents;
  }
}

/** Bluesky threads: every reply names the thread's first post (root) and the post it answers (parent). */
function replyTo(done: readonly RemoteRef[]): AtprotoApi.AppBskyFeedPost.ReplyRef {
  const root = done[0];
  const parent = done.at(-1);
  if (root?.cid === undefined || parent?.cid === undefined) throw new Error('a reply needs the uri and cid of the posts before it');
  return { root: { uri: root.id, cid: root.cid }, parent: { uri: parent.id, cid: parent.cid } };
}

function refOf(did: string, rkey: string, created: { uri: string; cid: string }): RemoteRef {
  return { id: created.uri, cid: created.cid, url: `https://bsky.app/profile/${did}/post/${rkey}` };
}

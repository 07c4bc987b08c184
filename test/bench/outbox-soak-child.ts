/**
 * The outbox engine of the soak (test/bench/outbox-soak.ts), run as its own process so the parent can
 * SIGKILL it at any moment. Every start: open the data folder, queue what the plan has that the
 * outbox does not (a kill may have come before an enqueue reached the disk), then send until every
 * target is published or waits for the person. Prints DONE_LINE and exits 0 when nothing is left.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { BlueskyPublisher, InstagramPublisher, intentIdOf, LinkedInPublisher, MastodonPublisher, OutboxEngine, ThreadsPublisher, XPublisher, type Publisher, type SendIntent } from '../../electron/core/outbox';
import { S3MediaHost } from '../../electron/core/media-host/s3-media-host';
import { nodeStorageFs } from '../../electron/core/storage';
import { CredentialsSchema, type Credentials } from '../../electron/core/vault';
import { tinyPng } from '../support/images';
import { soakLinkedInAuthor } from './soak/linkedin';
import { CONFIG_ENV, CREDENTIALS_ENV, DONE_LINE, READY_LINE, SoakChildConfigSchema, SoakPostSchema, type SoakNetworkId, type SoakPost } from './outbox-soak-plan';

const config = SoakChildConfigSchema.parse(JSON.parse(process.env[CONFIG_ENV] ?? 'null'));
const credentials: Record<string, Credentials> = z.record(z.string(), CredentialsSchema).parse(JSON.parse(process.env[CREDENTIALS_ENV] ?? 'null'));
const plan = z.array(SoakPostSchema).parse(JSON.parse(readFileSync(config.planFile, 'utf8')));
const image = tinyPng({ width: 8, height: 6 });
/** The media library names an image by its sha256: the publishers read it back by that id. */
const imageId = createHash('sha256').update(image).digest('hex');
const readMedia = async (mediaId: string): Promise<Uint8Array> => {
  if (mediaId !== imageId) throw Object.assign(new Error(`no media ${mediaId}`), { code: 'ENOENT' });
  return image;
};
const extrasOf = (post: SoakPost) =>
  post.image ? { contentWarning: '', media: [{ mediaId: imageId, mime: 'image/png', bytes: image.length, width: 8, height: 6, altText: `Alt text of ${post.postId}` }] } : undefined;

/** Each network's publisher, talking to its fault proxy; short timeouts and polls so the run keeps moving. */
function publisherFor(network: SoakNetworkId, origin: string): Publisher {
  switch (network) {
    // Link cards are not part of the soak: no page to fetch (the posts carry no links anyway).
    case 'bluesky':
      return new BlueskyPublisher({ now: () => new Date(), timeoutMs: config.requestTimeoutMs, readMedia, cardFetch: async () => new Response(null, { status: 404 }) });
    case 'mastodon':
      return new MastodonPublisher({ now: () => new Date(), serverOf: async () => origin, timeoutMs: config.requestTimeoutMs, mediaPolling: { intervalMs: 20, maxPolls: 50 }, readMedia });
    case 'linkedin':
      return new LinkedInPublisher({ now: () => new Date(), apiOrigin: origin, authorOf: async (accountId) => soakLinkedInAuthor(accountId), timeoutMs: config.requestTimeoutMs, readMedia });
    case 'x':
      return new XPublisher({ now: () => new Date(), apiOrigin: origin, timeoutMs: config.requestTimeoutMs, mediaPolling: { intervalMs: 20, maxPolls: 50 }, readMedia });
    case 'threads':
    case 'instagram': {
      const host = config.mediaHosts[network];
      const mediaHost = host === undefined ? null : new S3MediaHost(host);
      const options = { now: () => new Date(), graphOrigin: origin, timeoutMs: config.requestTimeoutMs, polling: { intervalMs: 10, maxPolls: 50 }, readMedia, mediaHost: async () => mediaHost };
      return network === 'threads' ? new ThreadsPublisher(options) : new InstagramPublisher(options);
    }
  }
}

const engine: OutboxEngine = new OutboxEngine({
  fs: nodeStorageFs,
  dataDir: config.dataDir,
  now: () => new Date(),
  random: Math.random,
  backoff: config.backoff,
  publishers: Object.fromEntries(Object.entries(config.origins).map(([network, origin]) => [network, publisherFor(network as SoakNetworkId, origin)])),
  credentials: {
    credentialsFor: async (accountId) => {
      const found = credentials[accountId];
      if (found === undefined) throw new Error(`no credentials for ${accountId}`);
      return found;
    },
  },
});

/** Published, or waiting for the person (no next attempt): nothing more this process can do. */
function settled(intent: SendIntent): boolean {
  return intent.state === 'published' || intent.state === 'failed_permanent' || (intent.state !== 'sending' && intent.nextAttemptAt === null);
}

await engine.open();
for (const post of plan) {
  for (const target of post.targets) {
    const extras = extrasOf(post);
    if (engine.get(intentIdOf(post.postId, target)) === undefined) await engine.enqueue({ postId: post.postId, target, parts: post.parts, ...(extras === undefined ? {} : { extras }) });
  }
}
console.log(READY_LINE);
for (;;) {
  await engine.sendDue();
  if (engine.list().every(settled)) break;
  const next = engine.nextDueAt();
  const wait = next === null ? 50 : Math.min(Math.max(next.getTime() - Date.now(), 5), 1_000);
  await new Promise((resolve) => setTimeout(resolve, wait));
}
console.log(DONE_LINE);
process.exit(0);

import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { startInstagramFake, startThreadsFake, type MetaFake } from '../../support/fakes/meta-fake';
import { FaultProxy } from '../../support/fault-proxy';
import { S3RVER_KEYS, startLocalS3 } from '../../support/s3-server';
import type { SoakNetwork } from './network';

/**
 * Threads or Instagram: Meta's loopback fake (written from Meta's API docs) behind a fault proxy, and a
 * local S3 server (s3rver) as the media host the child's publisher puts images on and the fake
 * downloads them from, as Meta does. Counted in the fake's published posts; the images left in the
 * bucket afterwards are counted too (each must be removed once its container is done).
 */
async function soakMeta(network: 'threads' | 'instagram'): Promise<SoakNetwork> {
  const fake: MetaFake = network === 'threads' ? await startThreadsFake() : await startInstagramFake();
  // The daily caps (Threads 250, Instagram 50) are tested in meta-faults.test.ts; a soak sends more in minutes.
  fake.posting.quotaTotal = 1_000_000;
  const proxy = await FaultProxy.start(fake.origin);
  const s3 = await startLocalS3(`soak-${network}`);
  const accountId = `${network}:${fake.user.id}`;
  // Threads finds a reply after a lost answer among the user's replies, which needs this permission.
  const token = fake.issuePostingToken(network === 'threads' ? ['threads_read_replies'] : []);
  return {
    network,
    accounts: [accountId],
    credentials: { [accountId]: { accessToken: token } },
    proxy,
    takesThreads: network === 'threads',
    needsImage: network === 'instagram',
    mediaHost: { settings: s3.settings, secretAccessKey: S3RVER_KEYS.secretAccessKey },
    async posted() {
      return fake.posting.posts.map((post) => ({ accountId, id: post.id, text: post.text, parent: post.replyToId, images: post.images.length }));
    },
    async leftOnMediaHost() {
      const client = new S3Client({ endpoint: s3.endpoint, region: s3.settings.region, forcePathStyle: true, credentials: S3RVER_KEYS });
      try {
        const listed = await client.send(new ListObjectsV2Command({ Bucket: s3.settings.bucket }));
        return listed.KeyCount ?? 0;
      } finally {
        client.destroy();
      }
    },
    async close() {
      await proxy.close();
      await fake.close();
      await s3.close();
    },
  };
}

export const soakThreads = (): Promise<SoakNetwork> => soakMeta('threads');
export const soakInstagram = (): Promise<SoakNetwork> => soakMeta('instagram');

import { mkdtemp, rm, utimes } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import type { MediaHostSettings } from '../../common/domain';

/** s3rver's one built-in key pair; it checks request signatures against it. */
export const S3RVER_KEYS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

export interface LocalS3 {
  endpoint: string;
  /** Settings for the bucket the server was started with (path style: s3rver's virtual hosts need DNS). */
  settings: MediaHostSettings;
  /** Makes an object look last modified at `at` (s3rver answers LastModified from the file's mtime). */
  backdate(key: string, at: Date): Promise<void>;
  close(): Promise<void>;
}

/** A local S3-compatible server on 127.0.0.1 with one empty bucket, in a folder of its own. */
export async function startLocalS3(bucket = 'spheres-media'): Promise<LocalS3> {
  const directory = await mkdtemp(join(tmpdir(), 'spheres-s3-'));
  const server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory, configureBuckets: [{ name: bucket, configs: [] }] });
  const address = (await server.run()) as AddressInfo;
  const endpoint = `http://127.0.0.1:${address.port}`;
  return {
    endpoint,
    settings: { endpoint, region: 'us-east-1', bucket, accessKeyId: S3RVER_KEYS.accessKeyId, pathStyle: true },
    backdate: async (key, at) => {
      const parts = key.split('/');
      const file = join(directory, bucket, ...parts.slice(0, -1), `${parts.at(-1)!}._S3rver_object`);
      await utimes(file, at, at);
    },
    close: async () => {
      server.httpServer.closeAllConnections();
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

import { createServer as createHttpServer } from 'node:http';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3MediaHost } from '../../../electron/core/media-host';
import { PublishFailure } from '../../../electron/core/outbox/publish-failure';
import { FaultProxy } from '../../support/fault-proxy';
import { S3RVER_KEYS, startLocalS3, type LocalS3 } from '../../support/s3-server';

const IMAGE = Uint8Array.from({ length: 2048 }, (_, index) => (index * 7) % 256);

let s3: LocalS3;

/** A server answering every request as S3 answers a refusal: the status and an <Error> document. */
async function s3Refusing(status: number, code: string): Promise<{ endpoint: string; close(): Promise<void> }> {
  const server = createHttpServer((request, response) => {
    request.resume();
    request.on('end', () => {
      response.writeHead(status, { 'content-type': 'application/xml' });
      response.end(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>refused</Message><RequestId>1</RequestId></Error>`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
const hosts: S3MediaHost[] = [];

function hostFor(settings: LocalS3['settings'], secretAccessKey: string = S3RVER_KEYS.secretAccessKey, timeouts: { requestTimeoutMs?: number } = {}): S3MediaHost {
  const host = new S3MediaHost({ settings, secretAccessKey, connectTimeoutMs: 2_000, ...timeouts });
  hosts.push(host);
  return host;
}

async function failureOf(promise: Promise<unknown>): Promise<PublishFailure> {
  const error = await promise.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(PublishFailure);
  return error as PublishFailure;
}

beforeAll(async () => {
  s3 = await startLocalS3();
});

afterAll(async () => {
  for (const host of hosts) host.close();
  await s3.close();
});

describe('the S3 media host against a local S3 server', () => {
  it('puts an image under an unguessable name whose presigned address answers a plain GET with the bytes and type', async () => {
    const host = hostFor(s3.settings);
    const hosted = await host.put({ bytes: IMAGE, mime: 'image/png', ttlSeconds: 600 });
    expect(hosted.key).toMatch(/^spheres\/[0-9a-f]{32}\.png$/);
    expect(hosted.url.startsWith(`${s3.endpoint}/spheres-media/${hosted.key}?`)).toBe(true);
    expect(new URL(hosted.url).searchParams.get('X-Amz-Expires')).toBe('600');
    const response = await fetch(hosted.url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(IMAGE);
    await host.remove(hosted.key);
  });

  it('gives two uploads of the same image two different names', async () => {
    const host = hostFor(s3.settings);
    const first = await host.put({ bytes: IMAGE, mime: 'image/jpeg', ttlSeconds: 60 });
    const second = await host.put({ bytes: IMAGE, mime: 'image/jpeg', ttlSeconds: 60 });
    expect(first.key).not.toBe(second.key);
    expect(first.key.endsWith('.jpg')).toBe(true);
    await host.remove(first.key);
    await host.remove(second.key);
  });

  it('removes an image: its address then answers 404, and removing it again is no error', async () => {
    const host = hostFor(s3.settings);
    const hosted = await host.put({ bytes: IMAGE, mime: 'image/webp', ttlSeconds: 600 });
    await host.remove(hosted.key);
    expect((await fetch(hosted.url)).status).toBe(404);
    await expect(host.remove(hosted.key)).resolves.toBeUndefined();
  });

  it('removes only the images put before the given time, and nothing outside spheres/', async () => {
    const host = hostFor(s3.settings);
    const old = await host.put({ bytes: IMAGE, mime: 'image/png', ttlSeconds: 600 });
    const recent = await host.put({ bytes: IMAGE, mime: 'image/png', ttlSeconds: 600 });
    const cutOff = new Date(Date.now() - 24 * 3_600_000);
    await s3.backdate(old.key, new Date(cutOff.getTime() - 60_000));
    const outsider = await fetch(`${s3.endpoint}/spheres-media/keep/me.txt`, { method: 'PUT', body: 'not ours' });
    expect(outsider.status).toBe(200);
    await s3.backdate('keep/me.txt', new Date(cutOff.getTime() - 60_000));

    expect(await host.removeOlderThan(cutOff)).toBe(1);
    expect((await fetch(old.url)).status).toBe(404);
    expect((await fetch(recent.url)).status).toBe(200);
    expect((await fetch(`${s3.endpoint}/spheres-media/keep/me.txt`)).status).toBe(200);
    await host.remove(recent.key);
  });

  it('answers a server that is down with a retryable media_host_unreachable naming the endpoint', async () => {
    const closed = await new Promise<number>((resolve) => {
      const server: Server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
    const endpoint = `http://127.0.0.1:${closed}`;
    const failure = await failureOf(hostFor({ ...s3.settings, endpoint }).put({ bytes: IMAGE, mime: 'image/png', ttlSeconds: 60 }));
    expect(failure).toMatchObject({ kind: 'retryable', code: 'media_host_unreachable' });
    expect(failure.message).toContain(`bucket "spheres-media" at ${endpoint}`);
    expect(failure.message).toContain('ECONNREFUSED');
  });

  it('answers a 503 and a server that never answers with a retryable media_host_unreachable', async () => {
    const proxy = await FaultProxy.start(s3.endpoint);
    try {
      const host = hostFor({ ...s3.settings, endpoint: proxy.url }, S3RVER_KEYS.secretAccessKey, { requestTimeoutMs: 500 });
      void proxy.inject({ kind: 'status', status: 503 });
      const busy = await failureOf(host.put({ bytes: IMAGE, mime: 'image/png', ttlSeconds: 60 }));
      expect(busy).toMatchObject({ kind: 'retryable', code: 'media_host_unreachable', status: 503 });
      expect(busy.message).toContain('HTTP 503');
      void proxy.inject({ kind: 'hang' });
      const silent = await failureOf(host.put({ bytes: IMAGE, mime: 'image/png', ttlSeconds: 60 }));
      expect(silent).toMatchObject({ kind: 'retryable', code: 'media_host_unreachable' });
      expect(silent.message).toContain('did not answer in time');
    } finally {
      await proxy.close();
    }
  });

  it('answers an access key the server does not know with a permanent media_host_refused naming it', async () => {
    const failure = await failureOf(hostFor({ ...s3.settings, accessKeyId: 'NOT-A-KEY' }).put({ bytes: IMAGE, mime: 'image/png', ttlSeconds: 60 }));
    expect(failure).toMatchObject({ kind: 'permanent', code: 'media_host_refused', status: 403 });
    expect(failure.message).toBe(`The media host refused: ${s3.endpoint} does not know the access key ID "NOT-A-KEY", so the image could not be uploaded. Check Settings → Media host.`);
  });

  // s3rver checks the access key id but not a SigV4 signature (its authentication middleware:
  // "Signature version 4 calculation is unimplemented"), so S3's own refusals come from a stand-in.
  it.each([
    ['SignatureDoesNotMatch', 'did not accept the secret access key for "S3RVER"'],
    ['AccessDenied', 'the keys may not write to bucket "spheres-media"'],
  ])('answers S3\'s 403 %s with a permanent media_host_refused', async (code, words) => {
    const refusing = await s3Refusing(403, code);
    try {
      const failure = await failureOf(hostFor({ ...s3.settings, endpoint: refusing.endpoint }, 'wrong-secret').put({ bytes: IMAGE, mime: 'image/png', ttlSeconds: 60 }));
      expect(failure).toMatchObject({ kind: 'permanent', code: 'media_host_refused', status: 403 });
      expect(failure.message).toContain(words);
      expect(failure.message).toContain(refusing.endpoint);
    } finally {
      await refusing.close();
    }
  });

  it('answers a bucket that does not exist with a permanent media_host_refused naming the bucket', async () => {
    const failure = await failureOf(hostFor({ ...s3.settings, bucket: 'no-such-bucket' }).put({ bytes: IMAGE, mime: 'image/png', ttlSeconds: 60 }));
    expect(failure).toMatchObject({ kind: 'permanent', code: 'media_host_refused', status: 404 });
    expect(failure.message).toContain(`there is no bucket "no-such-bucket" at ${s3.endpoint}`);
  });
});

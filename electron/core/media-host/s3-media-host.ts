import { randomBytes } from 'node:crypto';
import { DeleteObjectCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { MediaHostSettings } from '../../../common/domain';
import type { HostedImage, HostedImageInput, MediaHost } from '../outbox/media-host';
import { s3Failure } from './s3-failure';

/** Everything Spheres puts in the bucket sits under this prefix, so cleaning up never touches anything else. */
export const MEDIA_HOST_PREFIX = 'spheres/';

/** SigV4 presigned addresses live at most seven days: https://docs.aws.amazon.com/AmazonS3/latest/userguide/using-presigned-url.html */
export const MAX_PRESIGN_SECONDS = 604_800;

const EXTENSIONS: Readonly<Record<string, string>> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/gif': 'gif', 'image/webp': 'webp' };

export interface S3MediaHostOptions {
  settings: MediaHostSettings;
  secretAccessKey: string;
  /** Connect and whole-request deadlines; tests shorten them. */
  connectTimeoutMs?: number;
  requestTimeoutMs?: number;
}

/**
 * The media host over an S3-compatible bucket (AWS S3, Cloudflare R2, Backblaze B2, MinIO, …).
 * An upload goes under a fresh random name each time, so sending one again can never overwrite
 * another post's image; an upload whose answer was lost leaves at most an orphan, which
 * removeOlderThan clears.
 */
export class S3MediaHost implements MediaHost {
  readonly #client: S3Client;
  readonly #settings: MediaHostSettings;

  constructor(options: S3MediaHostOptions) {
    this.#settings = options.settings;
    this.#client = new S3Client({
      endpoint: options.settings.endpoint,
      region: options.settings.region,
      forcePathStyle: options.settings.pathStyle,
      credentials: { accessKeyId: options.settings.accessKeyId, secretAccessKey: options.secretAccessKey },
      // The outbox decides when to try again; the SDK's own retries would only hide a host that is down.
      maxAttempts: 1,
      // Flexible checksums (CRC32 headers) are refused by several S3-compatible servers; MD5-era behaviour works everywhere.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      requestHandler: {
        connectionTimeout: options.connectTimeoutMs ?? 10_000,
        requestTimeout: options.requestTimeoutMs ?? 60_000,
        throwOnRequestTimeout: true,
      },
    });
  }

  async put(image: HostedImageInput): Promise<HostedImage> {
    if (!Number.isInteger(image.ttlSeconds) || image.ttlSeconds < 1 || image.ttlSeconds > MAX_PRESIGN_SECONDS) {
      throw new RangeError(`ttlSeconds must be a whole number from 1 to ${MAX_PRESIGN_SECONDS}, got ${image.ttlSeconds}`);
    }
    // 128 random bits: nobody finds the image before Meta fetches it and it is gone.
    const key = `${MEDIA_HOST_PREFIX}${randomBytes(16).toString('hex')}.${EXTENSIONS[image.mime] ?? 'bin'}`;
    await this.#send('upload', () =>
      this.#client.send(new PutObjectCommand({ Bucket: this.#settings.bucket, Key: key, Body: image.bytes, ContentType: image.mime, ContentLength: image.bytes.byteLength })),
    );
    const url = await getSignedUrl(this.#client, new GetObjectCommand({ Bucket: this.#settings.bucket, Key: key }), { expiresIn: image.ttlSeconds });
    return { key, url };
  }

  async remove(key: string): Promise<void> {
    if (!key.startsWith(MEDIA_HOST_PREFIX)) throw new RangeError(`Spheres only removes what it put under ${MEDIA_HOST_PREFIX}`);
    // DeleteObject answers 204 for a key that is already gone, so a second remove is no error.
    await this.#send('delete', () => this.#client.send(new DeleteObjectCommand({ Bucket: this.#settings.bucket, Key: key })));
  }

  async removeOlderThan(before: Date): Promise<number> {
    let removed = 0;
    let token: string | undefined;
    do {
      const page = await this.#send('list', () =>
        this.#client.send(new ListObjectsV2Command({ Bucket: this.#settings.bucket, Prefix: MEDIA_HOST_PREFIX, ...(token === undefined ? {} : { ContinuationToken: token }) })),
      );
      for (const object of page.Contents ?? []) {
        if (object.Key === undefined || object.LastModified === undefined || object.LastModified >= before) continue;
        await this.remove(object.Key);
        removed++;
      }
      token = page.IsTruncated === true ? page.NextContinuationToken : undefined;
    } while (token !== undefined);
    return removed;
  }

  /** Ends the client's sockets (the Settings test makes a host for one check). */
  close(): void {
    this.#client.destroy();
  }

  async #send<T>(action: 'upload' | 'delete' | 'list', call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      throw s3Failure(error, action, this.#settings);
    }
  }
}

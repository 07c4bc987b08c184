/**
 * Where Threads and Instagram fetch a post's images from. Meta's APIs take an image only as a
 * public address (`image_url`) and download it while the container is made, so each image goes
 * up just before its container is created, under an unguessable name with a short-lived address,
 * and is removed once the container is finished or failed. The S3 implementation (Settings →
 * Media host, the secret in the keychain) lives in electron/core/media-host/; publishers see only this.
 */
export interface MediaHost {
  /**
   * Uploads one image and answers an address anyone can GET for `ttlSeconds`. Throws a
   * PublishFailure: `media_host_unreachable` (retryable) or `media_host_refused` (permanent).
   */
  put(image: HostedImageInput): Promise<HostedImage>;
  /** Removes an uploaded image; an image already gone is not an error. */
  remove(key: string): Promise<void>;
  /** Removes every image Spheres put there before `before` (the ones a crash left behind). */
  removeOlderThan(before: Date): Promise<number>;
}

export interface HostedImageInput {
  bytes: Uint8Array;
  mime: string;
  ttlSeconds: number;
}

export interface HostedImage {
  /** The object's name in the bucket (what `remove` takes). */
  key: string;
  /** The presigned GET address Meta downloads from. */
  url: string;
}

/** The media host as the outbox finds it: null when the person has not set one up. */
export type MediaHostPort = () => Promise<MediaHost | null>;

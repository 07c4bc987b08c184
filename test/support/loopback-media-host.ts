import { randomBytes } from 'node:crypto';
import type { HostedImage, HostedImageInput, MediaHost, MediaHostPort } from '../../electron/core/outbox/media-host';
import { PublishFailure } from '../../electron/core/outbox/publish-failure';
import { LoopbackSite } from './loopback-site';

/**
 * A media host for tests: images go onto a LoopbackSite (127.0.0.1) under an unguessable path,
 * where the Meta fakes download them. Records what was put and removed, and can be made to be
 * down (`media_host_unreachable`) or to refuse uploads (`media_host_refused`), as the S3 one does.
 */
export class LoopbackMediaHost implements MediaHost {
  /** What happens to the next uploads: `broken_links` takes them but serves nothing at their addresses (Meta cannot download). */
  mode: 'up' | 'down' | 'refusing' | 'broken_links' = 'up';
  readonly uploads: { key: string; url: string; bytes: Uint8Array; mime: string; ttlSeconds: number; at: number }[] = [];
  readonly removed: string[] = [];

  private constructor(readonly site: LoopbackSite) {}

  static async start(): Promise<LoopbackMediaHost> {
    return new LoopbackMediaHost(await LoopbackSite.start());
  }

  /** The port as the outbox takes it. */
  readonly port: MediaHostPort = async () => this;

  /** Keys uploaded and not removed: what would be left in the bucket. */
  left(): string[] {
    return this.uploads.map((entry) => entry.key).filter((key) => !this.removed.includes(key));
  }

  async put(image: HostedImageInput): Promise<HostedImage> {
    if (this.mode === 'down') throw new PublishFailure('retryable', 'media_host_unreachable', 'Spheres could not reach the media host (ECONNREFUSED). The post waits and tries again.');
    if (this.mode === 'refusing') throw new PublishFailure('permanent', 'media_host_refused', 'The media host refused the upload (AccessDenied). Check its keys in Settings → Media host.');
    const key = `spheres/${randomBytes(16).toString('hex')}`;
    if (this.mode !== 'broken_links') this.site.pages.set(`/${key}`, { contentType: image.mime, body: image.bytes });
    const url = `${this.site.origin}/${key}`;
    this.uploads.push({ key, url, bytes: image.bytes, mime: image.mime, ttlSeconds: image.ttlSeconds, at: Date.now() });
    return { key, url };
  }

  async remove(key: string): Promise<void> {
    this.site.pages.delete(`/${key}`);
    this.removed.push(key);
  }

  async removeOlderThan(before: Date): Promise<number> {
    const old = this.left().filter((key) => (this.uploads.find((entry) => entry.key === key)?.at ?? 0) < before.getTime());
    for (const key of old) await this.remove(key);
    return old.length;
  }

  close(): Promise<void> {
    return this.site.close();
  }
}

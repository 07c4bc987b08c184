import { AppError } from '../../../common/api';
import type { MediaHostSave, MediaHostSettings, MediaHostStatus, MediaHostTestResult, Settings } from '../../../common/domain';
import type { MediaHost, MediaHostPort } from '../outbox/media-host';
import { findPublishFailure, PublishFailure } from '../outbox/publish-failure';
import { VaultError, type CredentialVault } from '../vault';
import { S3MediaHost } from './s3-media-host';

/** The keychain item of the media host: the access key pair (id and secret), beside the accounts' items. */
export const MEDIA_HOST_VAULT_ID = 'media-host';

/** A 1×1 transparent PNG: the smallest image "Test the media host" can put, fetch and compare. */
const TEST_IMAGE = Uint8Array.from(
  Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64'),
);

export interface MediaHostServiceOptions {
  settings: { get(): Settings; update(patch: Partial<Settings>): Settings };
  vault: CredentialVault;
  /** The plain GET "Test the media host" fetches the presigned address with, as Meta would. */
  fetch: typeof globalThis.fetch;
  /** Test hook: how a host is made from its settings and secret. */
  createHost?: (settings: MediaHostSettings, secretAccessKey: string) => MediaHost & { close?(): void };
}

type Step = MediaHostTestResult['steps'][number];

/**
 * Settings → Media host, and the port the Threads and Instagram publishers get their media host
 * through. The settings (not secret) live in the settings store; the secret access key only in
 * the keychain, and it never leaves the main process.
 */
export class MediaHostService {
  readonly #options: MediaHostServiceOptions;
  readonly #createHost: (settings: MediaHostSettings, secretAccessKey: string) => MediaHost & { close?(): void };
  /** One client per settings and secret, so its sockets are reused from post to post. */
  #cached: { fingerprint: string; host: MediaHost & { close?(): void } } | null = null;

  constructor(options: MediaHostServiceOptions) {
    this.#options = options;
    this.#createHost = options.createHost ?? ((settings, secretAccessKey) => new S3MediaHost({ settings, secretAccessKey }));
  }

  async status(): Promise<MediaHostStatus> {
    const settings = this.#options.settings.get().mediaHost;
    const stored = await this.#stored();
    return { settings, hasSecret: stored?.clientSecret !== undefined };
  }

  /** Changes what the save names and nothing else; the secret first, so a locked keychain changes nothing. */
  async save(patch: MediaHostSave): Promise<MediaHostStatus> {
    const current = this.#options.settings.get().mediaHost;
    const stored = await this.#stored();
    const merged = {
      endpoint: patch.endpoint ?? current?.endpoint,
      region: patch.region ?? current?.region,
      bucket: patch.bucket ?? current?.bucket,
      accessKeyId: patch.accessKeyId ?? current?.accessKeyId,
      pathStyle: patch.pathStyle ?? current?.pathStyle ?? false,
    };
    const missing = (['endpoint', 'region', 'bucket', 'accessKeyId'] as const).filter((key) => merged[key] === undefined);
    const secret = patch.secretAccessKey ?? stored?.clientSecret;
    if (missing.length > 0 || secret === undefined) {
      const names = [...missing.map((key) => FIELD_NAMES[key]), ...(secret === undefined ? ['the secret access key'] : [])];
      throw new AppError('invalid_input', `To set up the media host, enter ${joinWords(names)} as well. Nothing was saved.`, { missing: [...missing, ...(secret === undefined ? ['secretAccessKey'] : [])] });
    }
    const next = merged as MediaHostSettings;
    if (patch.secretAccessKey !== undefined || stored?.clientId !== next.accessKeyId) {
      await this.#options.vault.set(MEDIA_HOST_VAULT_ID, { clientId: next.accessKeyId, clientSecret: secret });
    }
    this.#options.settings.update({ mediaHost: next });
    return { settings: next, hasSecret: true };
  }

  /** Forgets the settings and the secret. */
  async remove(): Promise<MediaHostStatus> {
    await this.#options.vault.delete(MEDIA_HOST_VAULT_ID);
    if (this.#options.settings.get().mediaHost !== null) this.#options.settings.update({ mediaHost: null });
    this.#drop();
    return { settings: null, hasSecret: false };
  }

  /** What the publishers call: null when no media host is set up; a PublishFailure when it cannot be used now. */
  readonly port: MediaHostPort = async () => {
    const settings = this.#options.settings.get().mediaHost;
    if (settings === null) return null;
    let stored;
    try {
      stored = await this.#stored();
    } catch (error) {
      // A locked keychain opens again; the post waits for it rather than failing for good.
      const reason = error instanceof VaultError ? error.message : 'Spheres could not read the keychain.';
      throw new PublishFailure('retryable', 'media_host_unreachable', `The media host's secret access key could not be read: ${reason}`, { cause: error });
    }
    if (stored?.clientSecret === undefined) {
      throw new PublishFailure(
        'permanent',
        'media_host_refused',
        `The media host's secret access key (bucket "${settings.bucket}") is missing from the keychain or damaged there. Enter it again in Settings → Media host.`,
      );
    }
    return this.#hostFor(settings, stored.clientSecret);
  };

  /**
   * "Test the media host" with the saved settings: put a tiny image, fetch its presigned address
   * with a plain GET as Meta would, delete it. A failed download still deletes what went up.
   */
  async test(): Promise<MediaHostTestResult> {
    const settings = this.#options.settings.get().mediaHost;
    if (settings === null) throw new AppError('invalid_input', 'Set up the media host first: enter its endpoint, region, bucket and keys, and save.');
    const stored = await this.#stored();
    if (stored?.clientSecret === undefined) throw new AppError('invalid_input', 'The secret access key is not in the keychain: enter it and save, then test again.');
    const host = this.#createHost(settings, stored.clientSecret);
    const steps: Step[] = [];
    try {
      let key: string;
      let url: string;
      try {
        ({ key, url } = await host.put({ bytes: TEST_IMAGE, mime: 'image/png', ttlSeconds: 300 }));
        steps.push({ step: 'upload', outcome: 'passed', message: null });
      } catch (error) {
        steps.push({ step: 'upload', outcome: 'failed', message: failureText(error) });
        steps.push({ step: 'download', outcome: 'skipped', message: null }, { step: 'delete', outcome: 'skipped', message: null });
        return { ok: false, steps };
      }
      steps.push(await this.#download(url, settings));
      try {
        await host.remove(key);
        steps.push({ step: 'delete', outcome: 'passed', message: null });
      } catch (error) {
        steps.push({ step: 'delete', outcome: 'failed', message: failureText(error) });
      }
      return { ok: steps.every((step) => step.outcome === 'passed'), steps };
    } finally {
      host.close?.();
    }
  }

  /** Removes images a crash left behind (each lives minutes; a day old is surely abandoned). */
  async sweep(before: Date): Promise<number> {
    const host = await this.port();
    return host === null ? 0 : host.removeOlderThan(before);
  }

  close(): void {
    this.#drop();
  }

  async #download(url: string, settings: MediaHostSettings): Promise<Step> {
    try {
      // No headers, no credentials: exactly what a stranger on the internet (Meta) can do.
      const response = await this.#options.fetch(url, { signal: AbortSignal.timeout(30_000) });
      const bytes = new Uint8Array(await response.arrayBuffer());
      if (!response.ok) {
        return {
          step: 'download',
          outcome: 'failed',
          message: `The image's presigned address at ${settings.endpoint} answered HTTP ${response.status}: Threads and Instagram could not fetch it either. Check that the endpoint is the address the public reaches and that the region is right.`,
        };
      }
      if (bytes.length !== TEST_IMAGE.length || !bytes.every((byte, index) => byte === TEST_IMAGE[index])) {
        return { step: 'download', outcome: 'failed', message: `The image's presigned address at ${settings.endpoint} answered, but not with the image that was uploaded.` };
      }
      return { step: 'download', outcome: 'passed', message: null };
    } catch (error) {
      return {
        step: 'download',
        outcome: 'failed',
        message: `Spheres could not download the image from its presigned address at ${settings.endpoint} (${error instanceof Error ? error.message : String(error)}).`,
      };
    }
  }

  /**
   * The key pair in the keychain. A damaged item counts as none, so entering the secret again
   * repairs it; a locked or missing keychain is an error the person must hear.
   */
  async #stored(): Promise<{ clientId?: string; clientSecret?: string } | null> {
    try {
      return await this.#options.vault.get(MEDIA_HOST_VAULT_ID);
    } catch (error) {
      if (error instanceof VaultError && error.code === 'credentials_corrupt') return null;
      throw error;
    }
  }

  #hostFor(settings: MediaHostSettings, secret: string): MediaHost {
    const fingerprint = JSON.stringify([settings, secret]);
    if (this.#cached?.fingerprint !== fingerprint) {
      this.#drop();
      this.#cached = { fingerprint, host: this.#createHost(settings, secret) };
    }
    return this.#cached.host;
  }

  #drop(): void {
    this.#cached?.host.close?.();
    this.#cached = null;
  }
}

const FIELD_NAMES = { endpoint: 'the endpoint', region: 'the region', bucket: 'the bucket', accessKeyId: 'the access key ID' } as const;

function joinWords(words: readonly string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)!}`;
}

function failureText(error: unknown): string {
  return findPublishFailure(error)?.message ?? (error instanceof Error ? error.message : String(error));
}

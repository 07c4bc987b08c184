import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { MediaRef } from '../../common/domain';

/** An image a test attaches to a post: its bytes, type and alt text. */
export interface TestImage {
  bytes: Uint8Array;
  mime: string;
  altText: string;
}

/**
 * A fresh data folder for an outbox under test, holding the rest of a data folder (an empty posts
 * index) that a publish must leave as it is.
 */
export function outboxDataDir(name: string): string {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `spheres-${name}-outbox-`));
  mkdirSync(path.join(dataDir, 'posts'));
  writeFileSync(path.join(dataDir, 'posts', 'index.json'), '{"schemaVersion":1,"entries":[]}');
  return dataDir;
}

/** The media library as the publishers read it in these tests: image bytes by media id (their sha256). */
export class TestMediaLibrary {
  readonly bytes = new Map<string, Uint8Array>();

  /** The publishers' `readMedia`. */
  readonly read = async (mediaId: string): Promise<Uint8Array> => {
    const bytes = this.bytes.get(mediaId);
    if (bytes === undefined) throw new Error(`no image ${mediaId} in the test's library`);
    return bytes;
  };

  /** Puts the images in the library and answers their refs, as a post holds them. */
  attach(images: readonly TestImage[]): MediaRef[] {
    return images.map(({ bytes, mime, altText }) => {
      const mediaId = createHash('sha256').update(bytes).digest('hex');
      this.bytes.set(mediaId, bytes);
      return { mediaId, mime, bytes: bytes.length, altText };
    });
  }
}

let postCounter = 0;

/** A post id no other test of this process uses. */
export function testPostId(): string {
  return `post-${String(++postCounter).padStart(4, '0')}-${process.pid}`;
}

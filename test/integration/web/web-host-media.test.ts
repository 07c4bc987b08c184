import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core';
import { readMediaForUrl } from '../../../electron/core/media';
import { readRendererFile } from '../../../electron/core/security';
import { startWebHost, type WebHost } from '../../../electron/web/server';
import { tinyPng } from '../../support/images';
import { inProcessApp } from '../../support/in-process-app';
import { sessionCaller, webHostSession } from '../../support/web-host-session';

/*
 * What /media/<id> answers when the media folder holds something other than the image it should:
 * the web host and the desktop app:// handler share readMediaForUrl, so this covers both.
 */

let host: WebHost;
let core: Core;
let auth: { Authorization: string };

beforeEach(async () => {
  const rendererDir = mkdtempSync(path.join(os.tmpdir(), 'spheres-renderer-'));
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><html><head></head><body>the app</body></html>');
  core = (await inProcessApp()).core;
  host = await startWebHost({ core, rendererDir, token: 'media-test-token-8d2e', port: 0 });
  auth = await webHostSession(host.url);
});

afterEach(async () => {
  await host.close();
});

const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');

/** The place in the media folder an id names (media/ab/abcdef…). */
function placeOf(id: string): string {
  const shard = path.join(core.media.dir, id.slice(0, 2));
  mkdirSync(shard, { recursive: true });
  return path.join(shard, id);
}

function media(id: string): Promise<Response> {
  return fetch(`${host.origin}/media/${id}`, { headers: auth });
}

async function expectNotFound(id: string): Promise<void> {
  const response = await media(id);
  expect(response.status).toBe(404);
  expect(response.headers.get('content-type')).not.toContain('text/html');
  expect(await response.text()).not.toContain('the app');
}

describe('the media route', () => {
  it('serves a stored image with its type', async () => {
    const png = tinyPng();
    const { mediaId } = await core.media.importBytes(png, 'chart.png');
    const response = await media(mediaId);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await response.arrayBuffer()).equals(png)).toBe(true);
  });

  it('answers 404, not the app page, for an id the library does not hold', async () => {
    await expectNotFound(sha256('never stored'));
    await expectNotFound('not-an-id');
  });

  it('answers 404 for a stored file that is not an image', async () => {
    const text = 'just some notes, not a picture';
    writeFileSync(placeOf(sha256(text)), text);
    await expectNotFound(sha256(text));
  });

  it('answers 404 for a file whose bytes do not match its id', async () => {
    const id = sha256(tinyPng({ rgb: [1, 2, 3] }));
    writeFileSync(placeOf(id), tinyPng({ rgb: [200, 0, 0] }));
    await expectNotFound(id);
  });

  it('answers 404 for a link to /dev/zero and a FIFO named as images, and saves keep answering meanwhile', async () => {
    const linkId = sha256('a link to /dev/zero');
    symlinkSync('/dev/zero', placeOf(linkId));
    const fifoId = sha256('a named pipe');
    execFileSync('mkfifo', [placeOf(fifoId)]);
    // More requests than libuv has file threads (4): a blocking open of the FIFO would take them all.
    const hostile = Array.from({ length: 6 }, () => [media(linkId), media(fifoId)]).flat();
    const saved = await sessionCaller(host.origin, auth)('posts.saveDraft', { id: 'post-during-media', text: 'Still saving' });
    expect(saved).toMatchObject({ ok: true, value: { id: 'post-during-media', text: 'Still saving' } });
    const answers = await Promise.all(hostile);
    expect(answers.map((answer) => answer.status)).toEqual(new Array<number>(12).fill(404));
    await Promise.all(answers.map((answer) => answer.arrayBuffer()));
  }, 30_000);
});

describe("the desktop app:// handler's pieces", () => {
  it('find no file for an image that cannot be served, so the handler answers 404 rather than the app page', async () => {
    const linkId = sha256('another link to /dev/zero');
    symlinkSync('/dev/zero', placeOf(linkId));
    const textId = sha256('plain text');
    writeFileSync(placeOf(textId), 'plain text');
    const rendererDir = mkdtempSync(path.join(os.tmpdir(), 'spheres-renderer-'));
    writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><html><body>the app</body></html>');
    for (const id of [linkId, textId, sha256('missing')]) {
      expect(await readMediaForUrl(core.media, `/media/${id}`), id).toBeNull();
      expect(await readRendererFile(rendererDir, `/media/${id}`), id).toBeNull();
    }
    expect(await readRendererFile(rendererDir, '/calendar')).toMatchObject({ contentType: 'text/html; charset=utf-8' });
  });
});

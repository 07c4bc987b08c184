import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Core } from '../../../electron/core';
import { startWebHost, type WebHost } from '../../../electron/web/server';
import { inProcessApp } from '../../support/in-process-app';
import { webHostSession } from '../../support/web-host-session';

/*
 * POST /api/upload/library: the web host's half of library.importChosen. The bridge streams the
 * picked archive as the body; the host keeps it in <data>/uploads/ only while it imports it.
 */

const MAX_UPLOAD_BYTES = 256 * 1024;
const EVERY_POST = { offset: 0, limit: 100, sort: 'updated' } as const;

let host: WebHost;
let core: Core;
let auth: Record<string, string>;
let archive: Buffer;

beforeEach(async () => {
  const rendererDir = mkdtempSync(path.join(os.tmpdir(), 'spheres-renderer-'));
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><html><head></head><body>the app</body></html>');
  const source = await inProcessApp();
  await source.api.posts.saveDraft({ id: 'uploaded-post-0001', text: 'Came in through the upload', tone: 'blend' });
  archive = readFileSync((await source.api.library.export()).file!);
  await source.core.close();
  core = (await inProcessApp()).core;
  host = await startWebHost({ core, rendererDir, token: 'upload-test-token-3f9a', port: 0, upload: { maxBytes: MAX_UPLOAD_BYTES, deadlineMs: 60_000 } });
  auth = await webHostSession(host.url);
});

afterEach(async () => {
  await host.close();
  await core.close();
});

function upload(body: NonNullable<RequestInit['body']>, headers: Record<string, string> = {}, name = 'my export.zip', signal?: AbortSignal): Promise<Response> {
  return fetch(`${host.origin}/api/upload/library?name=${encodeURIComponent(name)}`, {
    method: 'POST',
    headers: { ...auth, 'Content-Type': 'application/zip', ...headers },
    body,
    duplex: 'half',
    ...(signal === undefined ? {} : { signal }),
  } as RequestInit);
}

/** What the upload folder holds: nothing, once an upload is answered. */
function uploadsLeft(): string[] {
  const folder = path.join(core.dataDir, 'uploads');
  return existsSync(folder) ? readdirSync(folder) : [];
}

async function postIds(): Promise<string[]> {
  return (await core.posts.query(EVERY_POST)).items.map((item) => item.id);
}

/** A body the browser would stream in pieces, with no Content-Length for the host to check first. */
function streamOf(bytes: Buffer, pieces = 8): ReadableStream<Uint8Array> {
  const size = Math.ceil(bytes.length / pieces);
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      controller.enqueue(new Uint8Array(bytes.subarray(at, at + size)));
      at += size;
    },
  });
}

describe('uploading an archive to the web host', () => {
  it('removes an upload an earlier run left behind when it crashed', async () => {
    mkdirSync(path.join(core.dataDir, 'uploads'), { recursive: true });
    writeFileSync(path.join(core.dataDir, 'uploads', 'library-0123456789abcdef.zip'), archive);
    const next = await startWebHost({ core, rendererDir: mkdtempSync(path.join(os.tmpdir(), 'spheres-renderer-')), token: 'upload-restart-token-5be0', port: 0 });
    await next.close();
    expect(uploadsLeft()).toEqual([]);
  });

  it('imports the uploaded archive, answers the counts, and keeps no copy of it', async () => {
    const response = await upload(streamOf(archive));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, value: { added: 1, updated: 0, unchanged: 0, mediaAdded: 0 } });
    expect(await postIds()).toEqual(['uploaded-post-0001']);
    expect((await core.posts.get('uploaded-post-0001')).text).toBe('Came in through the upload');
    expect(uploadsLeft()).toEqual([]);
  });

  it('refuses an upload without this tab\'s session, and imports nothing', async () => {
    const response = await upload(archive, { Authorization: 'Bearer not-the-session' });
    expect(response.status).toBe(401);
    const bare = await fetch(`${host.origin}/api/upload/library`, { method: 'POST', headers: { 'Content-Type': 'application/zip' }, body: archive });
    expect(bare.status).toBe(401);
    expect(await postIds()).toEqual([]);
    expect(uploadsLeft()).toEqual([]);
  });

  it('answers 415 to a body that is not sent as application/zip', async () => {
    for (const type of ['application/json', 'text/plain', 'application/zipx', 'multipart/form-data; boundary=x']) {
      const response = await upload(archive, { 'Content-Type': type });
      expect(response.status, type).toBe(415);
      expect(await response.json()).toEqual({ ok: false, error: { code: 'invalid_input', message: 'Send the archive as application/zip.' } });
    }
    expect(await postIds()).toEqual([]);
    expect(uploadsLeft()).toEqual([]);
  });

  it('answers 413 to an archive over the cap, whether it says its size or not, and keeps none of it', async () => {
    const tooLarge = Buffer.concat([archive, Buffer.alloc(MAX_UPLOAD_BYTES)]);
    for (const body of [tooLarge, streamOf(tooLarge)]) {
      const response = await upload(body);
      expect(response.status).toBe(413);
      const answer = (await response.json()) as { ok: boolean; error: { code: string; message: string } };
      expect(answer.ok).toBe(false);
      expect(answer.error.message).toBe('my export.zip is larger than the 256 KB the web host takes in one import. Nothing was changed.');
      expect(uploadsLeft()).toEqual([]);
    }
    expect(await postIds()).toEqual([]);
  });

  it('removes what arrived of an upload the page abandoned', async () => {
    const halfway = new AbortController();
    const stalled = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new Uint8Array(archive.subarray(0, archive.length / 2)));
      },
    });
    const answered = upload(stalled, {}, 'abandoned.zip', halfway.signal).catch((error: unknown) => error);
    await vi.waitFor(() => expect(uploadsLeft()).toHaveLength(1));
    halfway.abort();
    expect(await answered).toMatchObject({ name: 'AbortError' });
    await vi.waitFor(() => expect(uploadsLeft()).toEqual([]));
    expect(await postIds()).toEqual([]);
  });

  it('names the uploaded file when it is not an archive, changes nothing, and removes the upload', async () => {
    await core.posts.saveDraft({ id: 'kept-post-0001', text: 'Already here' });
    const response = await upload(Buffer.from('not a zip at all'), {}, 'holiday posts.zip');
    expect(response.status).toBe(200);
    const answer = (await response.json()) as { ok: boolean; error: { code: string; message: string } };
    expect(answer.ok).toBe(false);
    expect(answer.error.code).toBe('invalid_archive');
    expect(answer.error.message).toMatch(/^holiday posts\.zip cannot be imported: it is not a zip file/);
    expect(answer.error.message).not.toContain(core.dataDir);
    expect(await postIds()).toEqual(['kept-post-0001']);
    expect(uploadsLeft()).toEqual([]);
  });

  it('answers 408 to an upload that stops arriving before its deadline, and keeps none of it', async () => {
    const slowHost = await startWebHost({ core, rendererDir: mkdtempSync(path.join(os.tmpdir(), 'spheres-renderer-')), token: 'upload-slow-token-77c1', port: 0, upload: { deadlineMs: 200 } });
    try {
      const slowAuth = await webHostSession(slowHost.url);
      // Half the archive, then nothing more: a page that hangs mid-upload.
      const stalled = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new Uint8Array(archive.subarray(0, archive.length / 2)));
        },
      });
      const response = await fetch(`${slowHost.origin}/api/upload/library?name=stalled.zip`, {
        method: 'POST',
        headers: { ...slowAuth, 'Content-Type': 'application/zip' },
        body: stalled,
        duplex: 'half',
      } as RequestInit);
      expect(response.status).toBe(408);
      expect(await response.json()).toEqual({
        ok: false,
        error: { code: 'invalid_input', message: 'stalled.zip did not arrive within 1 s, so it was not imported. Nothing was changed.' },
      });
      expect(uploadsLeft()).toEqual([]);
      expect(await postIds()).toEqual([]);
    } finally {
      await slowHost.close();
    }
  });
});

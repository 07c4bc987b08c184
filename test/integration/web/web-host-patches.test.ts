import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startWebHost, type WebHost } from '../../../electron/web/server';
import { inProcessApp } from '../../support/in-process-app';
import { sessionCaller, strictCaller, webHostSession } from '../../support/web-host-session';

const TOKEN = 'test-token-patches';
let host: WebHost;
/** One call through the web host, as the browser's bridge makes it; the answer's value, or a failed test. */
let call: (method: string, input: unknown) => Promise<Record<string, unknown>>;

beforeEach(async () => {
  const rendererDir = mkdtempSync(path.join(os.tmpdir(), 'spheres-renderer-'));
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><html><body></body></html>');
  mkdirSync(path.join(rendererDir, 'assets'));
  host = await startWebHost({ core: (await inProcessApp()).core, rendererDir, token: TOKEN, port: 0 });
  call = strictCaller(sessionCaller(host.origin, await webHostSession(host.url)));
});

afterEach(async () => {
  await host.close();
});

const FULL_DRAFT = {
  id: 'summit-talk-0316',
  tone: 'professional',
  text: 'Speaking at the fintech summit.\n---\nSlides after the talk.',
  overrides: { linkedin: 'Speaking at the fintech summit on Monday: come and say hello.' },
  targets: [{ network: 'linkedin' }, { network: 'mastodon' }],
  media: [{ mediaId: 'a'.repeat(64), mime: 'image/png', bytes: 2048, width: 800, height: 600, altText: 'The stage before the doors open.' }],
  contentWarning: 'work talk',
  threadNumbering: true,
  planned: { at: '2026-03-16T08:00:00.000Z', zone: 'Europe/Copenhagen' },
};

describe('a save through the web host that names some fields', () => {
  it('keeps networks, images, alt text, overrides, content warning and thread numbering when only the planned time is saved', async () => {
    const before = await call('posts.saveDraft', FULL_DRAFT);
    const planned = { at: '2026-03-17T08:00:00.000Z', zone: 'Europe/Copenhagen' };
    await call('posts.saveDraft', { id: FULL_DRAFT.id, planned });
    const after = await call('posts.get', { id: FULL_DRAFT.id });
    expect(after).toEqual({ ...before, planned, updatedAt: after['updatedAt'] });
  });

  it('keeps everything but the planned time when the calendar re-plans a queued post', async () => {
    await call('posts.saveDraft', FULL_DRAFT);
    const before = await call('posts.queue', { id: FULL_DRAFT.id });
    const planned = { at: '2026-03-18T09:30:00.000Z', zone: 'Europe/Copenhagen' };
    const answered = await call('posts.replan', { id: FULL_DRAFT.id, planned });
    const after = await call('posts.get', { id: FULL_DRAFT.id });
    expect(answered).toEqual(after);
    expect(after).toEqual({ ...before, planned, updatedAt: after['updatedAt'] });
    expect(after['status']).toBe('queued');
  });
});

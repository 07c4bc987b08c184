import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startWebHost, type WebHost } from '../../../electron/web/server';
import { inProcessApp } from '../../support/in-process-app';
import { webHostSession } from '../../support/web-host-session';

const TOKEN = 'test-token-4f1c2a';
let host: WebHost;
let core: Awaited<ReturnType<typeof inProcessApp>>['core'];
/** The header this test's "tab" sends: the session its one-time address was traded for. */
let auth: { Authorization: string };

beforeEach(async () => {
  const rendererDir = mkdtempSync(path.join(os.tmpdir(), 'spheres-renderer-'));
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><html><head><script type="module" src="./assets/app.js"></script></head><body></body></html>');
  mkdirSync(path.join(rendererDir, 'assets'));
  writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  core = (await inProcessApp()).core;
  host = await startWebHost({ core, rendererDir, token: TOKEN, port: 0 });
  auth = await webHostSession(host.url);
});

afterEach(async () => {
  await host.close();
});

function call(method: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${host.origin}/api/call/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...auth, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** A raw request, for headers fetch() will not let a caller set (Host). */
function raw(pathname: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(host.origin);
    // The path goes out byte for byte: fetch() would normalise '..' and '%2e%2e' away.
    const req = httpRequest({ host: hostname, port, path: pathname, headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the web host', () => {
  it('listens on 127.0.0.1 only', () => {
    expect(host.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('refuses calls, events and images without a session, and serves the app shell with no secret in it', async () => {
    const page = await fetch(`${host.origin}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).not.toContain('spheres-session');
    const image = await fetch(`${host.origin}/media/${'a'.repeat(64)}`);
    expect(image.status).toBe(401);
    const api = await fetch(`${host.origin}/api/call/settings.get`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(api.status).toBe(401);
    const events = await fetch(`${host.origin}/api/events`);
    expect(events.status).toBe(401);
  });

  it('refuses a wrong token in the address, and a wrong session or a cookie in place of the header', async () => {
    const wrong = await fetch(`${host.origin}/?token=guess`, { redirect: 'manual' });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toContain('This address is not valid for this run of Spheres');
    for (const headers of [{ Authorization: 'Bearer guess' } as Record<string, string>, { Cookie: `spheres_token=${TOKEN}` }, { Cookie: `spheres_session=${auth.Authorization.slice(7)}` }]) {
      expect((await call('settings.get', {}, { Authorization: '', ...headers })).status, JSON.stringify(headers)).toBe(401);
    }
  });

  it('opens a session once per address: the same address again gets a page saying it was used', async () => {
    const address = host.newAddress();
    const first = await fetch(address, { redirect: 'manual' });
    expect(first.status).toBe(200);
    expect(first.headers.get('set-cookie')).toBeNull();
    expect(first.headers.get('cache-control')).toBe('no-store');
    const again = await fetch(address, { redirect: 'manual' });
    expect(again.status).toBe(401);
    expect(again.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(again.headers.get('set-cookie')).toBeNull();
    const page = await again.text();
    expect(page).toContain('This address has already been used');
    expect(page).toContain('Hver adresse, som Spheres-webværten skriver, åbner Spheres én gang');
    expect(page).not.toContain('spheres-session');
    // The first tab's session still works.
    expect(await (await call('settings.get', {})).json()).toMatchObject({ ok: true });
  });

  it('hands out a session secret that is not the token, and refuses the token as a session', async () => {
    const secret = auth.Authorization.slice('Bearer '.length);
    expect(secret).not.toBe(TOKEN);
    expect(secret).not.toContain(TOKEN);
    expect(secret.length).toBeGreaterThanOrEqual(43);
    expect((await call('settings.get', {}, { Authorization: `Bearer ${TOKEN}` })).status).toBe(401);
    expect((await call('settings.get', {})).status).toBe(200);
  });

  it('serves the renderer with the strict CSP and the web bridge before the app script', async () => {
    const page = await fetch(`${host.origin}/`, { headers: auth });
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await page.text();
    expect(html.indexOf('/web-bridge.js')).toBeGreaterThan(-1);
    expect(html.indexOf('/web-bridge.js')).toBeLessThan(html.indexOf('./assets/app.js'));
  });

  it('refuses paths that escape the renderer folder', async () => {
    const own = { Host: new URL(host.origin).host, ...auth };
    for (const attempt of ['/../package.json', '/%2e%2e/%2e%2e/etc/passwd.json', '/assets/..%2f..%2fpackage.json', '/assets/%00app.js', '/assets/..%5c..%5cpackage.json']) {
      expect(await raw(attempt, own), attempt).toBe(404);
    }
    const passwd = await fetch(`${host.origin}/etc/passwd`, { headers: auth });
    expect(await passwd.text()).toContain('<!doctype html>');
  });

  it('refuses a Host header other than its own (DNS rebinding)', async () => {
    expect(await raw('/', { Host: 'evil.example', ...auth })).toBe(421);
    expect(await raw('/', { Host: new URL(host.origin).host, ...auth })).toBe(200);
  });

  it('answers a call through the same router as the desktop app', async () => {
    const response = await call('settings.update', { input: { language: 'da' } });
    expect(await response.json()).toMatchObject({ ok: true, value: { language: 'da', theme: 'system' } });
  });

  it('rejects a malformed payload with invalid_input and a readable message', async () => {
    const notJson = await call('settings.update', '{"input": ');
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toEqual({ ok: false, error: { code: 'invalid_input', message: 'The request body is not valid JSON.' } });
    const wrongShape = await call('settings.update', { input: { theme: 42 } });
    expect(await wrongShape.json()).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('theme') } });
    const array = await call('settings.update', [1, 2]);
    expect(array.status).toBe(400);
  });

  it('refuses a call from another origin even with the cookie', async () => {
    const response = await call('settings.get', {}, { Origin: 'https://evil.example' });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('refuses a call that is not JSON (a form post from another page)', async () => {
    const response = await call('settings.get', 'a=b', { 'Content-Type': 'application/x-www-form-urlencoded' });
    expect(response.status).toBe(415);
  });

  it('takes application/json, with or without charset=utf-8, and refuses look-alike content types', async () => {
    for (const type of ['application/json', 'application/json; charset=utf-8', 'Application/JSON;charset=UTF-8']) {
      expect((await call('settings.get', {}, { 'Content-Type': type })).status, type).toBe(200);
    }
    for (const type of ['application/jsonx', 'application/json-patch+json', 'text/plain', 'application/json; charset=latin1', 'application/json; x=1']) {
      const response = await call('settings.get', {}, { 'Content-Type': type });
      expect(response.status, type).toBe(415);
      expect(await response.json()).toEqual({ ok: false, error: { code: 'invalid_input', message: 'Send the call as application/json.' } });
    }
  });

  it('answers a malformed method name in the address with a JSON error, not a failure', async () => {
    for (const name of ['%', '%E0%A4%A', 'settings.get%']) {
      const response = await call(name, {});
      expect(response.status, name).toBe(400);
      expect(await response.json()).toEqual({ ok: false, error: { code: 'invalid_input', message: 'The method name in the address is not valid (a broken %-escape).' } });
    }
  });

  it('refuses an unknown __proto__ key like any other unknown key, and changes nothing', async () => {
    const before = await (await call('settings.get', {})).json();
    for (const body of ['{"input":{"__proto__":{"language":"da"}}}', '{"input":{"language":"da","__proto__":{}}}']) {
      const response = await call('settings.update', body);
      expect(await response.json(), body).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('__proto__') } });
    }
    for (const input of [
      '{"id":"post-proto","text":"Hello","__proto__":{"tone":"private"}}',
      '{"id":"post-proto","text":"Hello","planned":{"at":"2026-10-10T10:00:00.000Z","zone":"Europe/Copenhagen","__proto__":{}}}',
      '{"id":"post-proto","text":"Hello","overrides":{"__proto__":{"x":"Other text"}}}',
      '{"id":"post-proto","text":"Hello","targets":[{"network":"x","__proto__":{}}]}',
    ]) {
      const draft = await call('posts.saveDraft', `{"input":${input}}`);
      expect(await draft.json(), input).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('__proto__') } });
    }
    for (const body of ['{"__proto__":{"x":1},"input":{"language":"da"}}', '{"input":{"language":"da"},"extra":1}']) {
      const response = await call('settings.update', body);
      expect(response.status, body).toBe(400);
      expect(await response.json(), body).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('unknown key') } });
    }
    expect(await (await call('settings.get', {})).json()).toEqual(before);
    expect(await (await call('posts.get', { input: { id: 'post-proto' } })).json()).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('streams core events over Server-Sent Events', async () => {
    const controller = new AbortController();
    const response = await fetch(`${host.origin}/api/events`, { headers: auth, signal: controller.signal });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    text += decoder.decode((await reader.read()).value);
    expect(text).toContain(': connected');
    core.events.emit('app.navigate', { section: 'calendar' });
    while (!text.includes('\n\ndata') && !text.includes('calendar')) text += decoder.decode((await reader.read()).value);
    expect(text).toContain('event: app.navigate\ndata: {"section":"calendar"}\n\n');
    controller.abort();
  });
});

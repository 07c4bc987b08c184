import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startWebHost, type WebHost } from '../../electron/web/server';
import { inProcessApp } from '../support/in-process-app';

const TOKEN = 'test-token-4f1c2a';
let host: WebHost;
let core: Awaited<ReturnType<typeof inProcessApp>>['core'];

beforeEach(async () => {
  const rendererDir = mkdtempSync(path.join(os.tmpdir(), 'spheres-renderer-'));
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><html><head><script type="module" src="./assets/app.js"></script></head><body></body></html>');
  mkdirSync(path.join(rendererDir, 'assets'));
  writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  core = (await inProcessApp()).core;
  host = await startWebHost({ core, rendererDir, token: TOKEN, port: 0 });
});

afterEach(async () => {
  await host.close();
});

const auth = { Authorization: `Bearer ${TOKEN}` };

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

  it('refuses a request without the token', async () => {
    const page = await fetch(`${host.origin}/`);
    expect(page.status).toBe(401);
    expect(await page.text()).toContain('no valid Spheres token');
    const api = await fetch(`${host.origin}/api/call/settings.get`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(api.status).toBe(401);
    const events = await fetch(`${host.origin}/api/events`);
    expect(events.status).toBe(401);
  });

  it('refuses a wrong token, in the address or in a header', async () => {
    expect((await fetch(`${host.origin}/?token=guess`, { redirect: 'manual' })).status).toBe(401);
    expect((await fetch(`${host.origin}/`, { headers: { Authorization: 'Bearer guess' } })).status).toBe(401);
    expect((await fetch(`${host.origin}/`, { headers: { Cookie: 'spheres_token=guess' } })).status).toBe(401);
  });

  it('trades the token in the address for an HttpOnly, SameSite cookie and drops it from the address', async () => {
    const first = await fetch(`${host.origin}/?token=${TOKEN}`, { redirect: 'manual' });
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe('/');
    expect(first.headers.get('set-cookie')).toBe(`spheres_token=${TOKEN}; HttpOnly; SameSite=Strict; Path=/`);
    const page = await fetch(`${host.origin}/`, { headers: { Cookie: `spheres_token=${TOKEN}` } });
    expect(page.status).toBe(200);
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

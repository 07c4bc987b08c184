import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from './fixtures';

/*
 * Cookies are not scoped by port: whatever the web host left in the browser as a cookie would go
 * to every other server on 127.0.0.1. These tests play that other server in a real Chromium.
 */

interface Received {
  url: string;
  headers: IncomingHttpHeaders;
}

async function anotherLocalServer(): Promise<{ server: Server; origin: string; received: Received[] }> {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    received.push({ url: request.url ?? '', headers: request.headers });
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    response.end('<!doctype html><html><head><title>Another local app</title></head><body><img src="/pixel.png" alt=""><form method="post" action="/form"></form></body></html>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received };
}

test('a server on another 127.0.0.1 port receives nothing that opens the Spheres session', async ({ page, host }) => {
  const other = await anotherLocalServer();
  try {
    await page.goto(host.url);
    await expect(page.getByRole('navigation', { name: 'Sections' })).toBeVisible();
    await page.getByRole('textbox', { name: 'Base text' }).fill('Only for this tab.');
    await expect(page.getByRole('status').filter({ hasText: /^Saved$/ })).toBeVisible();
    // The one-time token has left the address bar; the session lives in this tab only.
    expect(page.url()).toBe(`${host.origin}/`);
    const secret = await page.evaluate(() => sessionStorage.getItem('spheres.webSession'));
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(secret).not.toBe(host.token);
    expect(await page.context().cookies()).toEqual([]);

    // The person then visits another local app, by address and by name, and it asks for everything it can.
    await page.goto(`${other.origin}/`);
    await page.evaluate(async () => {
      await fetch('/probe', { credentials: 'include' });
      await fetch('/probe-post', { method: 'POST', credentials: 'include', body: 'x' });
    });
    await page.goto(`${other.origin.replace('127.0.0.1', 'localhost')}/by-name`);
    await expect.poll(() => other.received.length).toBeGreaterThanOrEqual(5);

    const values = other.received.flatMap((request) => [request.url, ...Object.values(request.headers).flat().filter((value): value is string => value !== undefined)]);
    for (const value of values) {
      expect(value).not.toContain(host.token);
      expect(value).not.toContain(secret);
    }
    expect(other.received.filter((request) => request.headers.cookie !== undefined)).toEqual([]);
    expect(other.received.filter((request) => request.headers.authorization !== undefined)).toEqual([]);
    // Replayed to Spheres every way a credential could be presented, nothing it received opens a call.
    for (const value of values) {
      for (const headers of [{ Authorization: `Bearer ${value}` }, { Cookie: value }] as Record<string, string>[]) {
        const replay = await fetch(`${host.origin}/api/call/posts.lastDraft`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: '{}' });
        expect(replay.status).toBe(401);
      }
    }
  } finally {
    // The browser keeps its connections to the other server alive; close() alone would wait for them.
    other.server.closeAllConnections();
    await new Promise((resolve) => other.server.close(resolve));
  }
});

test('a reload keeps the tab signed in; the used address and a new tab are told what to do', async ({ page, host, context }) => {
  await page.goto(host.url);
  await page.getByRole('textbox', { name: 'Base text' }).fill('Still here after a reload.');
  await expect(page.getByRole('status').filter({ hasText: /^Saved$/ })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('textbox', { name: 'Base text' })).toHaveValue('Still here after a reload.');

  const second = await context.newPage();
  await second.goto(host.url);
  await expect(second.getByRole('heading', { name: 'This address has already been used' })).toBeVisible();

  await second.goto(`${host.origin}/`);
  await expect(second.getByRole('heading', { name: 'This tab is not signed in to Spheres' })).toBeVisible();
  expect(second.url()).toBe(`${host.origin}/session-needed`);
});

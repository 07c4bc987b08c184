import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startXFake } from '../../support/fakes/x-fake';
import { clearKeychainService, searchKeychain, whyNoSecretService } from '../../support/keychain';
import { startWebHostProcess } from '../../support/web-host-process';
import { webHostSession } from '../../support/web-host-session';

/**
 * The canary: X (a loopback fake written from docs.x.com) issues tokens that are unique marked
 * strings. The app is driven end to end through the real web host process; then every HTTP
 * response (headers and body), every event on the SSE stream, every log line the host printed,
 * and every file in the data folder is searched for them. They may be in the keychain only.
 */

const SERVICE = `Spheres-canary-${randomBytes(6).toString('hex')}`;
const keychainMissing = await whyNoSecretService(SERVICE);
if (keychainMissing !== null) console.warn(`[canary] the web host keeps secrets in memory for this run: ${keychainMissing}`);

function filesUnder(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const file = path.join(folder, name);
    return statSync(file).isDirectory() ? filesUnder(file) : [file];
  });
}

afterAll(() => clearKeychainService(SERVICE));

describe('the token canary never leaves the main process (web host end to end, X through its loopback fake)', () => {
  it('appears in no response, event, log line or data-folder file', { timeout: 60_000 }, async () => {
    const canary = `CANARY${randomBytes(8).toString('hex')}`;
    let serial = 0;
    const fake = await startXFake({ makeToken: (kind) => `${canary}-${kind}-${(serial += 1)}` });
    const host = await startWebHostProcess(undefined, {
      env: {
        SPHERES_VAULT: keychainMissing === null ? 'keychain' : 'memory',
        SPHERES_KEYCHAIN_SERVICE: SERVICE,
        SPHERES_TEST_ACCOUNTS: JSON.stringify({ endpoints: { x: fake.endpoints }, browser: 'follow' }),
      },
    });
    const seen: string[] = [];
    const events = new AbortController();
    let stream = '';
    try {
      // Inside the try: a host that gives no session is still stopped.
      const auth = await webHostSession(host.url);
      const eventResponse = await fetch(`${host.origin}/api/events`, { headers: auth, signal: events.signal });
      const reader = eventResponse.body!.getReader();
      const reading = (async () => {
        for (;;) {
          const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
          if (done) return;
          stream += Buffer.from(value!).toString('utf8');
        }
      })();

      const call = async (method: string, input?: unknown): Promise<unknown> => {
        const response = await fetch(`${host.origin}/api/call/${method}`, {
          method: 'POST',
          headers: { ...auth, 'content-type': 'application/json' },
          body: JSON.stringify(input === undefined ? {} : { input }),
        });
        const text = await response.text();
        seen.push(`${method} ${response.status} ${JSON.stringify([...response.headers])} ${text}`);
        return JSON.parse(text);
      };

      // Set up, connect, look, refresh, use the app, break the token, reconnect, disconnect.
      expect(await call('apps.save', { app: 'x', clientId: 'x-client-id' })).toMatchObject({ ok: true });
      await call('apps.list');
      const connected = (await call('accounts.connect', { network: 'x' })) as { ok: boolean; value: { id: string } };
      expect(connected).toMatchObject({ ok: true, value: { network: 'x', status: 'connected' } });
      const id = connected.value.id;
      await call('accounts.list');
      await call('accounts.refresh', { id });
      await call('accounts.connect', { network: 'x' });
      await call('accounts.connect', { network: 'bluesky', identifier: 'alice.test', appPassword: 'x', service: 'not a url' });
      await call('accounts.disconnect', { id: 'x:not-there' });
      await call('accounts.connect', { network: 'x', accessToken: canary });
      const draft = (await call('posts.saveDraft', { id: 'canary-post-0001', text: 'Hello from the canary test', tone: 'blend', targets: [{ network: 'x' }] })) as { ok: boolean };
      expect(draft, JSON.stringify(draft)).toMatchObject({ ok: true });
      await call('posts.queue', { id: 'canary-post-0001' });
      await call('posts.listQueued');
      await call('settings.get');
      await call('app.info');
      // X revokes everything: the next refresh fails and the account needs reconnecting.
      for (const token of fake.authority.tokens) fake.authority.revoke(token.access);
      for (const token of fake.authority.tokens) fake.authority.revoke(token.refresh);
      expect(await call('accounts.refresh', { id })).toMatchObject({ ok: true, value: { status: 'reconnect_needed' } });
      await call('accounts.connect', { network: 'x' });
      await call('accounts.disconnect', { id });
      await call('accounts.list');
      for (const page of ['/', '/index.html', '/nope']) {
        const response = await fetch(`${host.origin}${page}`, { headers: auth });
        seen.push(`${page} ${response.status} ${JSON.stringify([...response.headers])} ${await response.text()}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
      events.abort();
      await reading;
    } finally {
      await host.stop();
      await fake.close();
    }

    // The canary really went through the app: X issued several tokens and saw them used.
    expect(fake.authority.tokens.length).toBeGreaterThanOrEqual(4);
    expect(fake.requests.some((request) => String(request.headers.authorization ?? '').includes(canary))).toBe(true);
    expect(stream).toContain('accounts.changed');
    if (keychainMissing === null) expect(searchKeychain(SERVICE).accounts).toStrictEqual(['app:x']);

    const leaks: string[] = [];
    for (const [where, text] of [['HTTP responses', seen.join('\n')], ['SSE events', stream], ['web host log', host.output()]] as const) {
      if (text.includes(canary)) leaks.push(where);
    }
    const files = filesUnder(host.dataDir);
    expect(files.some((file) => file.endsWith('accounts.json'))).toBe(true);
    for (const file of files) {
      const bytes = readFileSync(file);
      if (bytes.includes(canary) || bytes.includes(Buffer.from(canary, 'utf16le'))) leaks.push(file);
    }
    expect(leaks).toStrictEqual([]);
  });
});

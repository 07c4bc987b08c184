import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { clearKeychainService, searchKeychain, whyNoSecretService } from '../../support/keychain';
import { startLocalS3 } from '../../support/s3-server';
import { startWebHostProcess } from '../../support/web-host-process';
import { webHostSession } from '../../support/web-host-session';

/**
 * The media host's secret is a marked string; Settings → Media host is driven through the real web
 * host process against a local S3 server, then every HTTP answer, SSE event, log line and file
 * of the data folder is searched for it. It may be in the keychain only.
 */

const SERVICE = `Spheres-canary-${randomBytes(6).toString('hex')}`;
const keychainMissing = await whyNoSecretService(SERVICE);
if (keychainMissing !== null) console.warn(`[media host canary] the web host keeps the secret in memory for this run: ${keychainMissing}`);

function filesUnder(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const file = path.join(folder, name);
    return statSync(file).isDirectory() ? filesUnder(file) : [file];
  });
}

afterAll(() => clearKeychainService(SERVICE));

describe('the media host secret never leaves the main process (web host end to end, a local S3 server)', () => {
  it('appears in no answer, event, log line or data-folder file', { timeout: 60_000 }, async () => {
    const canary = `CANARY${randomBytes(12).toString('hex')}`;
    const s3 = await startLocalS3();
    const host = await startWebHostProcess(undefined, {
      env: { SPHERES_VAULT: keychainMissing === null ? 'keychain' : 'memory', SPHERES_KEYCHAIN_SERVICE: SERVICE },
    });
    const seen: string[] = [];
    const events = new AbortController();
    let stream = '';
    try {
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

      // Refused saves first: a bad bucket beside the secret, a secret S3 could not take.
      expect(await call('mediaHost.save', { ...s3.settings, bucket: 'Bad_Bucket', secretAccessKey: canary })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      expect(await call('mediaHost.save', { ...s3.settings, secretAccessKey: `${canary} with spaces` })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      expect(await call('mediaHost.save', { ...s3.settings, secretAccessKey: canary })).toMatchObject({ ok: true, value: { settings: s3.settings, hasSecret: true } });
      expect(await call('mediaHost.get')).toEqual({ ok: true, value: { settings: s3.settings, hasSecret: true } });
      expect(await call('mediaHost.test')).toMatchObject({ ok: true, value: { ok: true } });
      expect(await call('mediaHost.save', { bucket: 'no-such-bucket' })).toMatchObject({ ok: true });
      expect(await call('mediaHost.test')).toMatchObject({ ok: true, value: { ok: false } });
      await call('settings.get');
      if (keychainMissing === null) expect(searchKeychain(SERVICE).secrets.join('\n')).toContain(canary);
      expect(await call('mediaHost.remove')).toEqual({ ok: true, value: { settings: null, hasSecret: false } });
      await new Promise((resolve) => setTimeout(resolve, 200));
      events.abort();
      await reading;
    } finally {
      await host.stop();
      await s3.close();
    }

    expect(stream).toContain('settings.changed');
    if (keychainMissing === null) expect(searchKeychain(SERVICE).accounts).toStrictEqual([]);
    const leaks: string[] = [];
    for (const [where, text] of [['HTTP answers', seen.join('\n')], ['SSE events', stream], ['web host log', host.output()]] as const) {
      if (text.includes(canary)) leaks.push(where);
    }
    const files = filesUnder(host.dataDir);
    expect(files.some((file) => file.endsWith('settings.json'))).toBe(true);
    for (const file of files) {
      const bytes = readFileSync(file);
      if (bytes.includes(canary) || bytes.includes(Buffer.from(canary, 'utf16le'))) leaks.push(file);
    }
    expect(leaks).toStrictEqual([]);
  });
});

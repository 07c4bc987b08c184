import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../../common/api';
import { accountError } from '../../../electron/core/accounts/account-error';
import { createRouter, type Handlers } from '../../../electron/core/router';
import { STORAGE_ERROR_CODES, StorageError } from '../../../electron/core/storage';
import { VAULT_ERROR_CODES, VaultError } from '../../../electron/core/vault';

/** A router whose one method fails with `error`, and a log that keeps what it was told. */
function failingWith(error: unknown) {
  const logged: string[] = [];
  const handlers = { 'settings.get': () => Promise.reject(error) } as unknown as Handlers;
  const router = createRouter(handlers, { error: (message) => void logged.push(message) });
  return { call: () => router.call('settings.get', undefined), logged };
}

describe('error codes that cross the boundary as themselves', () => {
  it.each(STORAGE_ERROR_CODES)('gives the renderer a storage failure %s with its own code and sentence', async (code) => {
    const { call, logged } = failingWith(new StorageError(code, `The disk said ${code}; here is what to do.`, { path: '/data/posts', reason: 'EIO' }));
    expect(await call()).toEqual({ ok: false, error: { code, message: `The disk said ${code}; here is what to do.` } });
    expect(logged).toEqual([]);
  });

  it.each(VAULT_ERROR_CODES)('gives the renderer a keychain failure %s with its own code and sentence', async (code) => {
    const { call, logged } = failingWith(new VaultError(code, `The keychain said ${code}; here is what to do.`, { reason: 'locked' }));
    expect(await call()).toEqual({ ok: false, error: { code, message: `The keychain said ${code}; here is what to do.` } });
    expect(logged).toEqual([]);
  });

  it.each(ERROR_CODES)('gives the renderer an account failure %s with its own code, sentence and details', async (code) => {
    const { call, logged } = failingWith(accountError(code, `The account said ${code}.`, { accountId: 'mastodon-1' }));
    expect(await call()).toEqual({ ok: false, error: { code, message: `The account said ${code}.`, details: { accountId: 'mastodon-1' } } });
    expect(logged).toEqual([]);
  });

  it('turns a failure with a code the contract does not know into internal, and logs it', async () => {
    const { call, logged } = failingWith(Object.assign(new Error('ENOSPC: no space left'), { code: 'ENOSPC' }));
    expect(await call()).toEqual({ ok: false, error: { code: 'internal', message: 'Something went wrong in settings.get. Please try again.' } });
    expect(logged).toEqual(['handler failed']);
  });
});

import { expect } from 'vitest';

/**
 * `failure(promise)` for one error class: the error a call that must fail rejects with, checked to be
 * a `kind` (StorageError, VaultError). A call that succeeds fails the test. Use it as
 * `const failure = failureOf(StorageError);`.
 */
export function failureOf<E extends Error>(kind: abstract new (...args: never[]) => E): (promise: Promise<unknown>) => Promise<E> {
  return async (promise) => {
    try {
      await promise;
    } catch (error) {
      expect(error).toBeInstanceOf(kind);
      return error as E;
    }
    throw new Error(`expected a ${kind.name}, but the call succeeded`);
  };
}

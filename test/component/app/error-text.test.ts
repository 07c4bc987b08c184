import { describe, expect, it } from 'vitest';
import { errorText } from '../../../renderer/src/ui/error-text';
import { createI18n } from '../../../renderer/src/i18n';

const denied = { name: 'SpheresError', code: 'auth_denied', message: 'You declined access on X, so the account was not connected. Connect again and choose Allow (or Authorize) to use it in Spheres.' };

describe('error texts in the UI language', () => {
  it('keeps the core’s specific English sentence in English', () => {
    expect(errorText(denied, createI18n('en'), { network: 'X' })).toBe(denied.message);
  });

  it('gives a Danish sentence for the codes a person can act on, with the network named', () => {
    expect(errorText(denied, createI18n('da'), { network: 'X' })).toBe('Du afviste adgang hos X, så kontoen blev ikke forbundet. Forbind igen, og vælg Tillad.');
    expect(errorText({ ...denied, code: 'keychain_locked' }, createI18n('da'))).toMatch(/^Din nøglering er låst/);
    expect(errorText({ ...denied, code: 'auth_failed' }, createI18n('da'))).toBe('Login hos netværket blev ikke gennemført. Intet blev forbundet; prøv igen.');
  });

  it('keeps the core’s words for a code without a translation, and plain errors as they are', () => {
    expect(errorText({ ...denied, code: 'invalid_input', message: 'Invalid input for x' }, createI18n('da'))).toBe('Invalid input for x');
    expect(errorText(new Error('boom'), createI18n('da'))).toBe('boom');
  });
});

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

  it('never shows a Danish user the core’s English words, and keeps plain errors as they are in English', () => {
    expect(errorText({ ...denied, code: 'invalid_input', message: 'Invalid input for x' }, createI18n('da'))).toBe('Spheres kunne ikke bruge det: noget i det er ikke gyldigt. Tjek det, og prøv igen.');
    expect(errorText(new Error('boom'), createI18n('da'))).toBe('Noget gik galt. Prøv igen.');
    expect(errorText(new Error('boom'), createI18n('en'))).toBe('boom');
  });

  it('names the file a storage error is about, in Danish', () => {
    const full = { name: 'SpheresError', code: 'disk_full', message: 'The disk is full.', details: { path: '/home/me/.config/Spheres/posts/2026-11.json', reason: 'ENOSPC' } };
    expect(errorText(full, createI18n('en'))).toBe('The disk is full.');
    expect(errorText(full, createI18n('da'))).toBe('Disken er fuld, så Spheres kunne ikke gemme 2026-11.json. Frigør noget plads, og prøv igen; det, du har skrevet, er bevaret i vinduet.');
    expect(errorText({ ...full, details: {} }, createI18n('da'))).toMatch(/^Disken er fuld, så Spheres kunne ikke gemme dine data\./);
  });

  it('names the network an error’s details carry when the caller does not', () => {
    const offline = { name: 'SpheresError', code: 'offline', message: 'Offline.', details: { network: 'bluesky' } };
    expect(errorText(offline, createI18n('da'))).toMatch(/^Spheres kunne ikke nå Bluesky:/);
  });
});

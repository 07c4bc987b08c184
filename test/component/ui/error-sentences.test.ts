import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../../common/api';
import { ERROR_TEXT_KEYS, errorText } from '../../../renderer/src/ui/error-text';
import { createI18n } from '../../../renderer/src/i18n';
import { da } from '../../../renderer/src/i18n/da';
import { en } from '../../../renderer/src/i18n/en';

const sentences = { en: en.errors as Record<string, string>, da: da.errors as Record<string, string> };

describe('error sentences', () => {
  it.each(ERROR_CODES)('%s has a sentence in English and in Danish', (code) => {
    expect(ERROR_TEXT_KEYS[code]).toBe(`errors.${code}`);
    for (const language of ['en', 'da'] as const) {
      expect(sentences[language][code], `${language}: errors.${code}`).toMatch(/\S.{10,}/);
    }
    expect(sentences.da[code]).not.toBe(sentences.en[code]);
  });

  it.each(ERROR_CODES)('shows a Danish user a Danish sentence for %s, whatever the core wrote', (code) => {
    const text = errorText({ name: 'SpheresError', code, message: 'English words from the core', details: { path: '/data/posts/2026-11.json' } }, createI18n('da'), { network: 'Mastodon' });
    expect(text).not.toBe('English words from the core');
    expect(text).not.toMatch(/\{\{|undefined/);
  });
});

import { render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TONE_POLICY, type Language } from '../../../common/domain';
import { toneMismatches } from '../../../common/tone';
import { ToneMismatchList } from '../../../renderer/src/features/compose/ToneMismatchList';
import { createI18n } from '../../../renderer/src/i18n';

function showMismatches(language: Language) {
  render(
    <I18nextProvider i18n={createI18n(language)}>
      <ToneMismatchList mismatches={toneMismatches('private', ['linkedin'], DEFAULT_TONE_POLICY)} />
    </I18nextProvider>,
  );
}

describe('the tone policy warning', () => {
  it('says in a plain sentence which tones a network is set to take', () => {
    showMismatches('en');
    expect(screen.getByRole('listitem')).toHaveTextContent(/^LinkedIn is set to take blended and professional posts; this one is private\.$/);
  });

  it('says it in natural Danish, the tones agreeing with “opslag”', () => {
    showMismatches('da');
    expect(screen.getByRole('listitem')).toHaveTextContent(/^LinkedIn er indstillet til blandede og professionelle opslag; dette er privat\.$/);
  });

  it('uses the neuter for a professional post in Danish', () => {
    render(
      <I18nextProvider i18n={createI18n('da')}>
        <ToneMismatchList mismatches={toneMismatches('professional', ['instagram'], DEFAULT_TONE_POLICY)} />
      </I18nextProvider>,
    );
    expect(screen.getByRole('listitem')).toHaveTextContent(/^Instagram er indstillet til private og blandede opslag; dette er professionelt\.$/);
  });
});

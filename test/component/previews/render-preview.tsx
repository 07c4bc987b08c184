import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { I18nextProvider } from 'react-i18next';
import type { Language, Tone } from '../../../common/domain';
import { analyze, type AnalyzeOptions, type NetworkId } from '../../../common/networks';
import { createI18n } from '../../../renderer/src/i18n';
import { NetworkPreview, type PreviewAuthor, type PreviewImage } from '../../../renderer/src/ui/previews';

export const ADA: PreviewAuthor = { name: 'Ada Lovelace', handle: 'ada', server: 'hachyderm.io', headline: 'Analyst at the Engine Works' };

export function renderInLanguage(ui: ReactElement, language: Language = 'en') {
  return render(<I18nextProvider i18n={createI18n(language)}>{ui}</I18nextProvider>);
}

export interface PreviewOptions {
  readonly images?: readonly PreviewImage[];
  readonly tone?: Tone | null;
  readonly author?: PreviewAuthor;
  readonly analyzeOptions?: AnalyzeOptions;
  readonly language?: Language;
}

/** Renders one card for `text`, analysed by the real network rules. */
export function renderPreview(network: NetworkId, text: string, options: PreviewOptions = {}) {
  const images = options.images ?? [];
  const analysis = analyze(text, network, {
    media: images.map((image) => ({ bytes: 1000, mime: 'image/png', altText: image.altText })),
    ...options.analyzeOptions,
  });
  const result = renderInLanguage(
    <NetworkPreview
      network={network}
      text={text}
      analysis={analysis}
      images={images}
      tone={options.tone === undefined ? 'blend' : options.tone}
      author={options.author ?? ADA}
    />,
    options.language,
  );
  return { ...result, analysis };
}

export function image(key: string, altText = ''): PreviewImage {
  return { key, url: `data:image/png;base64,${key}`, altText };
}

/** Words of sentences, long enough to fold and to overflow. */
export function words(count: number): string {
  const vocabulary = ['spheres', 'write', 'once', 'tone', 'network', 'preview', 'fold', 'limit', 'thread', 'voice'];
  return Array.from({ length: count }, (_, i) => vocabulary[i % vocabulary.length]).join(' ');
}

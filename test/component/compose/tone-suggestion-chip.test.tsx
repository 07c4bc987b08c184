import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it, vi } from 'vitest';
import type { SpheresApi } from '../../../common/api';
import type { Language, Tone } from '../../../common/domain';
import { ToneSuggestionChip } from '../../../renderer/src/features/compose/ToneSuggestionChip';
import { useToneSuggestion, type ToneSuggestionView } from '../../../renderer/src/features/compose/use-tone-suggestion';
import { createI18n } from '../../../renderer/src/i18n';
import { inProcessApp } from '../../support/in-process-app';

const BLEND: ToneSuggestionView = { tone: 'blend', confidence: 0.82, reasons: ['family', 'conference'] };

function chip(props: { suggestion?: ToneSuggestionView | null; current?: Tone | null; onAccept?: (tone: Tone) => void; disabled?: boolean }, language: Language = 'en') {
  const onAccept = props.onAccept ?? vi.fn();
  render(
    <I18nextProvider i18n={createI18n(language)}>
      <ToneSuggestionChip suggestion={props.suggestion === undefined ? BLEND : props.suggestion} current={props.current ?? null} disabled={props.disabled ?? false} onAccept={onAccept} />
    </I18nextProvider>,
  );
  return onAccept;
}

describe('the tone suggestion chip in the composer', () => {
  it('says which tone the post looks like and the words that drove it, and sets nothing by itself', () => {
    const onAccept = chip({});
    expect(screen.getByRole('status')).toHaveTextContent('Looks like Blend — family, conference');
    expect(screen.getByRole('button', { name: /Looks like Blend — family, conference/ })).toHaveAttribute('title', expect.stringContaining('Alt+S'));
    expect(onAccept).not.toHaveBeenCalled();
  });

  it('accepts the suggestion with one click', async () => {
    const onAccept = chip({});
    await userEvent.click(screen.getByRole('button', { name: /Looks like Blend — family, conference/ }));
    expect(onAccept).toHaveBeenCalledExactlyOnceWith('blend');
  });

  it('accepts the suggestion with Alt+S, also where Option+S types ß', () => {
    const onAccept = chip({});
    fireEvent.keyDown(window, { key: 'ß', code: 'KeyS', altKey: true });
    expect(onAccept).toHaveBeenCalledExactlyOnceWith('blend');
  });

  it('ignores S without Alt, and Ctrl+Alt+S', () => {
    const onAccept = chip({});
    fireEvent.keyDown(window, { key: 's', code: 'KeyS' });
    fireEvent.keyDown(window, { key: 's', code: 'KeyS', altKey: true, ctrlKey: true });
    expect(onAccept).not.toHaveBeenCalled();
  });

  it('stays away when the tone already is the suggested one, or the post is locked', () => {
    chip({ current: 'blend' });
    expect(screen.queryByRole('status')).toBeNull();
    const onAccept = chip({ disabled: true });
    fireEvent.keyDown(window, { key: 's', code: 'KeyS', altKey: true });
    expect(onAccept).not.toHaveBeenCalled();
  });

  it('speaks Danish', () => {
    chip({}, 'da');
    expect(screen.getByRole('status')).toHaveTextContent('Ligner Blandet — family, conference');
    expect(screen.getByRole('button', { name: /Ligner Blandet/ })).toBeInTheDocument();
  });
});

/** The composer's wiring in small: text in, suggestion from the real core, the tone set only on accept. */
function Composer() {
  const [text, setText] = useState('');
  const [tone, setTone] = useState<Tone | null>(null);
  const suggestion = useToneSuggestion(text);
  return (
    <>
      <textarea aria-label="Text" value={text} onChange={(event) => setText(event.target.value)} />
      <span data-testid="tone">{tone ?? 'none'}</span>
      <ToneSuggestionChip suggestion={suggestion} current={tone} onAccept={setTone} />
    </>
  );
}

describe('the suggestion as the person writes', () => {
  it('follows the text from the suggester on this device, and the tone changes only on Alt+S', async () => {
    const app = await inProcessApp();
    Object.defineProperty(window, 'spheres', { value: app.api satisfies SpheresApi, configurable: true });
    render(
      <I18nextProvider i18n={createI18n('en')}>
        <Composer />
      </I18nextProvider>,
    );
    await userEvent.type(screen.getByRole('textbox', { name: 'Text' }), 'We are hiring a backend engineer for our platform team');
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent(/Looks like Professional — /));
    expect(screen.getByRole('status')).toHaveTextContent(/hiring|engineer|platform|team/);
    expect(screen.getByTestId('tone')).toHaveTextContent('none');
    fireEvent.keyDown(window, { key: 's', code: 'KeyS', altKey: true });
    expect(screen.getByTestId('tone')).toHaveTextContent('professional');
    expect(screen.queryByRole('status')).toBeNull();
    await app.core.close();
  });
});

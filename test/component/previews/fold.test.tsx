import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { FOLDS, foldIndex } from '../../../common/networks/folds';
import { image, renderPreview, words } from './render-preview';

const LONG = words(90);

function foldedText() {
  const visible = document.querySelector('[data-post-text]')!;
  const below = document.querySelector('[data-below-fold]');
  return { visible, below };
}

/** The text before the fold marker, as a sighted reader sees it (screen-reader-only text left out). */
function textAbove(visible: Element): string {
  let out = '';
  for (const node of Array.from(visible.childNodes)) {
    if (node instanceof Element && node.hasAttribute('data-fold-marker')) break;
    if (node instanceof Element && node.classList.contains('sr-only')) continue;
    out += node.textContent;
  }
  return out;
}

describe('the fold: where the feed cuts the text before "see more"', () => {
  it('folds a long LinkedIn post after about 210 characters, between words, with "…more"', () => {
    renderPreview('linkedin', LONG);
    const fold = foldIndex(LONG, FOLDS.linkedin)!;
    expect(fold).toBeGreaterThan(180);
    expect(fold).toBeLessThanOrEqual(210);
    expect(LONG.slice(fold - 1, fold + 1)).toMatch(/\s/);
    const { visible, below } = foldedText();
    expect(textAbove(visible)).toBe(LONG.slice(0, fold));
    expect(within(visible as HTMLElement).getByText('…more')).toHaveAttribute('data-fold-marker');
    expect(below).toHaveTextContent(`Below the fold${LONG.slice(fold).trimStart()}`);
    expect(below!.querySelector('[data-below-text]')).toHaveTextContent(LONG.slice(fold).trimStart());
  });

  it('folds a LinkedIn post of short lines after its third line', () => {
    const text = 'First line\nSecond line\nThird line\nFourth line';
    renderPreview('linkedin', text);
    const { visible, below } = foldedText();
    expect(textAbove(visible)).toBe('First line\nSecond line\nThird line');
    expect(below).toHaveTextContent('Fourth line');
  });

  it('folds an Instagram caption after about 125 characters with "… more"', () => {
    renderPreview('instagram', LONG, { images: [image('a')] });
    const fold = foldIndex(LONG, FOLDS.instagram)!;
    expect(fold).toBeGreaterThan(100);
    expect(fold).toBeLessThanOrEqual(125);
    const { visible, below } = foldedText();
    expect(textAbove(visible)).toBe(`ada${LONG.slice(0, fold)}`);
    expect(within(visible as HTMLElement).getByText('… more')).toBeInTheDocument();
    expect(below).toHaveTextContent(LONG.slice(fold).trimStart());
  });

  it('folds a Facebook post after about 477 characters with "See more"', () => {
    renderPreview('facebook', LONG);
    const fold = foldIndex(LONG, FOLDS.facebook)!;
    expect(fold).toBeGreaterThan(447);
    expect(fold).toBeLessThanOrEqual(477);
    const { visible } = foldedText();
    expect(textAbove(visible)).toBe(LONG.slice(0, fold));
    expect(within(visible as HTMLElement).getByText('See more')).toBeInTheDocument();
  });

  it('tells screen readers where the feed folds', () => {
    renderPreview('linkedin', LONG);
    expect(screen.getByText('The feed folds here. The rest is below the fold:')).toHaveClass('sr-only');
  });

  it('starts collapsed as the feed does and expands with the switch, keeping a mark at the fold', async () => {
    renderPreview('linkedin', LONG);
    const toggle = screen.getByRole('switch', { name: 'Show as the feed does' });
    expect(toggle).toHaveAttribute('aria-checked', 'true');
    await userEvent.click(toggle);
    expect(toggle).toHaveAttribute('aria-checked', 'false');
    expect(document.querySelector('[data-below-fold]')).not.toBeInTheDocument();
    expect(screen.queryByText('…more')).not.toBeInTheDocument();
    expect(document.querySelector('[data-post-text]')).toHaveTextContent(`${LONG.slice(0, foldIndex(LONG, FOLDS.linkedin))}The feed folds here.`);
    expect(screen.getByText('The feed folds here.')).toHaveClass('sr-only');
  });

  it('does not fold, nor offer the switch, when the text fits above the fold', () => {
    renderPreview('linkedin', 'A short post.');
    expect(document.querySelector('[data-fold-marker]')).not.toBeInTheDocument();
    expect(screen.queryByRole('switch')).not.toBeInTheDocument();
  });

  it('never folds networks that show posts in full, nor the posts of an X thread', () => {
    const { unmount } = renderPreview('mastodon', LONG);
    expect(document.querySelector('[data-fold-marker]')).not.toBeInTheDocument();
    unmount();
    renderPreview('x', LONG);
    expect(document.querySelector('[data-thread]')).toBeInTheDocument();
    expect(document.querySelector('[data-fold-marker]')).not.toBeInTheDocument();
  });

  it('uses the feed\'s Danish label in Danish', () => {
    renderPreview('facebook', LONG, { language: 'da' });
    expect(screen.getByText('Se mere')).toHaveAttribute('data-fold-marker');
    expect(screen.getByRole('switch', { name: 'Vis som i feedet' })).toBeInTheDocument();
  });
});

import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { TONE_STYLE } from '../../../renderer/src/ui/tone-style';
import { image, renderPreview } from './render-preview';

describe('images', () => {
  it('puts an ALT badge on described images only, and reads the description as the image\'s name', () => {
    renderPreview('x', 'Two pictures', { images: [image('a', 'A cat on a keyboard'), image('b')] });
    expect(screen.getAllByText('ALT')).toHaveLength(1);
    expect(screen.getByRole('img', { name: 'A cat on a keyboard' }).parentElement).toContainElement(screen.getByText('ALT'));
    expect(screen.getByRole('img', { name: 'Image 2, no description' })).toBeInTheDocument();
  });

  it('lays three images out as one tall and two stacked', () => {
    renderPreview('bluesky', 'Three', { images: [image('a'), image('b'), image('c')] });
    const tiles = screen.getAllByRole('img').map((element) => element.parentElement!);
    expect(tiles[0]!.parentElement).toHaveClass('grid-cols-2', 'grid-rows-2');
    expect(tiles[0]).toHaveClass('row-span-2');
    expect(tiles[1]).not.toHaveClass('row-span-2');
  });

  it('shows four tiles and "+N" for more images on Facebook', () => {
    renderPreview('facebook', 'Album', { images: ['a', 'b', 'c', 'd', 'e', 'f'].map((key) => image(key)) });
    expect(screen.getAllByRole('img')).toHaveLength(4);
    expect(screen.getByText('+2')).toBeInTheDocument();
  });

  it('shows Instagram images as a carousel with dots and named arrows', async () => {
    renderPreview('instagram', 'Carousel', { images: [image('a', 'First'), image('b', 'Second'), image('c')] });
    const carousel = screen.getByRole('group', { name: 'Images, 1 of 3' });
    expect(within(carousel).getByRole('img', { name: 'First' })).toBeInTheDocument();
    expect(carousel.querySelectorAll('[data-carousel-dots] > span')).toHaveLength(3);
    expect(within(carousel).queryByRole('button', { name: 'Previous image' })).not.toBeInTheDocument();
    await userEvent.click(within(carousel).getByRole('button', { name: 'Next image' }));
    expect(screen.getByRole('group', { name: 'Images, 2 of 3' })).toContainElement(screen.getByRole('img', { name: 'Second' }));
    expect(screen.getByText('ALT')).toBeInTheDocument();
  });
});

describe('the tone chip', () => {
  it('shows the post\'s tone in its colour and names it', () => {
    renderPreview('linkedin', 'Quarterly results', { tone: 'professional' });
    const chip = document.querySelector('[data-tone]')!;
    expect(chip).toHaveTextContent('Tone: Professional');
    expect(chip).toHaveClass(...TONE_STYLE.professional.chip.split(' '));
    expect(within(chip as HTMLElement).getByText('Tone:')).toHaveClass('sr-only');
  });

  it('says so when the post has no tone yet', () => {
    renderPreview('x', 'Hi', { tone: null });
    expect(document.querySelector('[data-tone]')).toHaveTextContent('No tone');
  });
});

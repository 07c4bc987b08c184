import type { TFunction } from 'i18next';
import { memo } from 'react';
import { Icon } from './icons';
import type { PreviewImage } from './types';

/** Feeds show at most four tiles; a fifth and later images are a "+N" on the fourth. */
const MAX_TILES = 4;

const LAYOUT: Readonly<Record<number, { grid: string; tiles: readonly string[] }>> = {
  1: { grid: 'grid-cols-1', tiles: [''] },
  2: { grid: 'grid-cols-2', tiles: ['', ''] },
  3: { grid: 'grid-cols-2 grid-rows-2', tiles: ['row-span-2', '', ''] },
  4: { grid: 'grid-cols-2 grid-rows-2', tiles: ['', '', '', ''] },
};

/** One to four images in the classic 1/2/3/4 grid, each with an ALT badge when it has a description. */
export const MediaGrid = memo(function MediaGrid({ images, t, rounded }: Readonly<{ images: readonly PreviewImage[]; t: TFunction; rounded: string }>) {
  if (images.length === 0) return null;
  const shown = images.slice(0, MAX_TILES);
  const layout = LAYOUT[shown.length]!;
  const hidden = images.length - shown.length;
  return (
    <div className={`mt-3 grid aspect-[16/9] gap-0.5 overflow-hidden ${layout.grid} ${rounded}`}>
      {shown.map((image, i) => (
        <div key={image.key} className={`relative min-h-0 bg-zinc-200 dark:bg-zinc-800 ${layout.tiles[i]}`}>
          <PreviewPicture image={image} index={i} t={t} />
          {hidden > 0 && i === shown.length - 1 && (
            <span className="absolute inset-0 flex items-center justify-center bg-black/50 text-2xl font-semibold text-white">
              {t('previews.moreImages', { count: hidden })}
            </span>
          )}
        </div>
      ))}
    </div>
  );
});

export function PreviewPicture({ image, index, t }: Readonly<{ image: PreviewImage; index: number; t: TFunction }>) {
  const described = image.altText.trim() !== '';
  return (
    <>
      <img
        src={image.url}
        alt={described ? image.altText : t('previews.imageWithoutAlt', { index: index + 1 })}
        className="h-full w-full object-cover"
        draggable={false}
      />
      {described && <AltBadge t={t} />}
    </>
  );
}

/** The badge X, Bluesky and Mastodon put on described images. The image's alt text already says it to screen readers. */
function AltBadge({ t }: Readonly<{ t: TFunction }>) {
  return (
    <span
      aria-hidden="true"
      title={t('previews.altLabel')}
      data-alt-badge=""
      className="absolute bottom-1.5 left-1.5 rounded bg-black/75 px-1 py-px text-[11px] font-bold leading-4 text-white"
    >
      {t('previews.alt')}
    </span>
  );
}

export function MissingMedia({ t }: Readonly<{ t: TFunction }>) {
  return (
    <div className="flex aspect-square flex-col items-center justify-center gap-2 bg-zinc-100 text-sm text-zinc-600 dark:bg-zinc-900 dark:text-zinc-400">
      <Icon name="image" size={40} />
      {t('previews.noImage')}
    </div>
  );
}

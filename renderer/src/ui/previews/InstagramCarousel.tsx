import type { TFunction } from 'i18next';
import { useState } from 'react';
import { Icon } from './icons';
import { MissingMedia, PreviewPicture } from './MediaGrid';
import type { PreviewImage } from './types';

/** Instagram's square media area: one image at a time, arrows and dots when there are several. */
export function InstagramCarousel({ images, t }: Readonly<{ images: readonly PreviewImage[]; t: TFunction }>) {
  const [chosen, setChosen] = useState(0);
  if (images.length === 0) return <MissingMedia t={t} />;
  const count = images.length;
  const index = Math.min(chosen, count - 1);
  const image = images[index]!;
  const arrow =
    'absolute top-1/2 flex h-7 w-7 -translate-y-1/2 items-center justify-center rounded-full bg-white/85 text-zinc-900 shadow hover:bg-white';
  return (
    <div role="group" aria-roledescription="carousel" aria-label={t('previews.carouselLabel', { index: index + 1, count })}>
      <div className="relative aspect-square overflow-hidden bg-zinc-200 dark:bg-zinc-800">
        <PreviewPicture key={image.key} image={image} index={index} t={t} />
        {index > 0 && (
          <button type="button" aria-label={t('previews.previousImage')} className={`${arrow} left-2`} onClick={() => setChosen(index - 1)}>
            <Icon name="chevron-left" size={16} />
          </button>
        )}
        {index < count - 1 && (
          <button type="button" aria-label={t('previews.nextImage')} className={`${arrow} right-2`} onClick={() => setChosen(index + 1)}>
            <Icon name="chevron-right" size={16} />
          </button>
        )}
      </div>
      {count > 1 && (
        <div aria-hidden="true" data-carousel-dots="" className="flex justify-center gap-1 pt-2">
          {images.map((item, i) => (
            <span key={item.key} className={`h-1.5 w-1.5 rounded-full ${i === index ? 'bg-[#0095f6]' : 'bg-zinc-300 dark:bg-zinc-600'}`} />
          ))}
        </div>
      )}
    </div>
  );
}

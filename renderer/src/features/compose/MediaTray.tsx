import { useId, useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ComposerImage } from './draft';

/** Image types every target network accepts; the library sniffs the real type from the bytes. */
export const ACCEPTED_IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/gif', 'image/webp'] as const;

let nextKey = 0;

export function imagesFromFiles(files: readonly File[]): { images: ComposerImage[]; rejected: string[] } {
  const images: ComposerImage[] = [];
  const rejected: string[] = [];
  for (const file of files) {
    if (!(ACCEPTED_IMAGE_TYPES as readonly string[]).includes(file.type)) {
      rejected.push(file.name);
      continue;
    }
    nextKey += 1;
    images.push({
      key: `local-${nextKey}`,
      name: file.name,
      mime: file.type,
      bytes: file.size,
      previewUrl: URL.createObjectURL(file),
      altText: '',
      file,
    });
  }
  return { images, rejected };
}

export function MediaTray({
  images,
  onAdd,
  onRemove,
  onAltText,
  onStripLocation,
}: Readonly<{
  images: readonly ComposerImage[];
  onAdd: (files: File[]) => string[];
  onRemove: (key: string) => void;
  onAltText: (key: string, altText: string) => void;
  onStripLocation: (image: ComposerImage) => void;
}>) {
  const { t } = useTranslation();
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const [rejected, setRejected] = useState<string[]>([]);

  const add = (files: File[]): void => setRejected(onAdd(files));
  const onDrop = (event: DragEvent<HTMLDivElement>): void => {
    event.preventDefault();
    setDragging(false);
    add([...event.dataTransfer.files]);
  };

  return (
    <div className="flex flex-col gap-2">
      <div
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        className={`flex items-center gap-3 rounded-lg border border-dashed px-3 py-2 text-sm ${
          dragging ? 'border-violet-600 bg-violet-50 dark:bg-violet-950' : 'border-zinc-300 dark:border-zinc-700'
        }`}
      >
        <button
          type="button"
          onClick={() => input.current?.click()}
          className="rounded-md border border-zinc-300 bg-white px-3 py-1 font-medium hover:bg-zinc-100 dark:border-zinc-700 dark:bg-zinc-900 dark:hover:bg-zinc-800"
        >
          {t('compose.addImages')}
        </button>
        <span className="text-zinc-600 dark:text-zinc-400">{t('compose.dropImages')}</span>
        <input
          id={inputId}
          ref={input}
          type="file"
          accept={ACCEPTED_IMAGE_TYPES.join(',')}
          multiple
          className="sr-only"
          tabIndex={-1}
          aria-label={t('compose.addImages')}
          onChange={(event) => {
            add([...(event.target.files ?? [])]);
            event.target.value = '';
          }}
        />
      </div>
      {rejected.length > 0 && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {t('compose.imagesRejected', { names: rejected.join(', ') })}
        </p>
      )}
      {images.length > 0 && (
        <ul className="grid grid-cols-2 gap-3">
          {images.map((image, index) => (
            <li key={image.key} className="flex gap-2 rounded-lg border border-zinc-200 p-2 dark:border-zinc-800">
              <img src={image.previewUrl} alt="" className="h-16 w-16 shrink-0 rounded object-cover" />
              <div className="flex min-w-0 flex-1 flex-col gap-1">
                <label className="text-xs font-medium" htmlFor={`${inputId}-alt-${image.key}`}>
                  {t('compose.altText', { number: index + 1 })}
                </label>
                <textarea
                  id={`${inputId}-alt-${image.key}`}
                  value={image.altText}
                  rows={2}
                  placeholder={t('compose.altTextPlaceholder')}
                  onChange={(event) => onAltText(image.key, event.target.value)}
                  className="w-full resize-none rounded border border-zinc-300 bg-white px-2 py-1 text-xs dark:border-zinc-700 dark:bg-zinc-900"
                />
                {image.hasLocation === true && (
                  <p role="alert" className="text-xs text-amber-800 dark:text-amber-300">
                    {t('compose.hasLocation')}{' '}
                    <button type="button" onClick={() => onStripLocation(image)} className="font-medium underline">
                      {t('compose.stripLocation')}
                    </button>
                  </p>
                )}
                {image.error !== undefined && (
                  <p role="alert" className="text-xs text-red-700 dark:text-red-400">
                    {image.error}
                  </p>
                )}
                <button
                  type="button"
                  onClick={() => onRemove(image.key)}
                  className="self-start text-xs text-red-700 underline dark:text-red-400"
                >
                  {t('compose.removeImage', { name: image.name })}
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

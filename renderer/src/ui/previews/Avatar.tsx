import { memo } from 'react';
import { initials } from './network-look';

/** The author's picture, or their initials in a circle when there is none. Decorative: the name is next to it. */
export const Avatar = memo(function Avatar({ name, url, shape, size }: Readonly<{ name: string; url?: string; shape: string; size: number }>) {
  const box = { width: size, height: size };
  if (url !== undefined && url !== '') {
    return <img src={url} alt="" style={box} className={`shrink-0 object-cover ${shape}`} />;
  }
  return (
    <span
      aria-hidden="true"
      style={{ ...box, fontSize: Math.round(size * 0.4) }}
      className={`flex shrink-0 select-none items-center justify-center bg-zinc-300 font-semibold text-zinc-700 dark:bg-zinc-700 dark:text-zinc-100 ${shape}`}
    >
      {initials(name)}
    </span>
  );
});

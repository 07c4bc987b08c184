/**
 * The previews' icons: small inline SVGs drawn in currentColor on a 24-unit grid (no icon fonts or
 * images: the CSP allows neither). Every icon is decorative; the control or label next to it names it.
 */
export type IconName =
  | 'reply'
  | 'repost'
  | 'heart'
  | 'star'
  | 'views'
  | 'bookmark'
  | 'share'
  | 'send'
  | 'comment'
  | 'more'
  | 'thumb'
  | 'globe'
  | 'image'
  | 'chevron-left'
  | 'chevron-right'
  | 'error'
  | 'warning'
  | 'hint'
  | 'focus'
  | 'grid'
  | 'single';

const PATHS: Readonly<Record<IconName, readonly string[]>> = {
  reply: ['M4 5.5A2.5 2.5 0 0 1 6.5 3h11A2.5 2.5 0 0 1 20 5.5v8a2.5 2.5 0 0 1-2.5 2.5H11l-5 4v-4h0.5A2.5 2.5 0 0 1 4 13.5z'],
  comment: ['M20.5 11.5a8.5 8.5 0 0 1-12.4 7.6L3.5 20.5l1.4-4.4A8.5 8.5 0 1 1 20.5 11.5z'],
  repost: ['M7 4 4 7l3 3', 'M4 7h11a4 4 0 0 1 4 4v1', 'M17 20l3-3-3-3', 'M20 17H9a4 4 0 0 1-4-4v-1'],
  heart: ['M12 20s-7.5-4.6-9-9.3C2 7.4 4.2 4.5 7.3 4.5c2 0 3.6 1.1 4.7 2.8 1.1-1.7 2.7-2.8 4.7-2.8 3.1 0 5.3 2.9 4.3 6.2C19.5 15.4 12 20 12 20z'],
  star: ['M12 3.5l2.6 5.3 5.9.9-4.3 4.1 1 5.8L12 16.9l-5.2 2.7 1-5.8-4.3-4.1 5.9-.9z'],
  views: ['M5 20v-7', 'M10 20V8', 'M15 20v-4', 'M20 20V4'],
  bookmark: ['M6.5 3.5h11v17L12 16.5l-5.5 4z'],
  share: ['M12 15V3.5', 'M7.5 8 12 3.5 16.5 8', 'M5 12.5V19a1.5 1.5 0 0 0 1.5 1.5h11A1.5 1.5 0 0 0 19 19v-6.5'],
  send: ['M21 3.5 10 14', 'M21 3.5l-6.5 17-4.5-6.5-6.5-4.5z'],
  more: ['M5 12h.01', 'M12 12h.01', 'M19 12h.01'],
  thumb: ['M7.5 10.5v10h-3v-10z', 'M7.5 10.5 11 3.5a2 2 0 0 1 2.5 2V9h5.2a2 2 0 0 1 2 2.4l-1.5 7.5a2 2 0 0 1-2 1.6H7.5'],
  globe: ['M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18z', 'M3 12h18', 'M12 3c2.5 2.5 3.5 5.5 3.5 9s-1 6.5-3.5 9c-2.5-2.5-3.5-5.5-3.5-9s1-6.5 3.5-9z'],
  image: ['M4 5.5A1.5 1.5 0 0 1 5.5 4h13A1.5 1.5 0 0 1 20 5.5v13a1.5 1.5 0 0 1-1.5 1.5h-13A1.5 1.5 0 0 1 4 18.5z', 'M4 16l4.5-4.5 4 4 2.5-2.5L20 18', 'M15.5 9.5h.01'],
  'chevron-left': ['M14.5 6 8.5 12l6 6'],
  'chevron-right': ['M9.5 6l6 6-6 6'],
  error: ['M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18z', 'M9 9l6 6', 'M15 9l-6 6'],
  warning: ['M12 3.5 2.5 20h19z', 'M12 10v4.5', 'M12 17.5h.01'],
  hint: ['M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18z', 'M12 11v5.5', 'M12 7.5h.01'],
  focus: ['M4 9V4h5', 'M20 9V4h-5', 'M4 15v5h5', 'M20 15v5h-5'],
  grid: ['M4 4h7v7H4z', 'M13 4h7v7h-7z', 'M4 13h7v7H4z', 'M13 13h7v7h-7z'],
  single: ['M5 4h14v16H5z', 'M8 8h8', 'M8 12h8', 'M8 16h5'],
};

export function Icon({ name, size = 18, className }: Readonly<{ name: IconName; size?: number; className?: string }>) {
  return (
    <svg
      aria-hidden="true"
      focusable="false"
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={name === 'more' ? 3 : 1.75}
      strokeLinecap="round"
      strokeLinejoin="round"
      className={className}
    >
      <path d={PATHS[name].join(' ')} />
    </svg>
  );
}

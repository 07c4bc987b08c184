import type { Finding, Severity, TextSpan } from './types';
import { formatCodePoint } from './text/characters';

/** Findings every network can give; the network modules add their own. */

/** 63206 → "63,206" (toLocaleString is slow enough to matter on every keystroke). */
export function formatNumber(n: number): string {
  const digits = String(Math.abs(Math.trunc(n)));
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += ',';
    out += digits[i];
  }
  return (n < 0 ? '-' : '') + out;
}

function finding(severity: Severity, code: Finding['code'], message: string, params: Record<string, string | number>, span?: TextSpan): Finding {
  return span === undefined ? { severity, code, message, params } : { severity, code, message, params, span };
}

export function emptyFinding(network: string): Finding {
  return finding('error', 'empty', `Write something or add an image before posting to ${network}.`, { network });
}

export function overLimitFinding(network: string, unit: string, length: number, limit: number, span: TextSpan): Finding {
  const over = length - limit;
  return finding(
    'error',
    'over_limit',
    `This post is ${formatNumber(length)} ${unit} long, ${formatNumber(over)} over ${network}'s limit of ${formatNumber(limit)}: shorten the highlighted part.`,
    { network, unit, length, limit, over },
    span,
  );
}

export function threadFinding(network: string, unit: string, limit: number, parts: number): Finding {
  return finding(
    'hint',
    'thread',
    `${network} allows ${formatNumber(limit)} ${unit} per post, so this text will be published as a thread of ${parts} posts. To choose where a post ends, put --- on a line of its own there.`,
    { network, unit, limit, parts },
  );
}

/** Mastodon's content warning counts toward every post: one longer than a post leaves no room at all. */
export function fixedTextTooLongFinding(network: string, unit: string, fixed: number, limit: number): Finding {
  return finding(
    'error',
    'fixed_text_too_long',
    `The content warning alone is ${formatNumber(fixed)} ${unit}, longer than a ${network} post (${formatNumber(limit)}): shorten it.`,
    { network, unit, fixed, limit },
  );
}

/** What every post of a thread repeats (content warning, " 1/n") leaves too little room for the text. */
export function threadRoomTooSmallFinding(network: string, unit: string, room: number, minimum: number, limit: number): Finding {
  return finding(
    'error',
    'thread_room_too_small',
    `The content warning and numbering leave only ${formatNumber(room)} ${unit} of text in each ${network} post, so this text would become a thread of tiny posts. Shorten the content warning or turn numbering off (at least ${formatNumber(minimum)} ${unit} of text per post), or shorten the text to fit one post of ${formatNumber(limit)}.`,
    { network, unit, room, minimum, limit },
  );
}

export function tokenSplitFinding(network: string, span: TextSpan): Finding {
  return finding(
    'warning',
    'token_split',
    `This word or link is longer than one ${network} post, so it is cut in the middle across posts: shorten it or add spaces.`,
    { network },
    span,
  );
}

export function markerIgnoredFinding(network: string, span: TextSpan): Finding {
  return finding(
    'hint',
    'split_marker_ignored',
    `${network} does not publish threads: this --- line will appear in the post as written. Remove it if you do not want it there.`,
    { network },
    span,
  );
}

export function controlCharacterFinding(codePoint: number, span: TextSpan): Finding {
  const character = formatCodePoint(codePoint);
  return finding(
    'warning',
    'control_character',
    `Remove the invisible control character ${character}: networks may reject the post or drop the character.`,
    { character },
    span,
  );
}

export function loneSurrogateFinding(codePoint: number, span: TextSpan): Finding {
  const character = formatCodePoint(codePoint);
  return finding(
    'warning',
    'lone_surrogate',
    `Remove the broken character here (half of an emoji or symbol, ${character}): it cannot be published and would show as �.`,
    { character },
    span,
  );
}

export function invalidCharacterFinding(network: string, codePoint: number, span: TextSpan): Finding {
  const character = formatCodePoint(codePoint);
  return finding('error', 'invalid_character', `${network} does not accept the character ${character}: remove it.`, { network, character }, span);
}

export function tooManyMediaFinding(network: string, count: number, max: number): Finding {
  return finding(
    'error',
    'too_many_media',
    `${network} takes at most ${max} images or videos per post; remove ${count - max} of the ${count}.`,
    { network, count, max },
  );
}

export function mediaTooLargeFinding(network: string, index: number, bytes: number, max: number): Finding {
  return finding(
    'error',
    'media_too_large',
    `Image ${index + 1} is ${formatNumber(bytes)} bytes and ${network} takes at most ${formatNumber(max)} bytes per image: use a smaller or more compressed file.`,
    { network, index: index + 1, bytes, max },
  );
}

export function mediaWillShrinkFinding(network: string, index: number, bytes: number, max: number): Finding {
  return finding(
    'warning',
    'media_will_shrink',
    `Image ${index + 1} is ${formatNumber(bytes)} bytes and ${network} takes at most ${formatNumber(max)} bytes per image: Spheres will scale it down to fit when it posts.`,
    { network, index: index + 1, bytes, max },
  );
}

export function mediaRequiredFinding(network: string): Finding {
  return finding('error', 'media_required', `${network} posts need at least one image or video: add one.`, { network });
}

export function altTextTooLongFinding(network: string, index: number, length: number, max: number): Finding {
  return finding(
    'error',
    'alt_text_too_long',
    `The description of image ${index + 1} is ${formatNumber(length)} characters and ${network} allows ${formatNumber(max)}: shorten it.`,
    { network, index: index + 1, length, max },
  );
}

export function altTextMissingFinding(index: number): Finding {
  return finding(
    'hint',
    'alt_text_missing',
    `Image ${index + 1} has no description: add one so people who use screen readers know what it shows.`,
    { index: index + 1 },
  );
}

/** Cuts repetitive findings (one control character per line of a 1 MB paste) down to a readable number. */
export const MAX_FINDINGS_PER_CODE = 20;

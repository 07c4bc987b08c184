import type { PostSummary } from '../../../../common/domain';

/** A short name for a post in button labels and notices: its first words, or null when it has no text. */
export function shortName(summary: Pick<PostSummary, 'text'>, max = 40): string | null {
  const text = summary.text.replace(/\s+/g, ' ').trim();
  if (text.length === 0) return null;
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

/** Formats instants in the UI's language; one formatter per zone, since making one is costly. */
export function instantFormatter(language: string): (iso: string, zone?: string) => string {
  const formats = new Map<string, Intl.DateTimeFormat>();
  return (iso, zone) => {
    const key = zone ?? '';
    let format = formats.get(key);
    if (format === undefined) {
      format = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short', ...(zone === undefined ? {} : { timeZone: zone }) });
      formats.set(key, format);
    }
    return format.format(new Date(iso));
  };
}

const formats = new Map<string, Intl.NumberFormat>();

/** A count in the UI language's digits grouping (3,000 in English, 3.000 in Danish). */
export function formatCount(n: number, language: string): string {
  let format = formats.get(language);
  if (format === undefined) {
    format = new Intl.NumberFormat(language);
    formats.set(language, format);
  }
  return format.format(n);
}

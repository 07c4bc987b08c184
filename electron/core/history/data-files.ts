import { HistoryImportError, type ArchiveReader } from './history-format';

/** A data file Spheres parses whole: the largest X tweets.js we expect is tens of MB; this is far above it. */
export const MAX_DATA_FILE_BYTES = 512 * 1024 ** 2;

/** Reads an entry as UTF-8 text (a byte-order mark dropped), refusing a web page where data was expected. */
export async function readText(archive: ArchiveReader, entry: string): Promise<string> {
  const bytes = await archive.read(entry, MAX_DATA_FILE_BYTES);
  let text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const start = text.slice(0, 512).trimStart().toLowerCase();
  // A sign-in page or an error page saved in place of the file (a common failed download).
  if (start.startsWith('<!doctype html') || start.startsWith('<html') || start.startsWith('<head') || start.startsWith('<body')) {
    throw new HistoryImportError('wrong_kind', `${archive.name}: ${entry} is a web page (HTML), not the export's data. Download the export again from the network's settings.`);
  }
  return text;
}

/** Parses JSON text, naming the file and entry when it is not JSON. */
export function parseJson(text: string, archive: ArchiveReader, entry: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new HistoryImportError('damaged', `${archive.name}: ${entry} is not readable JSON (${error instanceof Error ? error.message : String(error)}).`, { cause: error });
  }
}

/**
 * X archives wrap each data file's JSON in a script assignment, `window.YTD.tweets.part0 = [ … ]`
 * (https://mattstein.com/thoughts/publish-your-tweets/: "Remove window.YTD.tweets.part0 = and
 * you've got … JSON"). Returns the JSON after the `=`; text with no such prefix is returned as is.
 */
export function stripYtdPrefix(text: string): string {
  const match = /^\s*window\.YTD\.[A-Za-z0-9_]+\.part\d+\s*=\s*/.exec(text);
  return match === null ? text : text.slice(match[0].length);
}

/** Entries of an archive whose paths end with `suffix`, found under any one top folder a re-zipped download adds. */
export function findEntry(paths: readonly string[], suffix: RegExp): string | undefined {
  return paths.find((entryPath) => suffix.test(entryPath));
}

import type { Envelope } from '../../../common/api';
import { sessionHeaders } from './session';

/** The web host's upload route (electron/web/server.ts LIBRARY_UPLOAD_PATH). */
const LIBRARY_UPLOAD_PATH = '/api/upload/library';

/**
 * The web host's stand-in for the desktop app's open dialog: the browser's file picker. Resolves
 * null when the picker is dismissed (the `cancel` event, https://html.spec.whatwg.org/multipage/input.html#file-upload-state-(type=file)).
 * Must run inside the click that asked for it, or the browser refuses to open the picker.
 */
function pickArchive(): Promise<File | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = '.zip,application/zip';
    input.hidden = true;
    const settle = (file: File | null): void => {
      input.remove();
      resolve(file);
    };
    input.addEventListener('change', () => settle(input.files?.[0] ?? null), { once: true });
    input.addEventListener('cancel', () => settle(null), { once: true });
    document.body.append(input);
    input.click();
  });
}

/**
 * `library.importChosen` on the web host: the picked file goes up as the request body, which the
 * browser streams from disk, so the page never holds the archive's bytes; the host answers with
 * the same envelope as any call. The file's name rides along so errors name it.
 */
export async function importChosenArchive(readEnvelope: (response: Response) => Promise<Envelope<unknown>>): Promise<Envelope<unknown>> {
  const file = await pickArchive();
  if (file === null) return { ok: true, value: null };
  const response = await fetch(`${LIBRARY_UPLOAD_PATH}?name=${encodeURIComponent(file.name)}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/zip', ...sessionHeaders() },
    credentials: 'same-origin',
    body: file,
  });
  return readEnvelope(response);
}

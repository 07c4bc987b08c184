import { EnvelopeSchema, createSpheresApi, type Envelope, type EventName, type Transport } from '../../../common/api';
import { onServerEvent } from './event-stream';
import { importChosenArchive } from './library-upload';
import { showStoredImagesWithSession } from './media-images';
import { sessionHeaders } from './session';

/**
 * The web host's stand-in for the preload: the same `window.spheres`, built from the same
 * contract, carried over fetch and Server-Sent Events instead of IPC. Every request carries this
 * tab's session secret as a header (see ./session): no cookie, nothing another local server receives.
 */
/**
 * True from the moment the page is hidden or starts to unload until it is shown again. These
 * listeners are added before the app's own (this script runs first), so a save the app starts in
 * its pagehide handler already sees it.
 */
let leaving = false;
window.addEventListener('pagehide', () => {
  leaving = true;
});
window.addEventListener('pageshow', () => {
  leaving = false;
});
document.addEventListener('visibilitychange', () => {
  leaving = document.visibilityState === 'hidden';
});

/**
 * Browsers cap the bodies of all keepalive requests in flight at 64 KiB
 * (https://fetch.spec.whatwg.org/#http-network-or-cache-fetch, "inflight keepalive bytes"); this
 * leaves room for a second one. A larger call (a draft with many long per-network texts) goes as a
 * normal request: if the page unloads first it may be cut, and the composer's autosave, never
 * more than a second behind the typing, has already written all but that last second.
 */
const KEEPALIVE_MAX_BYTES = 30 * 1024;

/** Every answer of the web host's API is an envelope in JSON; anything else means it is not answering as itself. */
async function readEnvelope(response: Response): Promise<Envelope<unknown>> {
  const type = response.headers.get('Content-Type') ?? '';
  if (!type.startsWith('application/json')) throw new Error(`the web host answered ${response.status}`);
  return EnvelopeSchema.parse(await response.json());
}

async function call(method: string, input: unknown): Promise<Envelope<unknown>> {
  const body = JSON.stringify(input === undefined ? {} : { input });
  const response = await fetch(`/api/call/${encodeURIComponent(method)}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...sessionHeaders() },
    credentials: 'same-origin',
    body,
    // A call made while the page goes away must outlive it: the last save of a reload.
    keepalive: leaving && new TextEncoder().encode(body).byteLength <= KEEPALIVE_MAX_BYTES,
  });
  return readEnvelope(response);
}

const transport: Transport = {
  invoke(method, input) {
    // No archive as JSON: the picked file is streamed to the host's upload route instead.
    if (method === 'library.importChosen') return importChosenArchive(readEnvelope);
    return call(method, input);
  },
  subscribe(event: EventName, listener) {
    return onServerEvent(event, (data) => listener(JSON.parse(data)));
  },
};

showStoredImagesWithSession();
Object.defineProperty(window, 'spheres', { value: createSpheresApi(transport), writable: false, configurable: false });

import { EnvelopeSchema, createSpheresApi, type EventName, type Transport } from '../../../common/api';
import { onServerEvent } from './event-stream';
import { showStoredImagesWithSession } from './media-images';
import { sessionHeaders } from './session';

/**
 * The web host's stand-in for the preload: the same `window.spheres`, built from the same
 * contract, carried over fetch and Server-Sent Events instead of IPC. Every request carries this
 * tab's session secret as a header (see ./session): no cookie, nothing another local server receives.
 */
const transport: Transport = {
  async invoke(method, input) {
    const response = await fetch(`/api/call/${encodeURIComponent(method)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...sessionHeaders() },
      credentials: 'same-origin',
      body: JSON.stringify(input === undefined ? {} : { input }),
    });
    const type = response.headers.get('Content-Type') ?? '';
    if (!type.startsWith('application/json')) throw new Error(`the web host answered ${response.status}`);
    return EnvelopeSchema.parse(await response.json());
  },
  subscribe(event: EventName, listener) {
    return onServerEvent(event, (data) => listener(JSON.parse(data)));
  },
};

showStoredImagesWithSession();
Object.defineProperty(window, 'spheres', { value: createSpheresApi(transport), writable: false, configurable: false });

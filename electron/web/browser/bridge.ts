import { EnvelopeSchema, createSpheresApi, type EventName, type Transport } from '../../../common/api';

/**
 * The web host's stand-in for the preload: the same `window.spheres`, built from the same
 * contract, carried over fetch and Server-Sent Events instead of IPC. The session cookie set on
 * the first visit authenticates every request.
 */
let source: EventSource | null = null;

const transport: Transport = {
  async invoke(method, input) {
    const response = await fetch(`/api/call/${encodeURIComponent(method)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      credentials: 'same-origin',
      body: JSON.stringify(input === undefined ? {} : { input }),
    });
    const type = response.headers.get('Content-Type') ?? '';
    if (!type.startsWith('application/json')) throw new Error(`the web host answered ${response.status}`);
    return EnvelopeSchema.parse(await response.json());
  },
  subscribe(event: EventName, listener) {
    source ??= new EventSource('/api/events');
    const handler = (message: MessageEvent<string>): void => listener(JSON.parse(message.data));
    source.addEventListener(event, handler);
    return () => source?.removeEventListener(event, handler);
  },
};

Object.defineProperty(window, 'spheres', { value: createSpheresApi(transport), writable: false, configurable: false });

import { leaveForSessionNeeded, sessionHeaders } from './session';

type Listener = (data: string) => void;

const listeners = new Map<string, Set<Listener>>();
let started = false;
/** After a dropped stream, as EventSource would: a restarted host is back within a few seconds. */
const RECONNECT_MS = 2_000;

function dispatch(block: string): void {
  let event = 'message';
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
  }
  if (data.length === 0) return;
  for (const listener of listeners.get(event) ?? []) listener(data.join('\n'));
}

async function readStream(): Promise<void> {
  const response = await fetch('/api/events', { headers: { Accept: 'text/event-stream', ...sessionHeaders() }, cache: 'no-store' });
  if (response.status === 401) return leaveForSessionNeeded();
  if (!response.ok || response.body === null) throw new Error(`the web host answered ${response.status}`);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value.replace(/\r\n?/g, '\n');
    let end = buffer.indexOf('\n\n');
    while (end !== -1) {
      dispatch(buffer.slice(0, end));
      buffer = buffer.slice(end + 2);
      end = buffer.indexOf('\n\n');
    }
  }
  throw new Error('the event stream ended');
}

function keepStreaming(): void {
  readStream().catch(() => setTimeout(keepStreaming, RECONNECT_MS));
}

/**
 * Server-Sent Events over fetch: EventSource cannot send the session header, and the session must
 * not travel in the URL or a cookie. One stream for the tab, opened on the first subscription.
 */
export function onServerEvent(event: string, listener: Listener): () => void {
  const set = listeners.get(event) ?? new Set<Listener>();
  listeners.set(event, set);
  set.add(listener);
  if (!started) {
    started = true;
    keepStreaming();
  }
  return () => set.delete(listener);
}

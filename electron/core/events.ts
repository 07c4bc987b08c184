import type { EventName, EventPayload } from '../../common/api';

type Listener = (event: EventName, payload: unknown) => void;

/** Core services emit here; main forwards to windows, the web host to SSE clients. */
export class EventBus {
  readonly #listeners = new Set<Listener>();

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const listener of this.#listeners) listener(event, payload);
  }

  /** Listens to every event; returns the function that stops listening. */
  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}

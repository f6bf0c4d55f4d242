import type { EventName, EventPayload } from '../../common/ipc/contract';

export type EventListener = (name: EventName, payload: unknown) => void;

/**
 * Main's push channel. The Electron host forwards to every window, the web
 * harness to every Server-Sent-Events stream; services only publish.
 */
export class EventHub {
  readonly #listeners = new Set<EventListener>();

  publish<E extends EventName>(name: E, payload: EventPayload<E>): void {
    for (const listener of this.#listeners) {
      try {
        listener(name, payload);
      } catch {
        // A broken window must not stop the others (or the service) from hearing.
      }
    }
  }

  subscribe(listener: EventListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}

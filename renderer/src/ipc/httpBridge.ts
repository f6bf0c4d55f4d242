import type { Result } from '../../../shared/common/errors';
import type { ChannelName, DeskBridge, EventName, EventPayload, RequestIn, ResponseOf } from '../../../shared/common/ipc/contract';

/**
 * The browser harness's stand-in for the Electron preload: the same DeskBridge,
 * over HTTP to 127.0.0.1 (the token travels as an HttpOnly cookie).
 */
export function createHttpBridge(): DeskBridge {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let source: EventSource | undefined;
  let opened: () => void = () => {};
  const open = new Promise<void>((resolve) => (opened = resolve));

  const ensureStream = () => {
    if (source) return;
    source = new EventSource('/events');
    source.onopen = () => opened();
    source.onmessage = (message: MessageEvent<string>) => {
      let parsed: { name: string; payload: unknown };
      try {
        parsed = JSON.parse(message.data) as { name: string; payload: unknown };
      } catch {
        return;
      }
      for (const l of listeners.get(parsed.name) ?? []) l(parsed.payload);
    };
  };

  return {
    async invoke<K extends ChannelName>(channel: K, request: RequestIn<K>): Promise<Result<ResponseOf<K>>> {
      try {
        const response = await fetch(`/ipc/${encodeURIComponent(channel)}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(request ?? {}),
          credentials: 'same-origin',
        });
        if (!response.ok) {
          return { ok: false, error: { code: 'unavailable', message: `kynect Desk did not answer (${response.status}). Reload the page.` } };
        }
        return (await response.json()) as Result<ResponseOf<K>>;
      } catch {
        return { ok: false, error: { code: 'unavailable', message: 'kynect Desk is not reachable. Is the harness still running?' } };
      }
    },
    connected(): Promise<void> {
      ensureStream();
      return open;
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
      ensureStream();
      const set = listeners.get(event) ?? new Set();
      set.add(listener as (payload: unknown) => void);
      listeners.set(event, set);
      return () => set.delete(listener as (payload: unknown) => void);
    },
  };
}

import { createContext, useCallback, useContext, useEffect, useRef, type ReactNode } from 'react';
import type { Result } from '../../../shared/common/errors';
import type { ChannelName, DeskBridge, EventName, EventPayload, RequestIn, ResponseOf } from '../../../shared/common/ipc/contract';
import { createHttpBridge } from './httpBridge';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in the browser harness. */
    kynectDesk?: DeskBridge;
  }
}

/** The Electron preload's bridge when there is one, else the harness's HTTP bridge. */
export function pickBridge(): DeskBridge {
  return window.kynectDesk ?? createHttpBridge();
}

const DeskContext = createContext<DeskBridge | null>(null);

export function DeskProvider({ bridge, children }: { bridge: DeskBridge; children: ReactNode }) {
  return <DeskContext.Provider value={bridge}>{children}</DeskContext.Provider>;
}

export function useDesk(): DeskBridge {
  const bridge = useContext(DeskContext);
  if (!bridge) throw new Error('useDesk outside DeskProvider');
  return bridge;
}

/** A stable `invoke` for effects and handlers. */
export function useInvoke(): <K extends ChannelName>(channel: K, request: RequestIn<K>) => Promise<Result<ResponseOf<K>>> {
  const bridge = useDesk();
  return useCallback((channel, request) => bridge.invoke(channel, request), [bridge]);
}

/** Listens to one of main's push events for the life of the component. */
export function useDeskEvent<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): void {
  const bridge = useDesk();
  const latest = useRef(listener);
  latest.current = listener;
  useEffect(() => bridge.on(event, (p) => latest.current(p)), [bridge, event]);
}

import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { CallSnapshot } from '../../../../shared/common/calls/contract';
import type { Disposition } from '../../../../shared/common/calls/dispositions';
import { callStateLabels } from '../../../../shared/common/calls/session';
import type { CallView } from '../../../../shared/common/calls/view';
import type { DeskErrorShape } from '../../../../shared/common/errors';
import type { ChannelName, RequestIn, ResponseOf } from '../../../../shared/common/ipc/contract';
import { useDeskEvent, useInvoke } from '../../ipc/desk';
import { useStrings } from '../../i18n';
import { useAnnounce } from '../../ui/Announcer';

type Act = <K extends ChannelName>(channel: K, request: RequestIn<K>) => Promise<{ ok: true; value: ResponseOf<K> } | { ok: false; error: DeskErrorShape }>;

interface CallStore {
  call: CallView | null;
  loaded: boolean;
  /** Main's clock minus this page's clock, so timers agree with main. */
  skewMs: number;
  /** Runs a call channel; a snapshot in the answer replaces the call shown. */
  act: Act;
  /** Bumped to ask the Call area to focus its start form (the start shortcut). */
  startRequests: number;
  requestStart: () => void;
  /** Bumped when this rep ends the call, so wrap-up takes focus (and not on a reload). */
  wrapUpRequests: number;
  requestWrapUp: () => void;
}

const Ctx = createContext<CallStore | null>(null);

function isSnapshot(v: unknown): v is CallSnapshot {
  return typeof v === 'object' && v !== null && 'serverNow' in v && 'call' in v;
}

/**
 * The open call as main last told it. Main pushes every change, so a reload or
 * a second window shows the same call; this page only keeps what it shows.
 */
export function CallProvider({ children }: { children: ReactNode }) {
  const t = useStrings('call');
  const invoke = useInvoke();
  const announce = useAnnounce();
  const [snap, setSnap] = useState<{ call: CallView | null; skewMs: number; loaded: boolean }>({ call: null, skewMs: 0, loaded: false });
  const [startRequests, setStartRequests] = useState(0);
  const [wrapUpRequests, setWrapUpRequests] = useState(0);
  const last = useRef<{ id: string | null; state: CallView['state'] | null; clientOnLine: boolean }>({ id: null, state: null, clientOnLine: false });

  const accept = useCallback(
    (s: CallSnapshot) => {
      const skewMs = new Date(s.serverNow).getTime() - Date.now();
      setSnap({ call: s.call, skewMs, loaded: true });
      // Status changes are announced once; timers never are.
      const prev = last.current;
      const c = s.call;
      if (c && (c.id !== prev.id || c.state !== prev.state)) announce(t(c.id !== prev.id && prev.id === null && c.state === 'active' ? 'status.started' : `status.${c.state}`));
      else if (c && c.clientOnLine !== prev.clientOnLine) announce(t(c.clientOnLine ? 'status.clientJoined' : 'status.clientLeft'));
      else if (!c && prev.id && prev.state) announce(t('status.wrapUpComplete'));
      last.current = { id: c?.id ?? null, state: c?.state ?? null, clientOnLine: c?.clientOnLine ?? false };
    },
    [announce, t],
  );

  useEffect(() => {
    let live = true;
    void invoke('app:call.current', {}).then((r) => {
      if (!live || !r.ok) return;
      // The first load sets the baseline quietly: nothing changed, the page just opened.
      last.current = { id: r.value.call?.id ?? null, state: r.value.call?.state ?? null, clientOnLine: r.value.call?.clientOnLine ?? false };
      accept(r.value);
    });
    return () => {
      live = false;
    };
  }, [invoke, accept]);
  useDeskEvent('app:call.changed', accept);

  const act = useCallback<Act>(
    async (channel, request) => {
      const r = await invoke(channel, request);
      if (r.ok && isSnapshot(r.value)) accept(r.value);
      return r;
    },
    [invoke, accept],
  );

  const value = useMemo<CallStore>(
    () => ({
      ...snap,
      act,
      startRequests,
      requestStart: () => setStartRequests((n) => n + 1),
      wrapUpRequests,
      requestWrapUp: () => setWrapUpRequests((n) => n + 1),
    }),
    [snap, act, startRequests, wrapUpRequests],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useCall(): CallStore {
  const c = useContext(Ctx);
  if (!c) throw new Error('useCall outside CallProvider');
  return c;
}

/** Main's "now", re-read every second while `ticking`. */
export function useServerNow(skewMs: number, ticking: boolean): Date {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!ticking) return;
    setNow(Date.now());
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [ticking]);
  return new Date(now + skewMs);
}

export { callStateLabels };

/** The configured disposition list (read once per form). */
/**
 * The last list main gave, for the next form that mounts: wrap-up appears the moment the call
 * ends, and a rep typing the disposition's first letters at once found no options while the list
 * was still on its way (the keys were lost). Each mount still asks main, so an edited list shows.
 */
let lastDispositions: Disposition[] = [];

export function useDispositions(): Disposition[] {
  const invoke = useInvoke();
  const [list, setList] = useState<Disposition[]>(lastDispositions);
  useEffect(() => {
    void invoke('app:call.dispositions.get', {}).then((r) => {
      if (!r.ok) return;
      lastDispositions = r.value;
      setList(r.value);
    });
  }, [invoke]);
  return list;
}

/**
 * For other areas: put a snippet (an SEP summary, a match result) into the
 * open call's notes. Resolves to false, with main's reason, when no call is open.
 */
export function useAddToCallNotes(): (text: string) => Promise<{ ok: true } | { ok: false; message: string }> {
  const { act } = useCall();
  return useCallback(
    async (text: string) => {
      const r = await act('app:call.notes.append', { text });
      return r.ok ? { ok: true as const } : { ok: false as const, message: r.error.message };
    },
    [act],
  );
}

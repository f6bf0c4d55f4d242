/**
 * Call timers are a pure function of the stored event times and "now": no
 * counter lives in memory, so a restart (or a second window) shows the same
 * numbers. The phone call goes on while the app is down, so downtime counts
 * toward whatever phase the call was in.
 */
import type { CallEvent } from './session';

export interface CallTimers {
  /** Time on the line, not on hold, from start to end. */
  talkMs: number;
  /** Total time on hold. */
  holdMs: number;
  /** After-call work: from end to close (or now). */
  wrapUpMs: number;
  /** talk + hold + wrap-up. */
  handleMs: number;
  /** The hold going on now, or null when not on hold. */
  currentHoldMs: number | null;
  holdCount: number;
}

type Phase = 'talk' | 'hold' | 'wrap' | 'done';

export function callTimers(events: readonly Pick<CallEvent, 'type' | 'at'>[], now: Date): CallTimers {
  const totals: Record<'talk' | 'hold' | 'wrap', number> = { talk: 0, hold: 0, wrap: 0 };
  // An object, not locals: TypeScript would narrow locals assigned inside closures wrongly.
  const st: { phase: Phase | null; since: number } = { phase: null, since: 0 };
  let holdCount = 0;

  const closeSpan = (until: number) => {
    // A clock set back must not make a timer go negative.
    const span = Math.max(0, until - st.since);
    if (st.phase === 'talk' || st.phase === 'hold' || st.phase === 'wrap') totals[st.phase] += span;
  };
  const enter = (next: Phase, atMs: number) => {
    closeSpan(atMs);
    st.phase = next;
    st.since = Math.max(st.since, atMs);
  };

  for (const e of events) {
    const t = Date.parse(e.at);
    if (e.type === 'started') {
      st.phase = 'talk';
      st.since = t;
    } else if (e.type === 'held' && st.phase === 'talk') {
      holdCount += 1;
      enter('hold', t);
    } else if (e.type === 'resumed' && st.phase === 'hold') {
      enter('talk', t);
    } else if (e.type === 'ended' && (st.phase === 'talk' || st.phase === 'hold')) {
      enter('wrap', t);
    } else if (e.type === 'closed' && st.phase === 'wrap') {
      enter('done', t);
    }
  }
  const nowMs = now.getTime();
  const open = st.phase !== null && st.phase !== 'done';
  const currentSpan = open ? Math.max(0, nowMs - st.since) : 0;
  const onHold = st.phase === 'hold';
  if (open) closeSpan(nowMs);
  return {
    talkMs: totals.talk,
    holdMs: totals.hold,
    wrapUpMs: totals.wrap,
    handleMs: totals.talk + totals.hold + totals.wrap,
    currentHoldMs: onHold ? currentSpan : null,
    holdCount,
  };
}

/** 65_000 → "1:05"; 3_725_000 → "1:02:05". Whole seconds, rounded down. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** 65_000 → "1 minute 5 seconds": for summaries and labels read aloud, not for ticking text. */
export function spokenDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const part = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  const parts: string[] = [];
  if (h) parts.push(part(h, 'hour'));
  if (m) parts.push(part(m, 'minute'));
  if (s || parts.length === 0) parts.push(part(s, 'second'));
  return parts.join(' ');
}

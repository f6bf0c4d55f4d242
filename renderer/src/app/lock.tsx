import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { spokenDuration } from '../../../shared/common/calls/timers';
import type { DeskErrorShape } from '../../../shared/common/errors';
import { LOCK_WARNING_SECONDS, type LockState } from '../../../shared/common/foundation/lock';
import { useDeskEvent, useInvoke } from '../ipc/desk';
import { useAnnounce } from '../ui/Announcer';
import { TextField } from '../ui/Field';
import { FormError, fieldError } from '../ui/FormError';
import { plural } from '../../../shared/common/texts/readable';

const ACTIVITY_EVERY_MS = 10_000;

/**
 * Follows main's idle lock: reports activity (at most every 10 seconds, at once
 * while the warning shows), shows the warning, and while locked renders the
 * lock screen INSTEAD of the app, so nothing about a resident stays on screen
 * or in the page.
 */
export function IdleLockGate({ children }: { children: ReactNode }) {
  const invoke = useInvoke();
  const announce = useAnnounce();
  const [lock, setLock] = useState<LockState | null>(null);
  const lastSent = useRef(0);
  const phase = lock?.state ?? 'unlocked';

  const apply = (next: LockState) => {
    setLock((prev) => {
      if (prev?.state !== next.state) {
        if (next.state === 'warning') announce(`kynect Desk will lock in ${plural(next.warningSeconds, 'second')} to protect residents' data. Press any key to stay.`, 'assertive');
        if (next.state === 'locked') announce('kynect Desk is locked. Enter your PIN to unlock. Your call goes on.', 'assertive');
        if (prev && next.state === 'unlocked') announce('Unlocked.');
      }
      return next;
    });
  };

  // The state is asked for once at start; an event pushed meanwhile is newer than that answer
  // (they travel apart), and applying the older answer after it would show the app again.
  const changed = useRef(false);
  useEffect(() => {
    void invoke('app:lock.get', {}).then((r) => {
      if (r.ok && !changed.current) apply(r.value);
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once
  }, [invoke]);
  useDeskEvent('app:lock.changed', (next) => {
    changed.current = true;
    apply(next);
  });

  useEffect(() => {
    if (phase === 'locked') return;
    const onActivity = () => {
      const now = Date.now();
      if (phase === 'warning' || now - lastSent.current > ACTIVITY_EVERY_MS) {
        lastSent.current = now;
        // The answer is not applied: changes arrive as app:lock.changed events, in order,
        // and an answer overtaken by a lock would wrongly show the app again.
        void invoke('app:lock.activity', {});
      }
    };
    const opts = { capture: true, passive: true } as const;
    window.addEventListener('keydown', onActivity, opts);
    window.addEventListener('pointerdown', onActivity, opts);
    window.addEventListener('wheel', onActivity, opts);
    return () => {
      window.removeEventListener('keydown', onActivity, opts);
      window.removeEventListener('pointerdown', onActivity, opts);
      window.removeEventListener('wheel', onActivity, opts);
    };
  }, [invoke, phase]);

  // The lock screen's form goes away on unlock: focus goes to the area's heading the app comes back on.
  const wasLocked = useRef(false);
  useEffect(() => {
    if (phase === 'locked') wasLocked.current = true;
    else if (wasLocked.current) {
      wasLocked.current = false;
      if (document.activeElement === document.body || document.activeElement === null) document.getElementById('area-title')?.focus();
    }
  }, [phase]);

  if (phase === 'locked' && lock) return <LockScreen lock={lock} onUnlocked={apply} />;
  return (
    <>
      {children}
      {phase === 'warning' && lock ? <IdleWarning lock={lock} /> : null}
    </>
  );
}

function IdleWarning({ lock }: { lock: LockState }) {
  const invoke = useInvoke();
  const ref = useRef<HTMLDialogElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    ref.current?.showModal();
    button.current?.focus();
  }, []);
  return (
    <dialog
      ref={ref}
      className="dialog"
      role="alertdialog"
      aria-labelledby="idle-title"
      aria-describedby="idle-body"
      data-testid="idle-warning"
      onCancel={(e) => e.preventDefault()}
    >
      <h2 id="idle-title">Are you still there?</h2>
      <p id="idle-body">
        To protect residents' data, kynect Desk locks after {plural(lock.idleMinutes, 'minute')} without activity. It locks in about {plural(lock.warningSeconds, 'second')}. Your
        call and its timers go on either way.
      </p>
      <div className="actions">
        <button ref={button} type="button" className="button button--primary" onClick={() => void invoke('app:lock.activity', {})}>
          Stay signed in
        </button>
      </div>
    </dialog>
  );
}

const CALL_STATE_WORDS = { active: 'in progress', on_hold: 'on hold', wrap_up: 'in wrap-up' } as const;

/** The call behind the lock, by state and length only; re-read every half minute, never announced. */
function CallBehindLock({ call }: { call: NonNullable<LockState['call']> }) {
  const [received] = useState(() => Date.now());
  const [, rerender] = useState(0);
  useEffect(() => {
    const t = setInterval(() => rerender((n) => n + 1), 30_000);
    return () => clearInterval(t);
  }, []);
  const elapsed = new Date(call.serverNow).getTime() - new Date(call.startedAt).getTime() + (Date.now() - received);
  return (
    <p className="notice" data-testid="lock-call">
      A call is {CALL_STATE_WORDS[call.state]} on this desk, for {elapsed < 60_000 ? 'less than a minute' : spokenDuration(Math.floor(elapsed / 60_000) * 60_000)}. It goes on while
      the window is locked.
    </p>
  );
}

function LockScreen({ lock, onUnlocked }: { lock: LockState; onUnlocked: (s: LockState) => void }) {
  const invoke = useInvoke();
  const [pin, setPin] = useState('');
  const [error, setError] = useState<DeskErrorShape | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const r = await invoke('app:lock.unlock', { pin });
    setPin('');
    if (!r.ok) return setError(r.error);
    setError(null);
    onUnlocked(r.value);
  };
  return (
    <main className="setup lockscreen" id="main" data-testid="lock-screen">
      <form className="card setup__card" onSubmit={submit} noValidate aria-labelledby="lock-title">
        <h1 id="lock-title">kynect Desk is locked</h1>
        <p className="muted">
          Locked {lock.lockedAt ? `at ${new Date(lock.lockedAt).toLocaleTimeString([], { hour: 'numeric', minute: '2-digit' })}` : ''} to protect residents' data.
          {lock.call ? '' : ' Any call in progress goes on; its timers keep running.'}
        </p>
        {lock.call ? <CallBehindLock call={lock.call} /> : null}
        <FormError error={error && !error.fieldErrors ? error : null} />
        <TextField
          label="Your PIN"
          type="password"
          inputMode="numeric"
          autoComplete="off"
          autoFocus
          value={pin}
          onChange={(e) => setPin(e.target.value)}
          error={fieldError(error, 'pin')}
        />
        <div className="actions">
          <button type="submit" className="button button--primary">
            Unlock
          </button>
        </div>
      </form>
    </main>
  );
}

/**
 * The idle time before the window locks, on the profile page: the operator sets it, main
 * validates (1 to 60 minutes), keeps it and audits the change.
 */
export function IdleTimeSettings() {
  const invoke = useInvoke();
  const announce = useAnnounce();
  const [minutes, setMinutes] = useState<string | null>(null);
  const [error, setError] = useState<DeskErrorShape | null>(null);
  useEffect(() => {
    void invoke('app:lock.get', {}).then((r) => r.ok && setMinutes(String(r.value.idleMinutes)));
  }, [invoke]);
  if (minutes === null) return <p>Loading the lock setting…</p>;
  const save = async (e: FormEvent) => {
    e.preventDefault();
    const typed = minutes.trim();
    // Anything but whole digits goes as typed-nothing, so main's one rule words the problem.
    const r = await invoke('app:lock.configure', { idleMinutes: /^\d+$/.test(typed) ? Number(typed) : (null as unknown as number) });
    if (!r.ok) return setError(r.error);
    setError(null);
    setMinutes(String(r.value.idleMinutes));
    announce(`kynect Desk now locks after ${r.value.idleMinutes} ${r.value.idleMinutes === 1 ? 'minute' : 'minutes'} without activity.`);
  };
  return (
    <form className="card setup__card" noValidate onSubmit={(e) => void save(e)} aria-labelledby="idle-settings-title" data-testid="idle-settings">
      <h2 id="idle-settings-title">Idle lock</h2>
      <FormError error={error && !error.fieldErrors ? error : null} />
      <TextField
        label="Lock after (minutes without activity)"
        hint={`1 to 60. A warning comes ${LOCK_WARNING_SECONDS} seconds before; your call goes on while locked.`}
        inputMode="numeric"
        autoComplete="off"
        value={minutes}
        onChange={(e) => setMinutes(e.target.value)}
        error={fieldError(error, 'idleMinutes')}
      />
      <div className="actions">
        <button type="submit" className="button button--primary">
          Save idle lock
        </button>
      </div>
    </form>
  );
}

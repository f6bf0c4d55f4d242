import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { spokenDuration } from '../../../shared/common/calls/timers';
import type { DeskErrorShape } from '../../../shared/common/errors';
import type { LockState } from '../../../shared/common/foundation/lock';
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

import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { DeskErrorShape } from '../../../shared/common/errors';
import { LOCK_WARNING_SECONDS, type LockState } from '../../../shared/common/foundation/lock';
import { useDeskEvent, useInvoke } from '../ipc/desk';
import { useAnnounce } from '../ui/Announcer';
import { TextField } from '../ui/Field';
import { FormError, fieldError } from '../ui/FormError';
import { useStrings } from '../i18n';

const ACTIVITY_EVERY_MS = 10_000;

/**
 * Follows main's idle lock: reports activity (at most every 10 seconds, at once
 * while the warning shows), shows the warning, and while locked renders the
 * lock screen INSTEAD of the app, so nothing about a resident stays on screen
 * or in the page.
 */
export function IdleLockGate({ children }: { children: ReactNode }) {
  const t = useStrings('shell');
  const invoke = useInvoke();
  const announce = useAnnounce();
  const [lock, setLock] = useState<LockState | null>(null);
  const lastSent = useRef(0);
  const phase = lock?.state ?? 'unlocked';

  const apply = (next: LockState) => {
    setLock((prev) => {
      if (prev?.state !== next.state) {
        if (next.state === 'warning') announce(t('lock.warningAnnounce', { seconds: t('lock.seconds', { count: next.warningSeconds }) }), 'assertive');
        if (next.state === 'locked') announce(t('lock.lockedAnnounce'), 'assertive');
        if (prev && next.state === 'unlocked') announce(t('lock.unlocked'));
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
  const t = useStrings('shell');
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
      <h2 id="idle-title">{t('lock.warningTitle')}</h2>
      <p id="idle-body">{t('lock.warningBody', { minutes: t('lock.minutes', { count: lock.idleMinutes }), seconds: t('lock.seconds', { count: lock.warningSeconds }) })}</p>
      <div className="actions">
        <button ref={button} type="button" className="button button--primary" onClick={() => void invoke('app:lock.activity', {})}>
          {t('lock.stay')}
        </button>
      </div>
    </dialog>
  );
}

/** The call behind the lock, by state and length only; re-read every half minute, never announced. */
function CallBehindLock({ call }: { call: NonNullable<LockState['call']> }) {
  const t = useStrings('shell');
  const [received] = useState(() => Date.now());
  const [, rerender] = useState(0);
  useEffect(() => {
    const t = setInterval(() => rerender((n) => n + 1), 30_000);
    return () => clearInterval(t);
  }, []);
  const elapsed = new Date(call.serverNow).getTime() - new Date(call.startedAt).getTime() + (Date.now() - received);
  // Whole minutes only: the length is a rough figure, not a ticking timer.
  const minutes = Math.floor(elapsed / 60_000);
  const hours = Math.floor(minutes / 60);
  const words = (m: number) => t('lock.minutes', { count: m });
  const length =
    minutes < 1
      ? t('lock.lessThanMinute')
      : hours === 0
        ? words(minutes)
        : minutes % 60 === 0
          ? t('lock.hours', { count: hours })
          : t('lock.hoursMinutes', { hours: t('lock.hours', { count: hours }), minutes: words(minutes % 60) });
  return (
    <p className="notice" data-testid="lock-call">
      {t('lock.callBehind', { state: t(`lock.callStates.${call.state}`), length })}
    </p>
  );
}

function LockScreen({ lock, onUnlocked }: { lock: LockState; onUnlocked: (s: LockState) => void }) {
  const t = useStrings('shell');
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
        <h1 id="lock-title">{t('lock.title')}</h1>
        <p className="muted">
          {lock.lockedAt ? t('lock.lockedAt', { at: lock.lockedAt }) : t('lock.locked')}
          {lock.call ? '' : ` ${t('lock.callGoesOn')}`}
        </p>
        {lock.call ? <CallBehindLock call={lock.call} /> : null}
        <FormError error={error && !error.fieldErrors ? error : null} />
        <TextField
          label={t('lock.pin')}
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
            {t('lock.unlock')}
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
  const t = useStrings('shell');
  const invoke = useInvoke();
  const announce = useAnnounce();
  const [minutes, setMinutes] = useState<string | null>(null);
  const [error, setError] = useState<DeskErrorShape | null>(null);
  useEffect(() => {
    void invoke('app:lock.get', {}).then((r) => r.ok && setMinutes(String(r.value.idleMinutes)));
  }, [invoke]);
  if (minutes === null) return <p>{t('lock.settingLoading')}</p>;
  const save = async (e: FormEvent) => {
    e.preventDefault();
    const typed = minutes.trim();
    // Anything but whole digits goes as typed-nothing, so main's one rule words the problem.
    const r = await invoke('app:lock.configure', { idleMinutes: /^\d+$/.test(typed) ? Number(typed) : (null as unknown as number) });
    if (!r.ok) return setError(r.error);
    setError(null);
    setMinutes(String(r.value.idleMinutes));
    announce(t('lock.settingSaved', { minutes: t('lock.minutes', { count: r.value.idleMinutes }) }));
  };
  return (
    <form className="card setup__card" noValidate onSubmit={(e) => void save(e)} aria-labelledby="idle-settings-title" data-testid="idle-settings">
      <h2 id="idle-settings-title">{t('lock.settingTitle')}</h2>
      <FormError error={error && !error.fieldErrors ? error : null} />
      <TextField
        label={t('lock.settingLabel')}
        hint={t('lock.settingHint', { seconds: t('lock.seconds', { count: LOCK_WARNING_SECONDS }) })}
        inputMode="numeric"
        autoComplete="off"
        value={minutes}
        onChange={(e) => setMinutes(e.target.value)}
        error={fieldError(error, 'idleMinutes')}
      />
      <div className="actions">
        <button type="submit" className="button button--primary">
          {t('lock.settingSave')}
        </button>
      </div>
    </form>
  );
}

import { plural } from '../../common/texts/readable';
import type { Clock } from '../../common/clock';
import { DeskError } from '../../common/errors';
import { DEFAULT_IDLE_MINUTES, IdleMinutes, LOCK_WARNING_SECONDS, lockPhase, type LockState } from '../../common/foundation/lock';
import type { AuditLog } from '../audit/auditLog';
import type { EventHub } from '../host/events';
import type { OperatorStore } from './operatorStore';
import type { SettingsStore } from './settings';

const MAX_FAILURES = 5;
const FAILURE_PAUSE_MS = 60_000;

/**
 * The idle lock, owned by main so that a reload or a second window cannot
 * undo it. Calls and their timers are not touched: only the window is hidden.
 */
export class SessionLock {
  #lastActivity: number;
  #lockedAt: number | null = null;
  #failures = 0;
  #retryAfter: number | null = null;
  #published: LockState['state'] = 'unlocked';
  #openCall: () => { state: 'active' | 'on_hold' | 'wrap_up'; startedAt: string } | null = () => null;

  constructor(private readonly deps: { clock: Clock; settings: SettingsStore; operators: OperatorStore; audit: AuditLog; events: EventHub }) {
    this.#lastActivity = deps.clock.now().getTime();
  }

  /** The call feature tells the lock how to find the operator's open call (services.ts). */
  useOpenCall(find: () => { state: 'active' | 'on_hold' | 'wrap_up'; startedAt: string } | null): void {
    this.#openCall = find;
  }

  #idleMs(): number {
    return this.deps.settings.get('lock.idleMinutes', IdleMinutes, DEFAULT_IDLE_MINUTES) * 60_000;
  }

  state(): LockState {
    const now = this.deps.clock.now().getTime();
    const idleMs = this.#idleMs();
    // Without an operator PIN there is nothing to unlock with: never lock.
    const canLock = this.deps.operators.current()?.hasPin === true;
    const phase = canLock ? lockPhase({ lockedAt: this.#lockedAt, lastActivity: this.#lastActivity, idleMs, warningMs: LOCK_WARNING_SECONDS * 1000, now }) : 'unlocked';
    if (phase === 'locked' && this.#lockedAt === null) {
      this.#lockedAt = this.#lastActivity + idleMs;
      this.deps.audit.append({ action: 'session.locked', details: { reason: 'idle' } });
    }
    return {
      state: phase,
      idleMinutes: idleMs / 60_000,
      warningSeconds: LOCK_WARNING_SECONDS,
      locksAt: phase === 'locked' ? null : new Date(this.#lastActivity + idleMs).toISOString(),
      lockedAt: this.#lockedAt === null ? null : new Date(this.#lockedAt).toISOString(),
      retryAfter: this.#retryAfter !== null && this.#retryAfter > now ? new Date(this.#retryAfter).toISOString() : null,
      // Looked up only behind the lock: the state is evaluated every second.
      call: phase === 'locked' ? this.#callBehindLock(now) : null,
    };
  }

  #callBehindLock(now: number): LockState['call'] {
    const call = this.#openCall();
    return call ? { ...call, serverNow: new Date(now).toISOString() } : null;
  }

  /** Re-evaluates and pushes a change to every window; main calls it on a timer. */
  tick(): LockState {
    const s = this.state();
    if (s.state !== this.#published) {
      this.#published = s.state;
      this.deps.events.publish('app:lock.changed', s);
    }
    return s;
  }

  /** Keyboard or pointer activity in a window. Ignored once locked: only the PIN unlocks. */
  activity(): LockState {
    if (this.state().state !== 'locked') this.#lastActivity = this.deps.clock.now().getTime();
    return this.tick();
  }

  lockNow(): LockState {
    if (this.deps.operators.current()?.hasPin !== true) throw new DeskError('refused', 'Set a PIN in your profile first: without one kynect Desk could not be unlocked.');
    if (this.#lockedAt === null) {
      this.#lockedAt = this.deps.clock.now().getTime();
      this.deps.audit.append({ action: 'session.locked', details: { reason: 'operator' } });
    }
    return this.tick();
  }

  unlock(pin: string): LockState {
    const now = this.deps.clock.now().getTime();
    if (this.state().state !== 'locked') return this.tick();
    if (this.#retryAfter !== null && this.#retryAfter > now) {
      const seconds = Math.ceil((this.#retryAfter - now) / 1000);
      throw DeskError.atField('pin', `Too many wrong PINs. Try again in ${plural(seconds, 'second')}.`, 'refused');
    }
    if (!this.deps.operators.checkPin(pin)) {
      this.#failures++;
      this.deps.audit.append({ action: 'session.unlock_failed', details: { failures: this.#failures } });
      if (this.#failures >= MAX_FAILURES) {
        this.#retryAfter = now + FAILURE_PAUSE_MS;
        this.#failures = 0;
        throw DeskError.atField('pin', 'That PIN is not right. Too many wrong PINs: wait one minute before trying again.', 'refused');
      }
      throw DeskError.atField('pin', 'That PIN is not right.', 'refused');
    }
    this.#failures = 0;
    this.#retryAfter = null;
    this.#lockedAt = null;
    this.#lastActivity = now;
    this.deps.audit.append({ action: 'session.unlocked' });
    return this.tick();
  }

  setIdleMinutes(minutes: number): LockState {
    const from = this.#idleMs() / 60_000;
    this.deps.settings.set('lock.idleMinutes', IdleMinutes, minutes);
    this.deps.audit.append({ action: 'settings.changed', subject: 'lock.idleMinutes', details: { from, minutes } });
    const s = this.tick();
    // Every window's warning quotes the idle time: it hears of a new one even when the phase stays.
    if (from !== minutes) this.deps.events.publish('app:lock.changed', s);
    return s;
  }
}

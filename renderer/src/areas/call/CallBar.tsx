import { useState } from 'react';
import { callTimers, formatDuration } from '../../../../shared/common/calls/timers';
import { callStateLabels, describeCaller } from '../../../../shared/common/calls/session';
import type { DeskErrorShape } from '../../../../shared/common/errors';
import { keys, useShortcut } from '../../app/shortcuts';
import { useAnnounce } from '../../ui/Announcer';
import { CallBarConsent } from '../association/pendingConsent';
import { useCall, useServerNow } from './callStore';

const stateMark: Record<string, string> = { active: '●', on_hold: '❚❚', wrap_up: '✎' };

function goToCallArea() {
  if (window.location.hash !== '#/call') window.location.hash = '#/call';
}

/**
 * Always in view in the top bar: who is calling, the state in words, the
 * timers, and hold / end / wrap-up. Timers tick silently (no live region);
 * state changes are announced by the call store.
 */
export function CallBar() {
  const { call, skewMs, act, requestStart } = useCall();
  const announce = useAnnounce();
  const [error, setError] = useState<DeskErrorShape | null>(null);
  const open = call && call.state !== 'closed' ? call : null;
  const now = useServerNow(skewMs, open !== null);

  const run = async (channel: 'app:call.hold' | 'app:call.resume' | 'app:call.end') => {
    if (!open) return;
    const r = await act(channel, { callId: open.id });
    setError(r.ok ? null : r.error);
    if (!r.ok) announce(r.error.message, 'assertive');
  };
  const start = () => {
    if (open) {
      announce('A call is already in progress. End it and finish wrap-up before starting another.', 'assertive');
      return;
    }
    goToCallArea();
    requestStart();
  };
  const toggleHold = () => {
    if (!open) return announce('No call in progress.');
    if (open.state === 'wrap_up') return announce('The call has ended; a call in wrap-up cannot be put on hold.', 'assertive');
    void run(open.state === 'on_hold' ? 'app:call.resume' : 'app:call.hold');
  };
  const end = () => {
    if (!open) return announce('No call in progress.');
    if (open.state === 'wrap_up') {
      goToCallArea();
      return announce('The call has already ended; it is in wrap-up.');
    }
    void run('app:call.end');
  };

  // Not Alt+E/H/F/V/W: Electron's default menu uses those letters as mnemonics on Windows and Linux.
  useShortcut({ id: 'call.start', keys: 'Alt+N', description: 'Start a new call', group: 'Call', match: keys.alt('n'), run: start });
  useShortcut({ id: 'call.hold', keys: 'Alt+O', description: 'Put the call on hold or take it off hold', group: 'Call', match: keys.alt('o'), run: toggleHold });
  useShortcut({ id: 'call.end', keys: 'Alt+X', description: 'End the call (wrap-up starts)', group: 'Call', match: keys.alt('x'), run: end });

  if (!open) {
    return (
      <div className="callbar" role="region" aria-label="Call bar" data-testid="callbar">
        <span className="callbar__state">No call</span>
        <button type="button" className="button button--primary" onClick={start} aria-keyshortcuts="Alt+N">
          Start call <kbd>Alt+N</kbd>
        </button>
      </div>
    );
  }
  const t = callTimers(open.events, now);
  return (
    <div className={`callbar callbar--${open.state}`} role="region" aria-label="Call bar" data-testid="callbar">
      <span className="callbar__state" data-testid="callbar-state">
        <span aria-hidden="true">{stateMark[open.state]} </span>
        {callStateLabels[open.state]}
      </span>
      {/* Beside the state: a waiting consent request is the first thing the rep must not lose. */}
      <CallBarConsent />
      <span className="callbar__caller" data-testid="callbar-caller">
        {describeCaller(open)}
      </span>
      {/* Ticking numbers: deliberately not a live region. */}
      <span className="callbar__timers" data-testid="callbar-timers">
        <span>
          Talk{' '}
          <span className="callbar__time" data-testid="timer-talk">
            {formatDuration(t.talkMs)}
          </span>
        </span>
        <span>
          Hold{' '}
          <span className="callbar__time" data-testid="timer-hold">
            {formatDuration(t.holdMs)}
          </span>
        </span>
        {open.state === 'wrap_up' ? (
          <span>
            Wrap-up{' '}
            <span className="callbar__time" data-testid="timer-wrap">
              {formatDuration(t.wrapUpMs)}
            </span>
          </span>
        ) : null}
      </span>
      {open.state !== 'wrap_up' ? (
        <>
          <button type="button" className="button" onClick={toggleHold} aria-keyshortcuts="Alt+O">
            {open.state === 'on_hold' ? 'Resume' : 'Hold'} <kbd>Alt+O</kbd>
          </button>
          <button type="button" className="button button--danger" onClick={end} aria-keyshortcuts="Alt+X">
            End call <kbd>Alt+X</kbd>
          </button>
        </>
      ) : (
        <a className="button button--primary" href="#/call" onClick={() => goToCallArea()}>
          Go to wrap-up
        </a>
      )}
      {error ? <span className="visually-hidden">{error.message}</span> : null}
    </div>
  );
}

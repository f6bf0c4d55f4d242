import { useState } from 'react';
import { useLabels } from '../../app/useLabels';
import { callTimers, formatDuration } from '../../../../shared/common/calls/timers';
import { useNarrow } from '../../ui/useNarrow';
import { CallLanguage, callLanguages, otherLanguage } from '../../../../shared/common/calls/language';
import type { DeskErrorShape } from '../../../../shared/common/errors';
import { keys, useShortcut } from '../../app/shortcuts';
import { useStrings } from '../../i18n';
import { useAnnounce } from '../../ui/Announcer';
import { CallBarConsent } from '../association/pendingConsent';
import type { UnfinishedWork } from '../../../../shared/common/calls/contract';
import { useCall, useServerNow } from './callStore';
import { EndCallDialog } from './EndCallDialog';

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
  const t = useStrings('call');
  const l = useLabels();
  const { call, skewMs, act, requestStart, requestWrapUp } = useCall();
  const announce = useAnnounce();
  const [error, setError] = useState<DeskErrorShape | null>(null);
  const [unfinished, setUnfinished] = useState<UnfinishedWork[] | null>(null);
  const open = call && call.state !== 'closed' ? call : null;
  const now = useServerNow(skewMs, open !== null);
  // The width at which the call bar's hints already give way (styles.css).
  const narrow = useNarrow('(max-width: 1279px)');

  const run = async (channel: 'app:call.hold' | 'app:call.resume' | 'app:call.end') => {
    if (!open) return false;
    const r = await act(channel, { callId: open.id });
    setError(r.ok ? null : r.error);
    if (!r.ok) announce(r.error.message, 'assertive');
    return r.ok;
  };
  // After End the rep lands on wrap-up, its disposition first.
  const endNow = async () => {
    setUnfinished(null);
    if (await run('app:call.end')) {
      goToCallArea();
      requestWrapUp();
    }
  };
  const start = () => {
    if (open) {
      announce(t('bar.alreadyInProgress'), 'assertive');
      return;
    }
    goToCallArea();
    requestStart();
  };
  const toggleHold = () => {
    if (!open) return announce(t('bar.noCallInProgress'));
    if (open.state === 'wrap_up') return announce(t('bar.cannotHold'), 'assertive');
    void run(open.state === 'on_hold' ? 'app:call.resume' : 'app:call.hold');
  };
  const end = () => {
    if (!open) return announce(t('bar.noCallInProgress'));
    if (open.state === 'wrap_up') {
      goToCallArea();
      return announce(t('bar.alreadyEnded'));
    }
    if (unfinished) return;
    // Half-done work is named first, with what ending does to it; nothing is dropped silently.
    void act('app:call.unfinished', { callId: open.id }).then((r) => {
      if (r.ok && r.value.length) {
        setUnfinished(r.value);
        announce(t('bar.unfinished', { count: r.value.length }));
      } else void endNow();
    });
  };
  const keepCall = () => {
    setUnfinished(null);
    announce(t('bar.kept'));
  };

  const setLanguage = async (language: CallLanguage) => {
    if (!open) return announce(t('bar.noCallInProgress'));
    if (language === open.language) return;
    const r = await act('app:call.language.set', { callId: open.id, language });
    setError(r.ok ? null : r.error);
    // Said in words: the rep must know which wording the scripts will now use.
    announce(r.ok ? t('bar.languageSet', { language: l.callLanguage(language) }) : r.error.message, r.ok ? 'polite' : 'assertive');
  };
  const toggleLanguage = () => {
    if (!open) return announce(t('bar.noCallInProgress'));
    void setLanguage(otherLanguage(open.language));
  };

  // Not Alt+E/H/F/V/W: Electron's default menu uses those letters as mnemonics on Windows and Linux.
  const group = t('shortcuts.group');
  useShortcut({ id: 'call.start', keys: 'Alt+N', description: t('shortcuts.start'), group, match: keys.alt('n'), run: start });
  useShortcut({
    id: 'call.hold',
    keys: 'Alt+O',
    keyNames: t('shortcuts.holdKeys'),
    description: t('shortcuts.hold'),
    group,
    match: keys.alt('o'),
    run: toggleHold,
  });
  useShortcut({ id: 'call.language', keys: 'Alt+G', description: t('shortcuts.language'), group, match: keys.alt('g'), run: toggleLanguage });
  useShortcut({ id: 'call.end', keys: 'Alt+X', description: t('shortcuts.end'), group, match: keys.alt('x'), run: end });

  if (!open) {
    return (
      <div className="callbar" role="region" aria-label={t('bar.region')} data-testid="callbar">
        <span className="callbar__state">{t('bar.noCall')}</span>
        <button type="button" className="button button--primary" onClick={start} aria-keyshortcuts="Alt+N">
          {t('bar.startCall')} <kbd>Alt+N</kbd>
        </button>
      </div>
    );
  }
  const timers = callTimers(open.events, now);
  return (
    <div className={`callbar callbar--${open.state}`} role="region" aria-label={t('bar.region')} data-testid="callbar">
      <span className="callbar__state" data-testid="callbar-state">
        <span aria-hidden="true">{stateMark[open.state]} </span>
        {l.callState(open.state)}
      </span>
      {/* Beside the state: a waiting consent request is the first thing the rep must not lose. */}
      <CallBarConsent />
      <span className="callbar__caller" data-testid="callbar-caller" title={l.caller(open)}>
        <span className="callbar__type">{l.callerOnBar(open.callerType, open.clientOnLine, narrow)}</span>
        {open.callerName ? <span className="callbar__name">: {open.callerName}</span> : null}
      </span>
      {/* Ticking numbers: deliberately not a live region. */}
      <span className="callbar__timers" data-testid="callbar-timers">
        <span>
          {t('bar.talk')}{' '}
          <span className="callbar__time" data-testid="timer-talk">
            {formatDuration(timers.talkMs)}
          </span>
        </span>
        <span>
          {t('bar.hold')}{' '}
          <span className="callbar__time" data-testid="timer-hold">
            {formatDuration(timers.holdMs)}
          </span>
        </span>
        {open.state === 'wrap_up' ? (
          <span>
            {t('bar.wrapUp')}{' '}
            <span className="callbar__time" data-testid="timer-wrap">
              {formatDuration(timers.wrapUpMs)}
            </span>
          </span>
        ) : null}
      </span>
      {/* The select's own text (English / Español) says what it is; the label is for screen readers, so the caller keeps the room. */}
      <label className="callbar__language">
        <span className="visually-hidden">{t('bar.callLanguage')}</span>
        <select
          value={open.language}
          aria-keyshortcuts="Alt+G"
          data-testid="callbar-language"
          onChange={(e) => {
            const parsed = CallLanguage.safeParse(e.target.value);
            if (parsed.success) void setLanguage(parsed.data);
          }}
        >
          {/* Each language named in itself, short, so the bar stays on one line. */}
          {callLanguages.map((l) => (
            <option key={l} value={l} lang={l}>
              {t(`bar.languages.${l}`)}
            </option>
          ))}
        </select>
      </label>
      {open.state !== 'wrap_up' ? (
        <>
          <button type="button" className="button" onClick={toggleHold} aria-keyshortcuts="Alt+O">
            {t(open.state === 'on_hold' ? 'bar.resume' : 'bar.holdButton')} <kbd>Alt+O</kbd>
          </button>
          <button type="button" className="button button--danger" onClick={end} aria-keyshortcuts="Alt+X">
            {t('bar.endCall')} <kbd>Alt+X</kbd>
          </button>
        </>
      ) : (
        <a className="button button--primary" href="#/call" onClick={() => goToCallArea()}>
          {t('bar.goToWrapUp')}
        </a>
      )}
      {error ? <span className="visually-hidden">{error.message}</span> : null}
      {unfinished ? <EndCallDialog items={unfinished} onEnd={() => void endNow()} onKeep={keepCall} /> : null}
    </div>
  );
}

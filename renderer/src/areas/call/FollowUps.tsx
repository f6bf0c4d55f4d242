/**
 * Follow-up reminders (issue 12 §4): a follow-up date set at wrap-up comes back on
 * that day. The status bar counts them and the Call area lists them; overdue ones
 * are said as overdue in words, not colour. All the words of this feature are here,
 * apart from the rest of the Call area's.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useLabels } from '../../app/useLabels';
import type { FollowUp, FollowUpCount, FollowUpList } from '../../../../shared/common/calls/followUps';
import { formatCallbackNumber } from '../../../../shared/common/calls/fields';
import { dispositionLabel } from '../../../../shared/common/calls/dispositions';
import { useDeskEvent, useInvoke } from '../../ipc/desk';
import { useStrings } from '../../i18n';
import { useAnnounce } from '../../ui/Announcer';
import { useCall, useDispositions } from './callStore';

/** Asks the Call area's follow-up list to take focus (from the status bar). */
const FOCUS_EVENT = 'kynect:follow-ups.focus';
/** The day rolls over while the desk stays open: the count is asked again this often. */
const REFRESH_MS = 60_000;

/** Said once a day per window, not again on a reload. */
const ANNOUNCED_KEY = 'kynect.followUps.announcedOn';
const ANNOUNCE_DELAY_MS = 1000;
function announcedOn(): string | null {
  try {
    return window.sessionStorage.getItem(ANNOUNCED_KEY);
  } catch {
    return null;
  }
}
function markAnnounced(day: string): void {
  try {
    window.sessionStorage.setItem(ANNOUNCED_KEY, day);
  } catch {
    // Without storage it is said again on a reload; nothing else depends on it.
  }
}

type CallT = ReturnType<typeof useStrings<'call'>>;

function countText(t: CallT, c: Pick<FollowUpCount, 'due' | 'overdue'>): string {
  return c.overdue ? t('followUps.countOverdue', { due: c.due, overdue: c.overdue }) : t('followUps.count', { due: c.due });
}

function whenText(t: CallT, f: Pick<FollowUp, 'followUpDate' | 'daysOverdue'>): string {
  return f.daysOverdue === 0 ? t('followUps.dueToday') : t('followUps.overdue', { day: f.followUpDate, count: f.daysOverdue });
}

/** The status bar's count; a button to the list. Said once a day when there are any, never while they merely stay. */
export function FollowUpsPill() {
  const t = useStrings('call');
  const invoke = useInvoke();
  const announce = useAnnounce();
  const [c, setC] = useState<FollowUpCount | null>(null);
  const load = useCallback(() => void invoke('app:call.followUps.count', {}).then((r) => r.ok && setC(r.value)), [invoke]);
  useEffect(() => {
    load();
    const t = setInterval(load, REFRESH_MS);
    return () => clearInterval(t);
  }, [load]);
  useDeskEvent('app:call.followUps.changed', setC);
  useEffect(() => {
    if (!c || c.due === 0 || announcedOn() === c.today) return;
    // A moment later, and only if still shown: a desk that opens locked unmounts this first and says it after the unlock.
    const timer = setTimeout(() => {
      markAnnounced(c.today);
      announce(c.overdue ? t('followUps.announceOverdue', { count: c.due, overdue: c.overdue }) : t('followUps.announce', { count: c.due }));
    }, ANNOUNCE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [c, announce, t]);
  if (!c || c.due === 0) return null;
  const open = () => {
    if (window.location.hash !== '#/call') window.location.hash = '#/call';
    // After the shell has moved focus to the area's title.
    setTimeout(() => window.dispatchEvent(new Event(FOCUS_EVENT)), 50);
  };
  return (
    <button
      type="button"
      className={`button button--quiet statusbar__button status-pill ${c.overdue ? 'status-pill--bad' : 'status-pill--warn'}`}
      data-testid="follow-ups-status"
      onClick={open}
    >
      <span aria-hidden="true">{c.overdue ? '▲' : '○'} </span>
      {countText(t, c)}
    </button>
  );
}

/** The operator's follow-ups due today or overdue, in the Call area: start the call from one, or mark it done. */
export function FollowUpsDue() {
  const t = useStrings('call');
  const l = useLabels();
  const invoke = useInvoke();
  const announce = useAnnounce();
  const { call, act } = useCall();
  const dispositions = useDispositions();
  const [list, setList] = useState<FollowUpList | null>(null);
  // Once shown, the section stays (saying all are done) so focus has somewhere to go.
  const [shown, setShown] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const section = useRef<HTMLElement>(null);
  const load = useCallback(
    () =>
      void invoke('app:call.followUps.list', {}).then((r) => {
        if (!r.ok) return;
        setList(r.value);
        if (r.value.items.length) setShown(true);
      }),
    [invoke],
  );
  useEffect(load, [load]);
  useDeskEvent('app:call.followUps.changed', load);
  useEffect(() => {
    const focus = () => heading.current?.focus();
    window.addEventListener(FOCUS_EVENT, focus);
    return () => window.removeEventListener(FOCUS_EVENT, focus);
  }, []);

  if (!list || !shown) return null;

  const who = (f: FollowUp) => f.callerName ?? l.callerType(f.callerType);
  const done = async (f: FollowUp, index: number) => {
    const r = await invoke('app:call.followUps.done', { callId: f.callId });
    if (!r.ok) return announce(r.error.message, 'assertive');
    setList(r.value);
    announce(t('followUps.markedDone', { who: who(f) }));
    // Focus goes to the next reminder's first button, or the heading when none is left.
    setTimeout(() => {
      const items = section.current?.querySelectorAll<HTMLElement>('li');
      const next = items?.[Math.min(index, r.value.items.length - 1)]?.querySelector<HTMLElement>('button:not([disabled])');
      (next ?? heading.current)?.focus();
    }, 0);
  };
  const start = async (f: FollowUp) => {
    const r = await act('app:call.followUps.start', { callId: f.callId });
    if (!r.ok) return announce(t('followUps.notStarted', { message: r.error.message }), 'assertive');
    announce(t('followUps.started', { who: who(f) }));
    setTimeout(() => document.querySelector<HTMLElement>('#call-notes:not([readonly])')?.focus(), 0);
  };

  return (
    <section ref={section} className="card follow-ups" aria-labelledby="follow-ups-title" data-testid="follow-ups">
      <h2 id="follow-ups-title" tabIndex={-1} ref={heading}>
        {t('followUps.title')}
      </h2>
      {list.items.length === 0 ? (
        <p className="muted">{t('followUps.allDone')}</p>
      ) : (
        <ul className="follow-ups__list">
          {list.items.map((f, i) => (
            <li key={f.callId} data-testid="follow-up" className={f.daysOverdue ? 'follow-up follow-up--overdue' : 'follow-up'}>
              <p id={`follow-up-${f.callId}`}>
                <strong>{who(f)}</strong> ({l.callerType(f.callerType)}){f.caseNumber ? t('followUps.case', { number: f.caseNumber }) : ''}
                {f.callbackNumber ? t('followUps.callback', { number: formatCallbackNumber(f.callbackNumber) }) : ''}.{' '}
                <strong data-testid="follow-up-when">{whenText(t, f)}</strong>. {t('followUps.earlierCall', { day: f.callDay })}
                {f.disposition ? `, ${dispositionLabel(dispositions, f.disposition)}` : ''}.
              </p>
              <div className="actions">
                <button type="button" className="button" disabled={!!call} aria-describedby={`follow-up-${f.callId}`} onClick={() => void start(f)}>
                  {t('followUps.start')}
                </button>
                <button type="button" className="button" aria-describedby={`follow-up-${f.callId}`} onClick={() => void done(f, i)}>
                  {t('followUps.done')}
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
      {call && list.items.length ? <p className="muted">{t('followUps.finishFirst')}</p> : null}
    </section>
  );
}

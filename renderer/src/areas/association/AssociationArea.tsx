import { useCallback, useEffect, useState } from 'react';
import type { SessionView } from '../../../../shared/common/association/contract';
import type { DeskErrorShape } from '../../../../shared/common/errors';
import { useStrings } from '../../i18n';
import { useDeskEvent, useInvoke } from '../../ipc/desk';
import { useCall } from '../call/callStore';
import { useAnnounce } from '../../ui/Announcer';
import { FormError } from '../../ui/FormError';
import type { Act } from './act';
import { AgentStep, ClientOnLineStep, ClientStep, SituationStep } from './steps';
import { ConsentStep } from './ConsentStep';
import { EndedPanel, RecordsPanel } from './records';
import { PartnerConsentPanel } from './PartnerConsent';
import './association.css';

/**
 * Replies and pushes race (the harness's event stream can deliver a push after
 * the reply to a later step): within one session the highest revision wins, so
 * a late push never undoes a step the rep has already taken.
 */
function newest(current: SessionView | null | undefined, next: SessionView | null): SessionView | null {
  if (!next || !current) return next;
  if (current.id === next.id) return next.revision >= current.revision ? next : current;
  return next.status === 'open' ? next : current;
}

const stepIds = ['agent', 'client-on-line', 'client', 'situation', 'consent', 'confirm'] as const satisfies readonly SessionView['step'][];

/** A step's channel is any association channel that takes the session id. */

/**
 * The guided three-way association call (000, 001). Main owns every step;
 * this area renders the session main sends and asks for the next step.
 */
export function AssociationArea() {
  const t = useStrings('association');
  const invoke = useInvoke();
  const announce = useAnnounce();
  const [session, setSession] = useState<SessionView | null | undefined>(undefined);
  const [error, setError] = useState<DeskErrorShape | null>(null);

  useEffect(() => {
    // An event that arrived before this answer is newer than it: the answer only fills the view not yet loaded.
    void invoke('app:association.current', {}).then((r) => r.ok && setSession((s) => (s === undefined ? r.value : s)));
  }, [invoke]);
  useDeskEvent('app:association.changed', (v) => setSession((s) => newest(s, v)));

  const act: Act = useCallback(
    async (channel, request, said) => {
      const r = await invoke(channel, request);
      if (!r.ok) {
        setError(r.error);
        announce(r.error.fieldErrors ? t('area.needsFixing') : r.error.message, 'assertive');
        return false;
      }
      setError(null);
      const v = r.value as SessionView;
      setSession((s) => newest(s, v));
      if (said) announce(said(v));
      return true;
    },
    [invoke, announce, t],
  );

  const { call } = useCall();
  const start = () => void act('app:association.start', {}, () => t(call ? 'area.started' : 'area.startedWithCall'));

  if (session === undefined) return <p className="muted">{t('area.loading')}</p>;
  if (!session || session.status === 'ended') {
    return (
      <div className="assoc">
        {session ? <EndedPanel session={session} /> : null}
        <div className="card">
          <h2>{t('area.title')}</h2>
          <p data-source="000">{t('area.intro')}</p>
          <p className="muted" data-testid="assoc-call-context">
            {t(!call ? 'area.noCall' : call.state === 'wrap_up' ? 'area.inWrapUp' : 'area.onCall')}
          </p>
          <div className="actions">
            <button type="button" className="button button--primary" onClick={start}>
              {t('area.start')}
            </button>
          </div>
        </div>
        <PartnerConsentPanel />
        <RecordsPanel />
      </div>
    );
  }

  const current = stepIds.findIndex((s) => s === session.step);
  const fieldErrors = error?.fieldErrors ?? null;
  return (
    <div className="assoc">
      <ol className="assoc-steps" aria-label={t('area.steps')}>
        {stepIds.map((id, i) => (
          <li key={id} aria-current={id === session.step ? 'step' : undefined} className={i < current ? 'done' : i === current ? 'current' : ''}>
            <span className="assoc-steps__n" aria-hidden="true">
              {i < current ? '✓' : i + 1}
            </span>
            {t(`area.stepTitles.${id}`)}
            {i < current ? <span className="visually-hidden">{t('area.done')}</span> : null}
          </li>
        ))}
      </ol>
      <div className="assoc-body">
        <div className="assoc-main">
          <FormError error={error && !fieldErrors ? error : null} />
          {session.step === 'agent' ? <AgentStep session={session} act={act} error={error} /> : null}
          {session.step === 'client-on-line' ? <ClientOnLineStep session={session} act={act} /> : null}
          {session.step === 'client' ? <ClientStep session={session} act={act} error={error} /> : null}
          {session.step === 'situation' ? <SituationStep session={session} act={act} error={error} /> : null}
          {session.step === 'consent' ? <ConsentStep session={session} act={act} error={error} /> : null}
          {session.step === 'confirm' ? (
            <section className="card" aria-labelledby="confirm-title">
              <h2 id="confirm-title">{t('confirm.title')}</h2>
              <p>{t('confirm.body', { agent: session.agent?.name ?? '', caseNumber: session.client?.matchedCaseNumber ?? '' })}</p>
              <div className="actions">
                <button
                  type="button"
                  className="button button--primary"
                  onClick={() => void act('app:association.confirm', { sessionId: session.id }, () => t('confirm.recorded'))}
                >
                  {t('confirm.record')}
                </button>
              </div>
            </section>
          ) : null}
        </div>
        <aside className="assoc-timeline card" aria-labelledby="assoc-timeline-title">
          <h2 id="assoc-timeline-title">{t('area.timelineTitle')}</h2>
          {session.timeline.length === 0 ? <p className="muted">{t('area.timelineEmpty')}</p> : null}
          <ol>
            {session.timeline.map((l, i) => (
              <li key={i}>
                <time dateTime={l.at}>{t('area.timelineAt', { at: l.at })}</time> {l.summary}
              </li>
            ))}
          </ol>
          <button type="button" className="button button--quiet" onClick={start}>
            {t('area.startOver')}
          </button>
        </aside>
      </div>
    </div>
  );
}

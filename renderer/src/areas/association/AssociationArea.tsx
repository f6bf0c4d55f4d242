import { useCallback, useEffect, useState } from 'react';
import type { SessionView } from '../../../../shared/common/association/contract';
import type { DeskErrorShape } from '../../../../shared/common/errors';
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

const stepTitles: [SessionView['step'], string][] = [
  ['agent', 'The Agent'],
  ['client-on-line', 'Client on the line'],
  ['client', 'The client'],
  ['situation', 'Situation'],
  ['consent', 'Consent'],
  ['confirm', 'Association'],
];

/** A step's channel is any association channel that takes the session id. */

/**
 * The guided three-way association call (000, 001). Main owns every step;
 * this area renders the session main sends and asks for the next step.
 */
export function AssociationArea() {
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
        announce(r.error.fieldErrors ? 'Some answers need fixing.' : r.error.message, 'assertive');
        return false;
      }
      setError(null);
      const v = r.value as SessionView;
      setSession((s) => newest(s, v));
      if (said) announce(said(v));
      return true;
    },
    [invoke, announce],
  );

  const { call } = useCall();
  const start = () =>
    void act('app:association.start', {}, () => (call ? 'New association started. Step 1: the Agent.' : 'Call started for the Agent. New association started. Step 1: the Agent.'));

  if (session === undefined) return <p className="muted">Loading…</p>;
  if (!session || session.status === 'ended') {
    return (
      <div className="assoc">
        {session ? <EndedPanel session={session} /> : null}
        <div className="card">
          <h2>Three-way association</h2>
          <p data-source="000">
            An insurance Agent asks to be associated with a client's case. The client must be on the line: the Contact Center cannot associate an Agent without them.
          </p>
          <p className="muted" data-testid="assoc-call-context">
            {!call
              ? 'No call is open: starting the association starts a call for the Agent, and every step goes on its timeline.'
              : call.state === 'wrap_up'
                ? 'This call is in wrap-up: complete it first, then start the association in the next call.'
                : 'The association goes on the open call’s timeline.'}
          </p>
          <div className="actions">
            <button type="button" className="button button--primary" onClick={start}>
              Start a three-way association
            </button>
          </div>
        </div>
        <PartnerConsentPanel />
        <RecordsPanel />
      </div>
    );
  }

  const current = stepTitles.findIndex(([s]) => s === session.step);
  const fieldErrors = error?.fieldErrors ?? null;
  return (
    <div className="assoc">
      <ol className="assoc-steps" aria-label="Association steps">
        {stepTitles.map(([id, title], i) => (
          <li key={id} aria-current={id === session.step ? 'step' : undefined} className={i < current ? 'done' : i === current ? 'current' : ''}>
            <span className="assoc-steps__n" aria-hidden="true">
              {i < current ? '✓' : i + 1}
            </span>
            {title}
            {i < current ? <span className="visually-hidden"> (done)</span> : null}
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
              <h2 id="confirm-title">Record the association</h2>
              <p>
                Consent is recorded. Record the association of {session.agent?.name} with case {session.client?.matchedCaseNumber}; the confirmation to read to both parties comes
                next.
              </p>
              <div className="actions">
                <button
                  type="button"
                  className="button button--primary"
                  onClick={() => void act('app:association.confirm', { sessionId: session.id }, () => 'Association recorded. Read the confirmation to both parties.')}
                >
                  Record the association
                </button>
              </div>
            </section>
          ) : null}
        </div>
        <aside className="assoc-timeline card" aria-labelledby="assoc-timeline-title">
          <h2 id="assoc-timeline-title">On this association</h2>
          {session.timeline.length === 0 ? <p className="muted">Nothing yet.</p> : null}
          <ol>
            {session.timeline.map((l, i) => (
              <li key={i}>
                <time dateTime={l.at}>{new Date(l.at).toLocaleTimeString([], { hour: 'numeric', minute: '2-digit' })}</time> {l.summary}
              </li>
            ))}
          </ol>
          <button type="button" className="button button--quiet" onClick={start}>
            Start over
          </button>
        </aside>
      </div>
    </div>
  );
}

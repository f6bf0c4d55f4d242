import { useEffect, useRef, useState } from 'react';
import type { SessionView } from '../../../../shared/common/association/contract';
import { crossedMilestone, milestoneText } from '../../../../shared/common/consent/machine';
import type { DeskErrorShape } from '../../../../shared/common/errors';
import { useInvoke } from '../../ipc/desk';
import { useAnnounce } from '../../ui/Announcer';
import { SelectField, TextField } from '../../ui/Field';
import { fieldError } from '../../ui/FormError';
import type { Act } from './AssociationArea';
import { VerbalScript } from './VerbalScript';

type Props = { session: SessionView; act: Act; error?: DeskErrorShape | null };

const outcomeText: Record<string, string> = {
  pending: 'waiting for the client',
  accepted: 'accepted',
  declined: 'declined',
  'no-response': 'client did not respond',
  'technical-failure': 'technical failure',
  'left-screen': 'expired (screen left)',
};

/** main's "now", for a countdown that runs on the same clock as the 90 seconds. */
function useServerNow(serverNow: string): () => number {
  const offset = useRef(0);
  useEffect(() => {
    offset.current = Date.parse(serverNow) - Date.now();
  }, [serverNow]);
  return () => Date.now() + offset.current;
}

/**
 * The seconds left, shown but never announced as they tick (no live region);
 * 60, 30 and 10 seconds left and the expiry are announced once each.
 */
function Countdown({ expiresAt, serverNow, onExpired }: { expiresAt: string; serverNow: string; onExpired: () => void }) {
  const now = useServerNow(serverNow);
  const announce = useAnnounce();
  const [left, setLeft] = useState(() => Math.max(0, Date.parse(expiresAt) - Date.parse(serverNow)));
  const previous = useRef(Date.parse(serverNow));
  useEffect(() => {
    const timer = setInterval(() => {
      const t = now();
      const m = crossedMilestone(expiresAt, new Date(previous.current), new Date(t));
      previous.current = t;
      if (m !== null) announce(milestoneText(m), m === 0 ? 'assertive' : 'polite');
      const remaining = Math.max(0, Date.parse(expiresAt) - t);
      setLeft(remaining);
      if (remaining === 0) {
        clearInterval(timer);
        onExpired();
      }
    }, 250);
    return () => clearInterval(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- restarts only for a new request
  }, [expiresAt]);
  const s = Math.ceil(left / 1000);
  return (
    <div className="assoc-countdown" data-testid="consent-countdown">
      <span className="assoc-countdown__n">
        {Math.floor(s / 60)}:{String(s % 60).padStart(2, '0')}
      </span>
      <span> left for the client to accept</span>
    </div>
  );
}

export function ConsentStep({ session, act, error }: Props) {
  const invoke = useInvoke();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const c = session.consent;
  const pendingRef = useRef(false);
  pendingRef.current = Boolean(c?.pending);
  // Leaving the consent screen expires a pending request, as Agent Portal does.
  useEffect(
    () => () => {
      if (pendingRef.current) void invoke('app:association.consentLeave', { sessionId: session.id });
    },
    [invoke, session.id],
  );
  const [contact, setContact] = useState('');
  const [locale, setLocale] = useState<'en' | 'es'>('en');
  const [reason, setReason] = useState('');
  const id = session.id;

  return (
    <section className="card" aria-labelledby="consent-title">
      <h2 id="consent-title" ref={heading} tabIndex={-1}>
        5. Consent
      </h2>
      {!c ? (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void act('app:association.consentStart', { sessionId: id, contact: (contact || undefined) as 'electronic' }, (v) =>
              v.consent?.electronic.allowed ? 'Send the electronic consent request in Agent Portal, then record it here.' : 'Use verbal consent.',
            );
          }}
        >
          <SelectField label="How can the client be reached?" required value={contact} onChange={(e) => setContact(e.target.value)} error={fieldError(error, 'contact')}>
            <option value="">Choose…</option>
            <option value="electronic">Email or text (preference is electronic)</option>
            <option value="not-electronic">Preference is not electronic (mail)</option>
            <option value="no-electronic-method">No email or phone for texts</option>
            <option value="unknown-to-system">Client is not known to the system</option>
          </SelectField>
          <div className="actions">
            <button type="submit" className="button button--primary">
              Continue
            </button>
          </div>
        </form>
      ) : (
        <>
          <h3>Electronic consent</h3>
          <p>
            Requests sent: <strong>{c.requestsUsed}</strong> of {c.maxRequests}
            {c.requestsCounted === 'all-desks' ? ' (counted across all desks)' : c.requestsCounted === 'this-desk' ? ' (counted on this desk only: the central store cannot be reached)' : ''}.{' '}
            {c.attempts.length ? c.attempts.map((a) => `Request ${a.number}: ${outcomeText[a.outcome]}.`).join(' ') : ''}
          </p>
          {c.pending ? (
            <div className="assoc-pending">
              <Countdown key={c.pending.expiresAt} expiresAt={c.pending.expiresAt} serverNow={session.serverNow} onExpired={() => void act('app:association.current', {})} />
              <p>What did Agent Portal show?</p>
              <div className="actions">
                <button type="button" className="button button--primary" onClick={() => void act('app:association.consentOutcome', { sessionId: id, outcome: 'accepted' }, () => 'Client consent received.')}>
                  Client accepted
                </button>
                <button type="button" className="button" onClick={() => void act('app:association.consentOutcome', { sessionId: id, outcome: 'declined' }, () => 'The client declined: no association.')}>
                  Client declined
                </button>
                <button type="button" className="button" onClick={() => void act('app:association.consentOutcome', { sessionId: id, outcome: 'technical-failure' }, () => 'Technical failure: verbal consent may be used.')}>
                  Technical failure
                </button>
              </div>
            </div>
          ) : c.electronic.allowed ? (
            <div className="actions">
              <button type="button" className="button button--primary" onClick={() => void act('app:association.consentRequest', { sessionId: id }, () => 'Electronic consent request recorded. The client has 90 seconds to accept.')}>
                Electronic request sent in Agent Portal
              </button>
            </div>
          ) : (
            <p className="muted" data-testid="electronic-unavailable">
              {c.electronic.reason}
            </p>
          )}

          {c.verbalTrigger && !c.verbal ? (
            <div className="notice notice--info">
              <p>
                <strong>Verbal consent</strong> can be used: {c.verbalTriggerText}.
              </p>
              <SelectField label="Language of the script" value={locale} onChange={(e) => setLocale(e.target.value as 'en' | 'es')}>
                <option value="en">English</option>
                <option value="es">Español</option>
              </SelectField>
              <div className="actions">
                <button type="button" className="button button--primary" onClick={() => void act('app:association.verbalStart', { sessionId: id, locale }, () => 'Verbal consent script shown. Read each statement aloud.')}>
                  Read the verbal consent script
                </button>
              </div>
            </div>
          ) : null}

          {c.verbal ? (
            <VerbalScript
              script={c.verbal}
              canAccept={c.canAccept}
              who="client"
              onRead={(ackId, n) => void act('app:association.verbalRead', { sessionId: id, ackId }, () => `Statement ${n} read.`)}
              onAnswer={(ackId, answer, n) => void act('app:association.verbalAnswer', { sessionId: id, ackId, answer }, () => `Statement ${n}: client ${answer === 'agree' ? 'agrees' : 'disagrees'}.`)}
              onAccept={() => void act('app:association.verbalAccept', { sessionId: id }, () => 'Verbal consent accepted and recorded.')}
            />
          ) : null}

          <details className="assoc-refuse">
            <summary>The client refuses consent</summary>
            <TextField label="What the client said (optional)" value={reason} onChange={(e) => setReason(e.target.value)} error={fieldError(error, 'reason')} />
            <button type="button" className="button button--danger" onClick={() => void act('app:association.consentRefuse', { sessionId: id, reason }, () => 'Consent refused: no association.')}>
              Record refusal (no association)
            </button>
          </details>
        </>
      )}
    </section>
  );
}

import { useEffect, useRef, useState } from 'react';
import type { SessionView } from '../../../../shared/common/association/contract';
import { electronicOutcomeText } from '../../../../shared/common/consent/machine';
import type { DeskErrorShape } from '../../../../shared/common/errors';
import { SelectField, TextField } from '../../ui/Field';
import { fieldError } from '../../ui/FormError';
import type { Act } from './act';
import { ConsentCountdown } from './pendingConsent';
import { VerbalScript } from './VerbalScript';
import { useCall } from '../call/callStore';

type Props = { session: SessionView; act: Act; error?: DeskErrorShape | null };

/**
 * e. Consent (001). In Agent Portal the Agent sends the electronic request and sees the
 * answer; the rep records what the Agent reports. Leaving this step (another area, a
 * reload) changes nothing: the request expires only when the Agent leaves the Agent
 * Portal screen (001:79), which the rep records as its own outcome. The countdown stays
 * in the call bar wherever the rep is.
 */
export function ConsentStep({ session, act, error }: Props) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const c = session.consent;
  const [contact, setContact] = useState('');
  // The script is read in the call's language (issue 13); the rep may still choose the other one here.
  const callLanguage = useCall().call?.language ?? 'en';
  const [locale, setLocale] = useState<'en' | 'es'>(callLanguage);
  useEffect(() => setLocale(callLanguage), [callLanguage]);
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
              v.consent?.electronic.allowed
                ? 'Ask the Agent to click Request Electronic Consent in Agent Portal, then record it here.'
                : v.consent?.verbalTrigger
                  ? 'Use verbal consent.'
                  : 'Agent Portal shows the Agent next steps.',
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
          {c.nextSteps ? (
            <div className="notice notice--info" data-testid="consent-next-steps" lang={c.nextStepsLocale ?? undefined}>
              {c.nextSteps.map((l) => (
                <p key={l}>{l}</p>
              ))}
            </div>
          ) : (
            <>
              <h3>Electronic consent</h3>
              <p>
                Requests sent: <strong>{c.requestsUsed}</strong> of {c.maxRequests}
                {c.requestsCounted === 'all-desks'
                  ? ' (counted across all desks)'
                  : c.requestsCounted === 'this-desk'
                    ? ' (counted on this desk only: the central store cannot be reached)'
                    : ''}
                .
              </p>
              {c.attempts.length ? (
                <ul className="assoc-attempts" aria-label="Electronic consent requests">
                  {c.attempts.map((a) => (
                    <li key={a.number}>
                      Request {a.number}: {electronicOutcomeText[a.outcome]}.
                    </li>
                  ))}
                </ul>
              ) : null}
            </>
          )}
          {c.pending ? (
            <div className="assoc-pending">
              <ConsentCountdown key={c.pending.expiresAt} expiresAt={c.pending.expiresAt} serverNow={session.serverNow} onExpired={() => void act('app:association.current', {})} />
              <p>Ask the Agent what Agent Portal shows.</p>
              <div className="actions">
                <button
                  type="button"
                  className="button button--primary"
                  onClick={() => void act('app:association.consentOutcome', { sessionId: id, outcome: 'accepted' }, () => 'Client Consent Received.')}
                >
                  Client Consent Received
                </button>
                <button
                  type="button"
                  className="button"
                  onClick={() => void act('app:association.consentOutcome', { sessionId: id, outcome: 'declined' }, () => 'The client declined: no association.')}
                >
                  Client declined
                </button>
                <button
                  type="button"
                  className="button"
                  onClick={() =>
                    void act('app:association.consentOutcome', { sessionId: id, outcome: 'technical-failure' }, () => 'Technical failure: verbal consent may be used.')
                  }
                >
                  Technical failure
                </button>
                <button
                  type="button"
                  className="button"
                  onClick={() =>
                    void act('app:association.consentAgentLeft', { sessionId: id }, (v) =>
                      v.consent?.electronic.allowed
                        ? 'The request expired because the Agent left the Agent Portal screen. The Agent can send another.'
                        : 'The request expired because the Agent left the Agent Portal screen.',
                    )
                  }
                >
                  The Agent left the Agent Portal screen
                </button>
              </div>
            </div>
          ) : c.electronic.allowed ? (
            <div className="assoc-ask">
              <p>
                Ask the Agent to click <strong>Request Electronic Consent</strong> in Agent Portal and to stay on that screen: the request expires if the Agent goes to another
                Agent Portal screen. The client has 90 seconds to accept it in kynect benefits or by answering the text or email.
              </p>
              <div className="actions">
                <button
                  type="button"
                  className="button button--primary"
                  onClick={() => void act('app:association.consentRequest', { sessionId: id }, () => 'Electronic consent request recorded. The client has 90 seconds to accept.')}
                >
                  The Agent sent the request
                </button>
              </div>
            </div>
          ) : !c.nextSteps && !c.verbal && !c.blocked ? (
            <p className="muted" data-testid="electronic-unavailable">
              {c.electronic.reason}
            </p>
          ) : null}

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
                <button
                  type="button"
                  className="button button--primary"
                  onClick={() => void act('app:association.verbalStart', { sessionId: id, locale }, () => 'Verbal consent script shown. Read each statement aloud.')}
                >
                  Read the verbal consent script
                </button>
              </div>
            </div>
          ) : null}

          {c.blocked ? (
            <div className="notice notice--warn" data-testid="consent-blocked">
              <p>{c.blocked.reason}</p>
              <div className="actions">
                <button
                  type="button"
                  className="button button--primary"
                  onClick={() =>
                    void act('app:association.consentEnd', { sessionId: id }, () => 'No association: consent cannot be completed in this call. The alternatives are shown.')
                  }
                >
                  End with no association and give the alternatives
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
              onAnswer={(ackId, answer, n) =>
                void act('app:association.verbalAnswer', { sessionId: id, ackId, answer }, () => `Statement ${n}: client ${answer === 'agree' ? 'agrees' : 'disagrees'}.`)
              }
              onAccept={() => void act('app:association.verbalAccept', { sessionId: id }, () => 'Verbal consent accepted and recorded.')}
            />
          ) : null}

          <details className="assoc-refuse">
            <summary>The client refuses consent</summary>
            <TextField label="What the client said (optional)" value={reason} onChange={(e) => setReason(e.target.value)} error={fieldError(error, 'reason')} />
            <button
              type="button"
              className="button button--danger"
              onClick={() => void act('app:association.consentRefuse', { sessionId: id, reason }, () => 'Consent refused: no association.')}
            >
              Record refusal (no association)
            </button>
          </details>
        </>
      )}
    </section>
  );
}

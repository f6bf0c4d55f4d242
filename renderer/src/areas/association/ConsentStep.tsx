import { useEffect, useRef, useState } from 'react';
import type { SessionView } from '../../../../shared/common/association/contract';
import { electronicOutcomeText } from '../../../../shared/common/consent/machine';
import type { DeskErrorShape } from '../../../../shared/common/errors';
import { Trans, useStrings } from '../../i18n';
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
  const t = useStrings('association');
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
        {t('consent.title')}
      </h2>
      {!c ? (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void act('app:association.consentStart', { sessionId: id, contact: (contact || undefined) as 'electronic' }, (v) =>
              t(v.consent?.electronic.allowed ? 'consent.askToRequest' : v.consent?.verbalTrigger ? 'consent.useVerbal' : 'consent.portalNextSteps'),
            );
          }}
        >
          <SelectField label={t('consent.contact')} required value={contact} onChange={(e) => setContact(e.target.value)} error={fieldError(error, 'contact')}>
            <option value="">{t('choose')}</option>
            <option value="electronic">{t('consent.contactElectronic')}</option>
            <option value="not-electronic">{t('consent.contactNotElectronic')}</option>
            <option value="no-electronic-method">{t('consent.contactNoMethod')}</option>
            <option value="unknown-to-system">{t('consent.contactUnknown')}</option>
          </SelectField>
          <div className="actions">
            <button type="submit" className="button button--primary">
              {t('continue')}
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
              <h3>{t('consent.electronicTitle')}</h3>
              <p>
                <Trans
                  t={t}
                  i18nKey="consent.requestsSent"
                  values={{
                    used: c.requestsUsed,
                    max: c.maxRequests,
                    counted: c.requestsCounted === 'all-desks' ? t('consent.countedAllDesks') : c.requestsCounted === 'this-desk' ? t('consent.countedThisDesk') : '',
                  }}
                  components={{ strong: <strong /> }}
                />
              </p>
              {c.attempts.length ? (
                <ul className="assoc-attempts" aria-label={t('consent.attempts')}>
                  {c.attempts.map((a) => (
                    <li key={a.number}>{t('consent.attempt', { n: a.number, outcome: electronicOutcomeText[a.outcome] })}</li>
                  ))}
                </ul>
              ) : null}
            </>
          )}
          {c.pending ? (
            <div className="assoc-pending">
              <ConsentCountdown key={c.pending.expiresAt} expiresAt={c.pending.expiresAt} serverNow={session.serverNow} onExpired={() => void act('app:association.current', {})} />
              <p>{t('consent.askWhatPortalShows')}</p>
              <div className="actions">
                <button
                  type="button"
                  className="button button--primary"
                  onClick={() => void act('app:association.consentOutcome', { sessionId: id, outcome: 'accepted' }, () => t('consent.receivedSaid'))}
                >
                  {t('consent.received')}
                </button>
                <button
                  type="button"
                  className="button"
                  onClick={() => void act('app:association.consentOutcome', { sessionId: id, outcome: 'declined' }, () => t('consent.declinedSaid'))}
                >
                  {t('consent.declined')}
                </button>
                <button
                  type="button"
                  className="button"
                  onClick={() => void act('app:association.consentOutcome', { sessionId: id, outcome: 'technical-failure' }, () => t('consent.technicalFailureSaid'))}
                >
                  {t('consent.technicalFailure')}
                </button>
                <button
                  type="button"
                  className="button"
                  onClick={() =>
                    void act('app:association.consentAgentLeft', { sessionId: id }, (v) =>
                      t(v.consent?.electronic.allowed ? 'consent.agentLeftSaidAgain' : 'consent.agentLeftSaid'),
                    )
                  }
                >
                  {t('consent.agentLeft')}
                </button>
              </div>
            </div>
          ) : c.electronic.allowed ? (
            <div className="assoc-ask">
              <p>
                <Trans t={t} i18nKey="consent.askAgent" components={{ strong: <strong /> }} />
              </p>
              <div className="actions">
                <button
                  type="button"
                  className="button button--primary"
                  onClick={() => void act('app:association.consentRequest', { sessionId: id }, () => t('consent.agentSentSaid'))}
                >
                  {t('consent.agentSent')}
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
                <Trans t={t} i18nKey="consent.verbalCanBeUsed" values={{ why: c.verbalTriggerText ?? '' }} components={{ strong: <strong /> }} />
              </p>
              <SelectField label={t('consent.scriptLanguage')} value={locale} onChange={(e) => setLocale(e.target.value as 'en' | 'es')}>
                <option value="en">{t('consent.english')}</option>
                <option value="es">{t('consent.spanish')}</option>
              </SelectField>
              <div className="actions">
                <button
                  type="button"
                  className="button button--primary"
                  onClick={() => void act('app:association.verbalStart', { sessionId: id, locale }, () => t('consent.readScriptSaid'))}
                >
                  {t('consent.readScript')}
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
                  onClick={() => void act('app:association.consentEnd', { sessionId: id }, () => t('consent.endNoAssociationSaid'))}
                >
                  {t('consent.endNoAssociation')}
                </button>
              </div>
            </div>
          ) : null}

          {c.verbal ? (
            <VerbalScript
              script={c.verbal}
              canAccept={c.canAccept}
              who="client"
              onRead={(ackId, n) => void act('app:association.verbalRead', { sessionId: id, ackId }, () => t('script.statementRead', { n }))}
              onAnswer={(ackId, answer, n) =>
                void act('app:association.verbalAnswer', { sessionId: id, ackId, answer }, () =>
                  t(answer === 'agree' ? 'script.clientAgreesSaid' : 'script.clientDisagreesSaid', { n }),
                )
              }
              onAccept={() => void act('app:association.verbalAccept', { sessionId: id }, () => t('consent.verbalAccepted'))}
            />
          ) : null}

          <details className="assoc-refuse">
            <summary>{t('consent.refuses')}</summary>
            <TextField label={t('consent.refusalReason')} value={reason} onChange={(e) => setReason(e.target.value)} error={fieldError(error, 'reason')} />
            <button
              type="button"
              className="button button--danger"
              onClick={() => void act('app:association.consentRefuse', { sessionId: id, reason }, () => t('consent.refusedSaid'))}
            >
              {t('consent.recordRefusal')}
            </button>
          </details>
        </>
      )}
    </section>
  );
}

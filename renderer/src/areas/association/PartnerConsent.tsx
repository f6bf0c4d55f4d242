import { useCallback, useEffect, useRef, useState } from 'react';
import { identifierKinds, identifierLabels, REQUIRED_IDENTIFIERS, type PartnerConsentView } from '../../../../shared/common/association/partnerContract';
import type { DeskErrorShape } from '../../../../shared/common/errors';
import type { ChannelName, RequestIn } from '../../../../shared/common/ipc/contract';
import { useDeskEvent, useInvoke } from '../../ipc/desk';
import { useAnnounce } from '../../ui/Announcer';
import { SelectField, TextField } from '../../ui/Field';
import { FormError, fieldError } from '../../ui/FormError';
import { useCall } from '../call/callStore';
import { VerbalScript } from './VerbalScript';

/** Within one consent the highest revision wins: a late push never undoes a step already taken. */
function newest(current: PartnerConsentView | null, next: PartnerConsentView | null): PartnerConsentView | null {
  if (!next || !current || current.id !== next.id) return next ?? current;
  return next.revision >= current.revision ? next : current;
}

type Identifier = (typeof identifierKinds)[number];
const empty = { organization: '', clientName: '', caseNumber: '', referred: '', hasAccount: '', locale: 'en' as 'en' | 'es' };
const yesNo = (v: string): boolean => (v === 'yes' ? true : v === 'no' ? false : (undefined as unknown as boolean));

/**
 * kynect resources partner access (002): a community partner organization asked to
 * view a resident's full record, and the resident, on this call, consents by telling
 * the rep. Main owns the consent; this panel renders it and asks for each step.
 */
export function PartnerConsentPanel() {
  const invoke = useInvoke();
  const announce = useAnnounce();
  const { call } = useCall();
  const [view, setView] = useState<PartnerConsentView | null>(null);
  const [error, setError] = useState<DeskErrorShape | null>(null);
  // The script is read in the call's language (issue 13); the rep may still choose the other one.
  const callLanguage = call?.language ?? 'en';
  const [form, setForm] = useState(() => ({ ...empty, locale: callLanguage }));
  useEffect(() => setForm((f) => ({ ...f, locale: callLanguage })), [callLanguage]);
  const [identifiers, setIdentifiers] = useState<Identifier[]>([]);
  const [reason, setReason] = useState('');
  const outcomeHeading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    void invoke('app:partner.current', {}).then((r) => r.ok && r.value && setView(r.value));
  }, [invoke]);
  useDeskEvent('app:partner.changed', (v) => setView((s) => (s && s.id !== v.id && v.status !== 'open' ? s : newest(s, v))));
  // Focus the outcome once when a consent ends, not on every re-render of the same view.
  const viewId = view?.id;
  const viewStatus = view?.status;
  useEffect(() => {
    if (viewId && viewStatus !== 'open') outcomeHeading.current?.focus();
  }, [viewId, viewStatus]);

  const act = useCallback(
    async <K extends ChannelName>(channel: K, request: RequestIn<K>, said: (v: PartnerConsentView) => string) => {
      const r = await invoke(channel, request);
      if (!r.ok) {
        // The form's alert takes focus and is read once.
        setError(r.error);
        return false;
      }
      setError(null);
      const v = r.value as PartnerConsentView;
      setView((s) => newest(s, v));
      announce(said(v));
      return true;
    },
    [invoke, announce],
  );

  const set = (k: keyof typeof empty) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));

  if (!view || view.status !== 'open') {
    return (
      <section className="card" aria-labelledby="partner-title" data-testid="partner-consent">
        <h2 id="partner-title">kynect resources partner access</h2>
        {view ? (
          <div className={`notice ${view.status === 'accepted' ? 'notice--ok' : 'notice--error'}`} data-testid="partner-outcome">
            <h3 ref={outcomeHeading} tabIndex={-1}>
              {view.status === 'accepted' ? `Consent recorded: ${view.organization} may view the record` : `No consent: ${view.organization} may not view the record`}
            </h3>
            {view.status === 'accepted' ? (
              <p className="assoc-script__text" lang={view.locale}>
                {view.script.closing}
              </p>
            ) : (
              <p>{view.refusal}</p>
            )}
            <p>To take access back later: {view.revoke}.</p>
          </div>
        ) : null}
        <p data-source="002">
          A community partner asked to see a resident's full record in kynect resources. Consent may be given by answering the "Request Consent" email or text, or by verbal
          acknowledgment. Read the script; every statement must be read and agreed.
        </p>
        <p className="muted">{call ? 'The consent goes on the open call’s timeline.' : 'No call is open: starting starts a call with the resident.'}</p>
        <FormError error={error} />
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            // The next consent starts from an empty form: these names belong to this one.
            const request = { ...form, identifiers, referred: yesNo(form.referred), hasAccount: yesNo(form.hasAccount) };
            void act('app:partner.start', request, (v) => `Partner access script shown for ${v.organization}. Read each statement aloud.`).then((ok) => {
              if (!ok) return;
              setForm({ ...empty, locale: callLanguage });
              setIdentifiers([]);
            });
          }}
        >
          <div className="form-grid">
            <TextField
              label="Organization"
              name="organization"
              autoComplete="off"
              value={form.organization}
              onChange={set('organization')}
              error={fieldError(error, 'organization')}
            />
            <TextField label="Resident's name" name="clientName" autoComplete="off" value={form.clientName} onChange={set('clientName')} error={fieldError(error, 'clientName')} />
            <TextField
              label="Case number (optional)"
              name="caseNumber"
              autoComplete="off"
              value={form.caseNumber}
              onChange={set('caseNumber')}
              error={fieldError(error, 'caseNumber')}
            />
            <SelectField
              label="Was the resident referred to this organization?"
              name="referred"
              hint="A referred resident gives consent only through the email or text function of kynect resources."
              value={form.referred}
              onChange={set('referred')}
              error={fieldError(error, 'referred')}
            >
              <option value="">Choose…</option>
              <option value="no">No</option>
              <option value="yes">Yes, referred</option>
            </SelectField>
            <SelectField
              label="Does the resident have a kynect resources account?"
              name="hasAccount"
              hint="Only residents with an account can use Remove and Opt Out in Privacy Settings."
              value={form.hasAccount}
              onChange={set('hasAccount')}
              error={fieldError(error, 'hasAccount')}
            >
              <option value="">Choose…</option>
              <option value="yes">Yes</option>
              <option value="no">No</option>
            </SelectField>
            <SelectField label="Script language" name="locale" value={form.locale} onChange={set('locale')} error={fieldError(error, 'locale')}>
              <option value="en">English</option>
              <option value="es">Spanish (Español)</option>
            </SelectField>
          </div>
          <fieldset className="ese-checks partner-identifiers" aria-describedby={fieldError(error, 'identifiers') ? 'partner-identifiers-error' : 'partner-identifiers-hint'}>
            <legend className="field__label">Identifying information the resident gave (at least {REQUIRED_IDENTIFIERS})</legend>
            <p id="partner-identifiers-hint" className="field__hint" data-source="002">
              A community partner searches only for a resident who gave three pieces of identifying information. Tick which kinds; the values are not kept.
            </p>
            {identifierKinds.map((k) => (
              <label key={k} className="ese-check">
                <input type="checkbox" checked={identifiers.includes(k)} onChange={(e) => setIdentifiers((xs) => (e.target.checked ? [...xs, k] : xs.filter((x) => x !== k)))} />{' '}
                {identifierLabels[k]}
              </label>
            ))}
            {fieldError(error, 'identifiers') ? (
              <div id="partner-identifiers-error" className="field__error">
                <span aria-hidden="true">⚠ </span>
                {fieldError(error, 'identifiers')}
              </div>
            ) : null}
          </fieldset>
          <div className="actions">
            <button type="submit" className="button button--primary">
              Read the partner access script
            </button>
          </div>
        </form>
      </section>
    );
  }

  const id = view.id;
  return (
    <section className="card" aria-labelledby="partner-title" data-testid="partner-consent">
      <h2 id="partner-title">
        kynect resources partner access: {view.organization} for {view.clientName}
      </h2>
      <FormError error={error && !error.fieldErrors?.reason ? error : null} />
      <VerbalScript
        script={{ locale: view.locale, ...view.script }}
        canAccept={view.canAccept}
        who="resident"
        idPrefix="partner-"
        onRead={(ackId, n) => void act('app:partner.read', { consentId: id, ackId }, () => `Statement ${n} read.`)}
        onAnswer={(ackId, answer, n) =>
          void act('app:partner.answer', { consentId: id, ackId, answer }, () => `Statement ${n}: resident ${answer === 'agree' ? 'agrees' : 'disagrees'}.`)
        }
        onAccept={() => void act('app:partner.accept', { consentId: id }, (v) => `Consent recorded: ${v.organization} may view the record.`)}
      />
      <details className="assoc-refuse">
        <summary>The resident does not consent</summary>
        <TextField label="What the resident said (optional)" value={reason} onChange={(e) => setReason(e.target.value)} error={fieldError(error, 'reason')} />
        <button
          type="button"
          className="button button--danger"
          onClick={() => void act('app:partner.refuse', { consentId: id, reason }, () => 'No consent recorded: the organization may not view the record.')}
        >
          Record that the resident does not consent
        </button>
      </details>
    </section>
  );
}

import { useCallback, useEffect, useRef, useState } from 'react';
import { useLabels } from '../../app/useLabels';
import { identifierKinds, REQUIRED_IDENTIFIERS, type PartnerConsentView } from '../../../../shared/common/association/partnerContract';
import type { DeskErrorShape } from '../../../../shared/common/errors';
import type { ChannelName, RequestIn } from '../../../../shared/common/ipc/contract';
import { useStrings } from '../../i18n';
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
  const t = useStrings('association');
  const l = useLabels();
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
        <h2 id="partner-title">{t('partner.title')}</h2>
        {view ? (
          <div className={`notice ${view.status === 'accepted' ? 'notice--ok' : 'notice--error'}`} data-testid="partner-outcome">
            <h3 ref={outcomeHeading} tabIndex={-1}>
              {t(view.status === 'accepted' ? 'partner.accepted' : 'partner.refused', { organization: view.organization })}
            </h3>
            {view.status === 'accepted' ? (
              <p className="assoc-script__text" lang={view.locale}>
                {view.script.closing}
              </p>
            ) : (
              <p>{view.refusal}</p>
            )}
            <p>{t('partner.revoke', { how: view.revoke })}</p>
          </div>
        ) : null}
        <p data-source="002">{t('partner.intro')}</p>
        <p className="muted">{t(call ? 'partner.onCall' : 'partner.noCall')}</p>
        <FormError error={error} />
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            // The next consent starts from an empty form: these names belong to this one.
            const request = { ...form, identifiers, referred: yesNo(form.referred), hasAccount: yesNo(form.hasAccount) };
            void act('app:partner.start', request, (v) => t('partner.scriptShown', { organization: v.organization })).then((ok) => {
              if (!ok) return;
              setForm({ ...empty, locale: callLanguage });
              setIdentifiers([]);
            });
          }}
        >
          <div className="form-grid">
            <TextField
              label={t('partner.organization')}
              name="organization"
              autoComplete="off"
              value={form.organization}
              onChange={set('organization')}
              error={fieldError(error, 'organization')}
            />
            <TextField
              label={t('partner.clientName')}
              name="clientName"
              autoComplete="off"
              value={form.clientName}
              onChange={set('clientName')}
              error={fieldError(error, 'clientName')}
            />
            <TextField
              label={t('partner.caseNumber')}
              name="caseNumber"
              autoComplete="off"
              value={form.caseNumber}
              onChange={set('caseNumber')}
              error={fieldError(error, 'caseNumber')}
            />
            <SelectField
              label={t('partner.referred')}
              name="referred"
              hint={t('partner.referredHint')}
              value={form.referred}
              onChange={set('referred')}
              error={fieldError(error, 'referred')}
            >
              <option value="">{t('choose')}</option>
              <option value="no">{t('partner.no')}</option>
              <option value="yes">{t('partner.referredYes')}</option>
            </SelectField>
            <SelectField
              label={t('partner.hasAccount')}
              name="hasAccount"
              hint={t('partner.hasAccountHint')}
              value={form.hasAccount}
              onChange={set('hasAccount')}
              error={fieldError(error, 'hasAccount')}
            >
              <option value="">{t('choose')}</option>
              <option value="yes">{t('partner.yes')}</option>
              <option value="no">{t('partner.no')}</option>
            </SelectField>
            <SelectField label={t('partner.scriptLanguage')} name="locale" value={form.locale} onChange={set('locale')} error={fieldError(error, 'locale')}>
              <option value="en">{t('partner.english')}</option>
              <option value="es">{t('partner.spanish')}</option>
            </SelectField>
          </div>
          <fieldset className="ese-checks partner-identifiers" aria-describedby={fieldError(error, 'identifiers') ? 'partner-identifiers-error' : 'partner-identifiers-hint'}>
            <legend className="field__label">{t('partner.identifiers', { required: REQUIRED_IDENTIFIERS })}</legend>
            <p id="partner-identifiers-hint" className="field__hint" data-source="002">
              {t('partner.identifiersHint')}
            </p>
            {identifierKinds.map((k) => (
              <label key={k} className="ese-check">
                <input type="checkbox" checked={identifiers.includes(k)} onChange={(e) => setIdentifiers((xs) => (e.target.checked ? [...xs, k] : xs.filter((x) => x !== k)))} />{' '}
                {l.identifier(k)}
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
              {t('partner.readScript')}
            </button>
          </div>
        </form>
      </section>
    );
  }

  const id = view.id;
  return (
    <section className="card" aria-labelledby="partner-title" data-testid="partner-consent">
      <h2 id="partner-title">{t('partner.titleOpen', { organization: view.organization, client: view.clientName })}</h2>
      <FormError error={error && !error.fieldErrors?.reason ? error : null} />
      <VerbalScript
        script={{ locale: view.locale, ...view.script }}
        canAccept={view.canAccept}
        who="resident"
        idPrefix="partner-"
        onRead={(ackId, n) => void act('app:partner.read', { consentId: id, ackId }, () => t('script.statementRead', { n }))}
        onAnswer={(ackId, answer, n) =>
          void act('app:partner.answer', { consentId: id, ackId, answer }, () => t(answer === 'agree' ? 'script.residentAgreesSaid' : 'script.residentDisagreesSaid', { n }))
        }
        onAccept={() => void act('app:partner.accept', { consentId: id }, (v) => t('partner.acceptedSaid', { organization: v.organization }))}
      />
      <details className="assoc-refuse">
        <summary>{t('partner.refuses')}</summary>
        <TextField label={t('partner.refusalReason')} value={reason} onChange={(e) => setReason(e.target.value)} error={fieldError(error, 'reason')} />
        <button type="button" className="button button--danger" onClick={() => void act('app:partner.refuse', { consentId: id, reason }, () => t('partner.refusedSaid'))}>
          {t('partner.recordRefusal')}
        </button>
      </details>
    </section>
  );
}

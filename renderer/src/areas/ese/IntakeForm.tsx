import { useCallback, useEffect, useRef, useState, type FormEvent, type MutableRefObject } from 'react';
import { useLabels } from '../../app/useLabels';
import { Cited, uncited } from '../../ui/Cited';
import type { DeskErrorShape } from '../../../../shared/common/errors';
import {
  ESE_ROLE_STATEMENT,
  commonLanguages,
  eseCircumstances,
  eseDocumentKinds,
  eseWindow,
  preferredContactMethods,
  writtenRequestAnswers,
  callStartFromIntake,
  intakePrefill,
  prefillNotice,
  type EseDraft,
} from '../../../../shared/common/ese';
import type { IntakeDetail } from '../../../../shared/common/ese/contract';
import { SSN_MASKED_NOTICE } from '../../../../shared/common/privacy/ssnText';
import { useInvoke } from '../../ipc/desk';
import { useAnnounce } from '../../ui/Announcer';
import { SelectField, TextAreaField, TextField } from '../../ui/Field';
import { DateField } from '../../ui/DateField';
import { AddToNotesButton } from '../call/AddToNotes';
import { useCall } from '../call/callStore';
import { FormError, fieldError } from '../../ui/FormError';
import { useStrings } from '../../i18n';

const AUTOSAVE_MS = 700;

type Form = Required<Pick<EseDraft, 'documents'>> & Omit<EseDraft, 'documents'>;
const emptyForm = (): Form => ({ documents: [], language: 'English' });

function newIntakeId(): string {
  return crypto.randomUUID();
}

/**
 * A draft belongs to the call it was taken in (`call:<id>`), so one caller's
 * details never open in the next caller's intake; with no call open it is the
 * desk's own.
 */
export function draftKeyFor(callId: string | null | undefined): string {
  return callId ? `call:${callId}` : 'desk';
}

export function IntakeForm({
  draftKey,
  onForwarded,
  carry,
}: {
  draftKey: string;
  onForwarded: () => void;
  /** What was typed before a call was started from this form: it becomes the call's draft. */
  carry?: MutableRefObject<Partial<EseDraft> | null>;
}) {
  const t = useStrings('ese');
  const l = useLabels();
  const invoke = useInvoke();
  const announce = useAnnounce();
  const [form, setFormState] = useState<Form>(emptyForm);
  const [today, setToday] = useState<string>('');
  const [loaded, setLoaded] = useState(false);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const [error, setError] = useState<DeskErrorShape | null>(null);
  const [busy, setBusy] = useState(false);
  const [ssnNotice, setSsnNotice] = useState<string | null>(null);
  const [done, setDone] = useState<IntakeDetail | null>(null);
  const [prefilled, setPrefilled] = useState<string | null>(null);
  const { call, loaded: callLoaded, act } = useCall();
  const title = useRef<HTMLHeadingElement>(null);
  // Read once when the draft loads: later changes to the call do not overwrite what the rep typed.
  const callAtLoad = useRef(call);
  const intakeId = useRef(newIntakeId());
  const dirty = useRef(false);
  const autosave = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  // What the rep typed before the draft came back from main (Alt+3, then typing at once): laid
  // over whatever loads, so no keystroke is lost to the load (seen under load: 'Rosa' became 'Osa').
  const typedBeforeLoad = useRef<Partial<Form> | null>({});

  useEffect(() => {
    let live = true;
    typedBeforeLoad.current = {};
    void invoke('app:ese.draft.get', { key: draftKey }).then((r) => {
      if (!live || !r.ok) return;
      const typed = typedBeforeLoad.current ?? {};
      typedBeforeLoad.current = null;
      const setForm = (loadedForm: Form) => setFormState({ ...loadedForm, ...typed });
      setToday(r.value.today);
      const carried = carry?.current;
      if (r.value.draft) setForm({ ...emptyForm(), ...r.value.draft, documents: r.value.draft.documents ?? [] });
      else if (carried && draftKey !== 'desk') {
        // Started a call from this intake: what was typed becomes the call's draft (saved by the autosave), the desk's is removed.
        carry.current = null;
        dirty.current = true;
        setForm({ ...emptyForm(), ...carried, documents: carried.documents ?? [] });
        void invoke('app:ese.draft.discard', { key: 'desk' });
        requestAnimationFrame(() => title.current?.focus());
      } else if (callAtLoad.current && draftKey === draftKeyFor(callAtLoad.current.id)) {
        // A new intake in a call starts from the call's caller (issue 12.2). Not a draft until the rep types:
        // a prefill alone is no half-done work for Alt+X to ask about.
        const p = intakePrefill(callAtLoad.current);
        setForm({ ...emptyForm(), ...p.draft });
        setPrefilled(prefillNotice(p.fields));
      }
      setSavedAt(r.value.updatedAt);
      setLoaded(true);
    });
    return () => {
      live = false;
    };
  }, [invoke, draftKey, carry]);

  // Autosave a moment after the rep stops typing; nothing is lost if the app closes mid-call.
  useEffect(() => {
    if (!loaded || !dirty.current) return;
    // A field ending in a number may be a number still being read out: wait longer before main masks nine digits.
    const midNumber = Object.values(form).some((v) => typeof v === 'string' && /\p{Nd}[\s\p{Pd}.]{0,2}$/u.test(v));
    autosave.current = setTimeout(
      () => {
        const sent = form;
        void invoke('app:ese.draft.save', { key: draftKey, draft: sent }).then((r) => {
          if (!r.ok) return;
          setSavedAt(r.value.updatedAt);
          if (r.value.masked.length) {
            // Main masked a full SSN before storing the draft: show what it stored, in the fields not changed since.
            setFormState((f) => {
              const next = { ...f };
              for (const field of r.value.masked as (keyof EseDraft)[]) if (f[field] === sent[field]) (next as Record<string, unknown>)[field] = r.value.draft[field];
              return next;
            });
            setSsnNotice(SSN_MASKED_NOTICE);
            announce(SSN_MASKED_NOTICE, 'assertive');
          }
        });
      },
      midNumber ? AUTOSAVE_MS * 4 : AUTOSAVE_MS,
    );
    return () => clearTimeout(autosave.current);
  }, [form, loaded, invoke, draftKey, announce]);

  const set = useCallback(<K extends keyof Form>(key: K, value: Form[K]) => {
    dirty.current = true;
    if (typedBeforeLoad.current) typedBeforeLoad.current[key] = value;
    setFormState((f) => ({ ...f, [key]: value }));
  }, []);

  const text = (key: Exclude<keyof Form, 'documents'>) => ({
    value: form[key] ?? '',
    onChange: (e: { target: { value: string } }) => set(key, e.target.value),
    error: fieldError(error, key),
    name: key,
  });

  async function submit(e: FormEvent) {
    e.preventDefault();
    // A save still waiting to fire would bring back the draft that submit removes.
    clearTimeout(autosave.current);
    setBusy(true);
    const r = await invoke('app:ese.submit', { intakeId: intakeId.current, draftKey: draftKey, intake: form });
    setBusy(false);
    if (!r.ok) {
      // Not forwarded: keep the draft as typed (the save cancelled above).
      void invoke('app:ese.draft.save', { key: draftKey, draft: form }).then((saved) => saved.ok && setSavedAt(saved.value.updatedAt));
      setError(r.error);
      announce(r.error.fieldErrors ? t('intake.answersToFix', { count: Object.keys(r.error.fieldErrors).length }) : r.error.message, 'assertive');
      return;
    }
    setError(null);
    setDone(r.value);
    dirty.current = false;
    announce(t('intake.forwarded', { reference: r.value.reference }));
    onForwarded();
  }

  async function startCall() {
    clearTimeout(autosave.current);
    const input = callStartFromIntake(form);
    if (carry) carry.current = form;
    const r = await act('app:call.start', input);
    if (!r.ok) {
      if (carry) carry.current = null;
      announce(t('intake.callNotStarted', { why: r.error.message }), 'assertive');
      return;
    }
    announce(t('intake.callStarted', { caller: input.callerName ?? t('intake.theResident') }));
  }

  async function discard() {
    await invoke('app:ese.draft.discard', { key: draftKey });
    dirty.current = false;
    setFormState(emptyForm());
    setError(null);
    setSavedAt(null);
    intakeId.current = newIntakeId();
    setPrefilled(null);
    announce(t('intake.draftCleared'));
  }

  function startNew() {
    dirty.current = false;
    setFormState(emptyForm());
    setDone(null);
    setError(null);
    setSavedAt(null);
    setPrefilled(null);
    intakeId.current = newIntakeId();
  }

  if (done) return <Forwarded detail={done} onNew={startNew} />;

  const window = today ? eseWindow(form.knownDate, today) : null;
  const circumstance = eseCircumstances.find((c) => c.id === form.circumstance);
  const documentsError = fieldError(error, 'documents') ?? fieldError(error, 'documents.0');

  return (
    <form className="ese-form" noValidate onSubmit={(e) => void submit(e)} aria-labelledby="ese-form-title">
      <h2 id="ese-form-title" tabIndex={-1} ref={title}>
        {t('intake.title')}
      </h2>
      {callLoaded && !call ? (
        <div className="notice notice--warn" data-testid="ese-no-call">
          <p>{t('intake.noCall')}</p>
          <button type="button" className="button" onClick={() => void startCall()}>
            {t('intake.startCall')}
          </button>
        </div>
      ) : null}
      <p className="notice notice--info" data-testid="ese-role-statement">
        <Cited text={ESE_ROLE_STATEMENT} />
      </p>
      <FormError error={error} />
      {prefilled ? (
        <p className="notice notice--info" data-testid="ese-prefilled">
          {prefilled}
        </p>
      ) : null}

      <fieldset className="ese-group">
        <legend>{t('intake.resident')}</legend>
        <div className="form-grid">
          <TextField label={t('intake.firstName')} required autoComplete="off" {...text('firstName')} />
          <TextField label={t('intake.lastName')} required autoComplete="off" {...text('lastName')} />
          <DateField label={t('intake.dateOfBirth')} required {...text('dateOfBirth')} />
          <TextField label={t('intake.caseNumber')} hint={t('intake.caseNumberHint')} inputMode="numeric" autoComplete="off" {...text('caseNumber')} />
          <TextField label={t('intake.phone')} required type="tel" hint={t('intake.phoneHint')} autoComplete="off" {...text('phone')} />
          <TextField label={t('intake.email')} type="email" autoComplete="off" {...text('email')} />
          <SelectField label={t('intake.preferredContact')} required {...text('preferredContact')}>
            <option value="">{t('intake.choose')}</option>
            {preferredContactMethods.map((m) => (
              <option key={m} value={m}>
                {l.preferredContact(m)}
              </option>
            ))}
          </SelectField>
          <TextField label={t('intake.language')} required list="ese-languages" autoComplete="off" {...text('language')} />
          <datalist id="ese-languages">
            {commonLanguages.map((l) => (
              <option key={l} value={l} />
            ))}
          </datalist>
        </div>
      </fieldset>

      <fieldset className="ese-group">
        <legend>{t('intake.whatHappened')}</legend>
        <SelectField
          label={t('intake.circumstance')}
          required
          hint={
            circumstance ? (
              <span title={t('intake.circumstanceSource', { source: circumstance.source })} data-source={circumstance.source}>
                {uncited(circumstance.detail)}
              </span>
            ) : (
              t('intake.circumstanceHint')
            )
          }
          {...text('circumstance')}
        >
          <option value="">{t('intake.chooseCircumstance')}</option>
          {eseCircumstances.map((c) => (
            <option key={c.id} value={c.id}>
              {c.label}
            </option>
          ))}
        </SelectField>
        {form.circumstance === 'other' ? <TextField label={t('intake.circumstanceOther')} required {...text('circumstanceOther')} /> : null}
        <div className="form-grid">
          <DateField label={t('intake.eventDate')} required {...text('eventDate')} />
          <DateField label={t('intake.knownDate')} required hint={t('intake.knownDateHint')} {...text('knownDate')} />
        </div>
        <p className={`ese-window ese-window--${window?.state ?? 'none'}`} data-testid="ese-window" aria-live="polite">
          {window ? window.text : t('intake.windowUnknown')}
        </p>
        <TextAreaField label={t('intake.narrative')} required hint={t('intake.narrativeHint')} {...text('narrative')} />
      </fieldset>

      <fieldset className="ese-group">
        <legend>{t('intake.documentsGroup')}</legend>
        <fieldset className="ese-checks" aria-describedby={documentsError ? 'ese-documents-error' : undefined}>
          <legend className="field__label">{t('intake.documents')}</legend>
          {eseDocumentKinds.map((d) => (
            <label key={d.id} className="ese-check">
              <input
                type="checkbox"
                checked={form.documents.includes(d.id)}
                onChange={(e) => set('documents', e.target.checked ? [...form.documents, d.id] : form.documents.filter((x) => x !== d.id))}
              />{' '}
              {d.label}
            </label>
          ))}
          {documentsError ? (
            <div id="ese-documents-error" className="field__error">
              {documentsError}
            </div>
          ) : null}
        </fieldset>
        <TextField label={t('intake.documentsOther')} autoComplete="off" {...text('documentsOther')} />
        <div className="form-grid">
          <SelectField label={t('intake.writtenRequest')} required {...text('writtenRequestSent')}>
            <option value="">{t('intake.choose')}</option>
            {writtenRequestAnswers.map((a) => (
              <option key={a} value={a}>
                {l.writtenRequest(a)}
              </option>
            ))}
          </SelectField>
          {form.writtenRequestSent === 'yes' ? (
            <DateField label={t('intake.writtenRequestDate')} hint={t('intake.writtenRequestDateHint')} {...text('writtenRequestDate')} />
          ) : null}
        </div>
      </fieldset>

      <div className="actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          {t('intake.forward')}
        </button>
        <button type="button" className="button" onClick={() => void discard()}>
          {t('intake.clearDraft')}
        </button>
        {ssnNotice ? (
          <span className="field__hint" data-testid="ese-ssn-notice">
            {ssnNotice}
          </span>
        ) : null}
        <span className="muted ese-saved" data-testid="ese-draft-saved">
          {savedAt ? t('intake.draftSaved', { at: savedAt }) : t('intake.draftNotSaved')}
        </span>
      </div>
    </form>
  );
}

function Forwarded({ detail, onNew }: { detail: IntakeDetail; onNew: () => void }) {
  const t = useStrings('ese');
  const l = useLabels();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section className="card ese-done" aria-labelledby="ese-done-title" data-testid="ese-forwarded">
      <h2 id="ese-done-title" tabIndex={-1} ref={heading}>
        {t('forwarded.title', { reference: detail.reference })}
      </h2>
      <p>{t(detail.outbox.state === 'sent' ? 'forwarded.storedSent' : 'forwarded.storedQueued')}</p>
      {detail.window ? <p>{detail.window.text}</p> : null}
      <h3>{t('forwarded.closingScript')}</h3>
      <p className="muted" data-testid="ese-closing-language">
        {t('forwarded.readIn', { language: l.callLanguage(detail.closingScriptLocale) })}
      </p>
      {/* The resident's language, not the rep's: lang lets a screen reader read it with the right voice. */}
      <ol className="ese-script" data-testid="ese-closing-script" lang={detail.closingScriptLocale}>
        {detail.closingScript.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ol>
      <div className="actions">
        <button type="button" className="button button--primary" onClick={onNew}>
          {t('forwarded.startNew')}
        </button>
        <AddToNotesButton text={t('forwarded.notesLine', { reference: detail.reference })} what={t('forwarded.notesWhat')} />
      </div>
    </section>
  );
}

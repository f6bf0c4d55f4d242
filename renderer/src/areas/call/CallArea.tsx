import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useLabels } from '../../app/useLabels';
import { callerTypes, canBeThreeWay, type CallerType } from '../../../../shared/common/calls/callerTypes';
import { formatCallbackNumber } from '../../../../shared/common/calls/fields';
import { callFacts, suggestDispositions } from '../../../../shared/common/calls/facts';
import type { DeskErrorShape } from '../../../../shared/common/errors';
import { Trans, useStrings } from '../../i18n';
import { useInvoke } from '../../ipc/desk';
import { useAnnounce } from '../../ui/Announcer';
import { SelectField, TextField } from '../../ui/Field';
import { DateField } from '../../ui/DateField';
import { fieldError, FormError } from '../../ui/FormError';
import { useCall, useDispositions } from './callStore';
import { CallHistory } from './CallHistory';
import { DispositionSettings } from './DispositionSettings';
import { FollowUpsDue } from './FollowUps';
import { NotesEditor } from './NotesEditor';
import { Timeline } from './Timeline';

function StartForm() {
  const t = useStrings('call');
  const l = useLabels();
  const { act, startRequests } = useCall();
  const [callerType, setCallerType] = useState<CallerType | ''>('');
  const [callerName, setCallerName] = useState('');
  const [callbackNumber, setCallbackNumber] = useState('');
  const [caseNumber, setCaseNumber] = useState('');
  const [error, setError] = useState<DeskErrorShape | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);

  // The start shortcut lands here; after the shell has moved focus to the area title.
  useEffect(() => {
    if (startRequests === 0) return;
    const timer = setTimeout(() => form.current?.querySelector<HTMLSelectElement>('select[name="callerType"]')?.focus(), 0);
    return () => clearTimeout(timer);
  }, [startRequests]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const r = await act('app:call.start', { callerType: callerType as CallerType, callerName, callbackNumber, caseNumber });
    setBusy(false);
    setError(r.ok ? null : r.error);
  };
  return (
    <form ref={form} className="card" onSubmit={submit} noValidate aria-labelledby="start-title" data-testid="call-start">
      <h2 id="start-title">{t('start.title')}</h2>
      <FormError error={error} />
      <div className="form-grid">
        <SelectField
          label={t('start.callerType')}
          required
          value={callerType}
          onChange={(e) => setCallerType(e.target.value as CallerType)}
          error={fieldError(error, 'callerType')}
          name="callerType"
          data-testid="caller-type"
        >
          <option value="">{t('choose')}</option>
          {callerTypes.map((type) => (
            <option key={type} value={type}>
              {l.callerType(type)}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t('start.callerName')}
          hint={t('optional')}
          value={callerName}
          onChange={(e) => setCallerName(e.target.value)}
          error={fieldError(error, 'callerName')}
          autoComplete="off"
        />
        <TextField
          label={t('start.callbackNumber')}
          hint={t('start.callbackNumberHint')}
          inputMode="tel"
          value={callbackNumber}
          onChange={(e) => setCallbackNumber(e.target.value)}
          error={fieldError(error, 'callbackNumber')}
          autoComplete="off"
        />
        <TextField
          label={t('start.caseNumber')}
          hint={t('optional')}
          inputMode="numeric"
          value={caseNumber}
          onChange={(e) => setCaseNumber(e.target.value)}
          error={fieldError(error, 'caseNumber')}
          autoComplete="off"
        />
      </div>
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          {t('start.submit')}
        </button>
      </div>
    </form>
  );
}

function WrapUp({ callId }: { callId: string }) {
  const t = useStrings('call');
  const { act, wrapUpRequests, call } = useCall();
  const announce = useAnnounce();
  const form = useRef<HTMLFormElement>(null);
  // Ending the call lands here, after the shell has moved focus to the area title.
  useEffect(() => {
    if (wrapUpRequests === 0) return;
    const timer = setTimeout(() => form.current?.querySelector<HTMLSelectElement>('select')?.focus(), 0);
    return () => clearTimeout(timer);
  }, [wrapUpRequests]);
  const dispositions = useDispositions();
  const [disposition, setDisposition] = useState('');
  // Codes the list marks combinable, closed with the primary one (issue 12.2: "more than one code where the list allows").
  const [also, setAlso] = useState<string[]>([]);
  const [followUpDate, setFollowUpDate] = useState('');
  const [error, setError] = useState<DeskErrorShape | null>(null);
  const [busy, setBusy] = useState(false);
  // Read from the call's own record; only ever a suggestion: the rep chooses, nothing is applied for them (issue 12.2).
  const suggestions = call ? suggestDispositions(callFacts(call), dispositions) : [];
  const combinable = new Set(dispositions.filter((d) => d.combinable).map((d) => d.code));
  const primaryCombines = combinable.has(disposition);
  const alsoShown = primaryCombines ? also.filter((c) => c !== disposition && combinable.has(c)) : [];
  const pick = (code: string) => {
    setDisposition(code);
    setAlso((xs) => xs.filter((c) => c !== code));
  };
  const choose = (code: string, label: string) => {
    pick(code);
    announce(t('wrapUp.chosen', { label }));
  };
  // Every suggestion at once, when the list lets them go together: the first is the primary one.
  const allSuggested = suggestions.length > 1 && suggestions.every((s) => combinable.has(s.code));
  const chooseAll = () => {
    setDisposition(suggestions[0]!.code);
    setAlso(suggestions.slice(1).map((s) => s.code));
    announce(t('wrapUp.chosenAll', { labels: suggestions.map((s) => s.label).join(', ') }));
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!disposition) return;
    setBusy(true);
    const r = await act('app:call.wrapUp', { callId, disposition, additionalDispositions: alsoShown, followUpDate });
    setBusy(false);
    setError(r.ok ? null : r.error);
  };
  return (
    <form ref={form} className="card" onSubmit={submit} noValidate aria-labelledby="wrapup-title" data-testid="wrap-up">
      <h2 id="wrapup-title">{t('wrapUp.title')}</h2>
      <FormError error={error} />
      <div className="form-grid">
        <SelectField
          label={t('wrapUp.disposition')}
          required
          hint={t('wrapUp.dispositionHint')}
          value={disposition}
          onChange={(e) => pick(e.target.value)}
          error={fieldError(error, 'disposition')}
          data-testid="disposition"
        >
          <option value="">{t('choose')}</option>
          {dispositions.map((d) => (
            <option key={d.code} value={d.code}>
              {d.label}
            </option>
          ))}
        </SelectField>
        <DateField
          label={t('wrapUp.followUpDate')}
          hint={t('wrapUp.followUpDateHint')}
          value={followUpDate}
          onChange={(e) => setFollowUpDate(e.target.value)}
          error={fieldError(error, 'followUpDate')}
        />
      </div>
      {primaryCombines ? (
        <fieldset className="ese-checks wrapup-also" aria-describedby="wrapup-also-hint" data-testid="disposition-also">
          <legend className="field__label">{t('wrapUp.also')}</legend>
          <p id="wrapup-also-hint" className="field__hint">
            {t('wrapUp.alsoHint')}
          </p>
          {dispositions
            .filter((d) => d.combinable && d.code !== disposition)
            .map((d) => (
              <label key={d.code} className="ese-check">
                <input
                  type="checkbox"
                  checked={alsoShown.includes(d.code)}
                  onChange={(e) => setAlso((xs) => (e.target.checked ? [...xs.filter((c) => c !== d.code), d.code] : xs.filter((c) => c !== d.code)))}
                />{' '}
                {d.label}
              </label>
            ))}
          {fieldError(error, 'additionalDispositions') ? (
            <div className="field__error">
              <span aria-hidden="true">⚠ </span>
              {fieldError(error, 'additionalDispositions')}
            </div>
          ) : null}
        </fieldset>
      ) : null}
      {suggestions.length ? (
        <section className="wrapup-suggest" aria-labelledby="wrapup-suggest-title" data-testid="disposition-suggestions">
          <h3 id="wrapup-suggest-title">{t('wrapUp.suggested')}</h3>
          <ul>
            {suggestions.map((sug) => (
              <li key={sug.code}>
                <button
                  type="button"
                  className="button"
                  aria-pressed={disposition === sug.code}
                  aria-describedby={`suggest-${sug.code}`}
                  onClick={() => choose(sug.code, sug.label)}
                >
                  {t('wrapUp.use', { label: sug.label })}
                </button>{' '}
                <span id={`suggest-${sug.code}`} className="muted">
                  {sug.because}
                </span>
              </li>
            ))}
          </ul>
          {allSuggested ? (
            <p>
              <button
                type="button"
                className="button"
                aria-pressed={disposition === suggestions[0]!.code && suggestions.slice(1).every((s) => alsoShown.includes(s.code))}
                onClick={chooseAll}
              >
                {t('wrapUp.useAll')}
              </button>
            </p>
          ) : suggestions.length > 1 ? (
            <p className="muted">{t('wrapUp.oneDisposition')}</p>
          ) : null}
        </section>
      ) : null}
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={busy || !disposition} aria-describedby={disposition ? undefined : 'complete-why'}>
          {t('wrapUp.complete')}
        </button>
        {!disposition ? (
          <span id="complete-why" className="muted">
            {t('wrapUp.completeWhy')}
          </span>
        ) : null}
      </div>
    </form>
  );
}

function CurrentCall() {
  const t = useStrings('call');
  const l = useLabels();
  const { call, act } = useCall();
  const announce = useAnnounce();
  const [error, setError] = useState<DeskErrorShape | null>(null);
  if (!call) return null;
  const three = async (channel: 'app:call.clientJoined' | 'app:call.clientLeft') => {
    const r = await act(channel, { callId: call.id });
    setError(r.ok ? null : r.error);
    if (!r.ok) announce(r.error.message, 'assertive');
  };
  const dismiss = async () => {
    await act('app:call.recovery.dismiss', { callId: call.id });
  };
  return (
    <>
      {call.recoveredAt ? (
        <div className="notice notice--warn" role="status" data-testid="recovery-banner">
          <Trans t={t} i18nKey="current.recovered" values={{ at: call.recoveredAt }} components={{ strong: <strong /> }} />{' '}
          <button type="button" className="button" onClick={() => void dismiss()}>
            {t('current.dismiss')}
          </button>
        </div>
      ) : null}
      <section className="card" aria-labelledby="current-title" data-testid="current-call">
        <h2 id="current-title">
          <Trans t={t} i18nKey="current.title" values={{ state: l.callState(call.state) }} components={{ state: <span data-testid="call-state" /> }} />
        </h2>
        <FormError error={error} />
        <dl className="call-facts">
          <dt>{t('current.caller')}</dt>
          <dd>{l.caller(call)}</dd>
          {call.callbackNumber ? (
            <>
              <dt>{t('current.callbackNumber')}</dt>
              <dd>{formatCallbackNumber(call.callbackNumber)}</dd>
            </>
          ) : null}
          {call.caseNumber ? (
            <>
              <dt>{t('current.caseNumber')}</dt>
              <dd>{call.caseNumber}</dd>
            </>
          ) : null}
          <dt>{t('current.started')}</dt>
          <dd>{t('current.startedAt', { at: call.startedAt })}</dd>
        </dl>
        {call.state !== 'wrap_up' && canBeThreeWay(call.callerType) ? (
          <div className="actions">
            {call.clientOnLine ? (
              <button type="button" className="button" onClick={() => void three('app:call.clientLeft')}>
                {t('current.clientLeft')}
              </button>
            ) : (
              <button type="button" className="button" onClick={() => void three('app:call.clientJoined')}>
                {t('current.clientJoined')}
              </button>
            )}
          </div>
        ) : null}
      </section>
      {call.state === 'wrap_up' ? <WrapUp key={`wrap-${call.id}`} callId={call.id} /> : null}
      <div className="call-work">
        <NotesEditor key={`notes-${call.id}`} call={call} />
        <Timeline entries={call.timeline} />
      </div>
    </>
  );
}

function useIsSupervisor(): boolean {
  const invoke = useInvoke();
  const [yes, setYes] = useState(false);
  useEffect(() => {
    void invoke('app:operator.get', {}).then((r) => setYes(r.ok && r.value?.role === 'supervisor'));
  }, [invoke]);
  return yes;
}

export function CallArea() {
  const t = useStrings('call');
  const { call, loaded } = useCall();
  const supervisor = useIsSupervisor();
  if (!loaded) return <p className="muted">{t('loading')}</p>;
  return (
    <div className="call-area">
      {call ? <CurrentCall /> : <StartForm />}
      <FollowUpsDue />
      <CallHistory />
      {supervisor ? <DispositionSettings /> : null}
    </div>
  );
}

import { useEffect, useRef, useState, type FormEvent } from 'react';
import { callerTypeLabels, callerTypes, canBeThreeWay, type CallerType } from '../../../../shared/common/calls/callerTypes';
import { formatCallbackNumber } from '../../../../shared/common/calls/fields';
import { callFacts, suggestDispositions } from '../../../../shared/common/calls/facts';
import { callStateLabels, describeCaller } from '../../../../shared/common/calls/session';
import type { DeskErrorShape } from '../../../../shared/common/errors';
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
    const t = setTimeout(() => form.current?.querySelector<HTMLSelectElement>('select[name="callerType"]')?.focus(), 0);
    return () => clearTimeout(t);
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
      <h2 id="start-title">Start a call</h2>
      <FormError error={error} />
      <div className="form-grid">
        <SelectField
          label="Who is calling"
          required
          value={callerType}
          onChange={(e) => setCallerType(e.target.value as CallerType)}
          error={fieldError(error, 'callerType')}
          name="callerType"
          data-testid="caller-type"
        >
          <option value="">Choose…</option>
          {callerTypes.map((t) => (
            <option key={t} value={t}>
              {callerTypeLabels[t]}
            </option>
          ))}
        </SelectField>
        <TextField
          label="Caller name"
          hint="Optional"
          value={callerName}
          onChange={(e) => setCallerName(e.target.value)}
          error={fieldError(error, 'callerName')}
          autoComplete="off"
        />
        <TextField
          label="Callback number"
          hint="Optional, 10 digits"
          inputMode="tel"
          value={callbackNumber}
          onChange={(e) => setCallbackNumber(e.target.value)}
          error={fieldError(error, 'callbackNumber')}
          autoComplete="off"
        />
        <TextField
          label="Case number"
          hint="Optional"
          inputMode="numeric"
          value={caseNumber}
          onChange={(e) => setCaseNumber(e.target.value)}
          error={fieldError(error, 'caseNumber')}
          autoComplete="off"
        />
      </div>
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          Start call
        </button>
      </div>
    </form>
  );
}

function WrapUp({ callId }: { callId: string }) {
  const { act, wrapUpRequests, call } = useCall();
  const announce = useAnnounce();
  const form = useRef<HTMLFormElement>(null);
  // Ending the call lands here, after the shell has moved focus to the area title.
  useEffect(() => {
    if (wrapUpRequests === 0) return;
    const t = setTimeout(() => form.current?.querySelector<HTMLSelectElement>('select')?.focus(), 0);
    return () => clearTimeout(t);
  }, [wrapUpRequests]);
  const dispositions = useDispositions();
  const [disposition, setDisposition] = useState('');
  const [followUpDate, setFollowUpDate] = useState('');
  const [error, setError] = useState<DeskErrorShape | null>(null);
  const [busy, setBusy] = useState(false);
  // Read from the call's own record; only ever a suggestion: the rep chooses, nothing is applied for them (issue 12.2).
  const suggestions = call ? suggestDispositions(callFacts(call), dispositions) : [];
  const choose = (code: string, label: string) => {
    setDisposition(code);
    announce(`Disposition chosen: ${label}. Complete wrap-up to close the call.`);
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!disposition) return;
    setBusy(true);
    const r = await act('app:call.wrapUp', { callId, disposition, followUpDate });
    setBusy(false);
    setError(r.ok ? null : r.error);
  };
  return (
    <form ref={form} className="card" onSubmit={submit} noValidate aria-labelledby="wrapup-title" data-testid="wrap-up">
      <h2 id="wrapup-title">Wrap-up</h2>
      <FormError error={error} />
      <div className="form-grid">
        <SelectField
          label="Disposition"
          required
          hint="Required before the call can close."
          value={disposition}
          onChange={(e) => setDisposition(e.target.value)}
          error={fieldError(error, 'disposition')}
          data-testid="disposition"
        >
          <option value="">Choose…</option>
          {dispositions.map((d) => (
            <option key={d.code} value={d.code}>
              {d.label}
            </option>
          ))}
        </SelectField>
        <DateField label="Follow-up date" hint="optional" value={followUpDate} onChange={(e) => setFollowUpDate(e.target.value)} error={fieldError(error, 'followUpDate')} />
      </div>
      {suggestions.length ? (
        <section className="wrapup-suggest" aria-labelledby="wrapup-suggest-title" data-testid="disposition-suggestions">
          <h3 id="wrapup-suggest-title">Suggested from this call</h3>
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
                  Use “{sug.label}”
                </button>{' '}
                <span id={`suggest-${sug.code}`} className="muted">
                  {sug.because}
                </span>
              </li>
            ))}
          </ul>
          {suggestions.length > 1 ? <p className="muted">A call closes with one disposition: choose the one that best describes it and say the rest in the notes.</p> : null}
        </section>
      ) : null}
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={busy || !disposition} aria-describedby={disposition ? undefined : 'complete-why'}>
          Complete wrap-up
        </button>
        {!disposition ? (
          <span id="complete-why" className="muted">
            Choose a disposition to complete the call.
          </span>
        ) : null}
      </div>
    </form>
  );
}

function CurrentCall() {
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
          <strong>This call was recovered after kynect Desk restarted</strong> (at {new Date(call.recoveredAt).toLocaleTimeString()}). Its notes, timers and timeline are as they
          were saved; timers kept counting while the app was closed.{' '}
          <button type="button" className="button" onClick={() => void dismiss()}>
            Dismiss
          </button>
        </div>
      ) : null}
      <section className="card" aria-labelledby="current-title" data-testid="current-call">
        <h2 id="current-title">
          Current call: <span data-testid="call-state">{callStateLabels[call.state]}</span>
        </h2>
        <FormError error={error} />
        <dl className="call-facts">
          <dt>Caller</dt>
          <dd>{describeCaller(call)}</dd>
          {call.callbackNumber ? (
            <>
              <dt>Callback number</dt>
              <dd>{formatCallbackNumber(call.callbackNumber)}</dd>
            </>
          ) : null}
          {call.caseNumber ? (
            <>
              <dt>Case number</dt>
              <dd>{call.caseNumber}</dd>
            </>
          ) : null}
          <dt>Started</dt>
          <dd>{new Date(call.startedAt).toLocaleTimeString()}</dd>
        </dl>
        {call.state !== 'wrap_up' && canBeThreeWay(call.callerType) ? (
          <div className="actions">
            {call.clientOnLine ? (
              <button type="button" className="button" onClick={() => void three('app:call.clientLeft')}>
                Client left the line
              </button>
            ) : (
              <button type="button" className="button" onClick={() => void three('app:call.clientJoined')}>
                Client joined the line (three-way)
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
  const { call, loaded } = useCall();
  const supervisor = useIsSupervisor();
  if (!loaded) return <p className="muted">Loading the call…</p>;
  return (
    <div className="call-area">
      {call ? <CurrentCall /> : <StartForm />}
      <FollowUpsDue />
      <CallHistory />
      {supervisor ? <DispositionSettings /> : null}
    </div>
  );
}

import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useLabels } from '../../app/useLabels';
import { dispositionsText } from '../../../../shared/common/calls/dispositions';
import { maskSsns } from '../../../../shared/common/calls/notes';
import type { CallListItem, CallView } from '../../../../shared/common/calls/view';
import type { DeskErrorShape } from '../../../../shared/common/errors';
import { useStrings } from '../../i18n';
import { useInvoke } from '../../ipc/desk';
import { useAnnounce } from '../../ui/Announcer';
import { SelectField, TextField } from '../../ui/Field';
import { DateField } from '../../ui/DateField';
import { fieldError, FormError } from '../../ui/FormError';
import { useCall, useDispositions } from './callStore';
import { Timeline } from './Timeline';

function PastCall({ call, onClose }: { call: CallView; onClose: () => void }) {
  const t = useStrings('call');
  const l = useLabels();
  const invoke = useInvoke();
  const announce = useAnnounce();
  const dispositions = useDispositions();
  const [summary, setSummary] = useState<{ text: string; fileName: string } | null>(null);
  const [error, setError] = useState<DeskErrorShape | null>(null);
  const getSummary = async () => {
    if (summary) return summary;
    const r = await invoke('app:call.history.export', { callId: call.id });
    if (!r.ok) {
      setError(r.error);
      return null;
    }
    setSummary(r.value);
    return r.value;
  };
  const copy = async () => {
    const s = await getSummary();
    if (!s) return;
    try {
      await navigator.clipboard.writeText(s.text);
      announce(t('past.copied'));
    } catch {
      announce(t('past.copyRefused'));
    }
  };
  const download = async () => {
    const s = await getSummary();
    if (!s) return;
    const url = URL.createObjectURL(new Blob([s.text], { type: 'text/plain' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = s.fileName;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
    announce(t('past.saved', { file: s.fileName }));
  };
  return (
    <section className="card" aria-labelledby="past-title" data-testid="past-call">
      <h3 id="past-title">{t('past.title', { at: call.startedAt })}</h3>
      <FormError error={error} />
      <dl className="call-facts">
        <dt>{t('past.status')}</dt>
        <dd>{l.callState(call.state)}</dd>
        <dt>{t('past.caller')}</dt>
        <dd>{l.caller(call)}</dd>
        <dt>{t('past.caseNumber')}</dt>
        <dd>{call.caseNumber ?? '—'}</dd>
        <dt>{t('past.disposition')}</dt>
        <dd>{dispositionsText(dispositions, call.disposition, call.additionalDispositions) || '—'}</dd>
        <dt>{t('past.followUpDate')}</dt>
        <dd>{call.followUpDate ? t('past.followUpOn', { day: call.followUpDate }) : '—'}</dd>
        <dt>{t('past.operator')}</dt>
        <dd>{call.operatorName}</dd>
      </dl>
      <h4>{t('past.notes')}</h4>
      <pre className="call-notes__readonly">{maskSsns(call.notes) || t('past.noNotes')}</pre>
      <Timeline entries={call.timeline} />
      <div className="actions">
        <button type="button" className="button" onClick={() => void copy()}>
          {t('past.copy')}
        </button>
        <button type="button" className="button" onClick={() => void download()}>
          {t('past.export')}
        </button>
        <button type="button" className="button button--quiet" onClick={onClose}>
          {t('past.close')}
        </button>
      </div>
      {summary ? (
        <>
          <label htmlFor="summary-text" className="field__label">
            {t('past.summaryText')}
          </label>
          <textarea id="summary-text" className="input input--area" readOnly value={summary.text} rows={12} data-testid="summary-text" />
        </>
      ) : null}
    </section>
  );
}

/** Past calls by date, caller, case number and disposition; each opens read-only. */
export function CallHistory() {
  const t = useStrings('call');
  const l = useLabels();
  const invoke = useInvoke();
  const announce = useAnnounce();
  const dispositions = useDispositions();
  const [q, setQ] = useState({ from: '', to: '', caller: '', caseNumber: '', disposition: '' });
  const [rows, setRows] = useState<CallListItem[] | null>(null);
  const [error, setError] = useState<DeskErrorShape | null>(null);
  const [open, setOpen] = useState<CallView | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  const search = async (e?: FormEvent, quiet = false) => {
    e?.preventDefault();
    const r = await invoke('app:call.history.search', q);
    if (!r.ok) {
      setError(r.error);
      return;
    }
    setError(null);
    setRows(r.value);
    if (!quiet) announce(t('history.found', { count: r.value.length }));
  };
  // The latest calls are there without asking, and again when the open call changes (with the filters as they stand);
  // only a search the rep runs is announced.
  const callId = useCall().call?.id ?? null;
  const latestSearch = useRef(search);
  latestSearch.current = search;
  useEffect(() => {
    void latestSearch.current(undefined, true);
  }, [callId]);
  const view = async (id: string) => {
    const r = await invoke('app:call.history.get', { callId: id });
    if (r.ok) setOpen(r.value.call);
    else setError(r.error);
  };
  const set = (k: keyof typeof q) => (e: { target: { value: string } }) => setQ((s) => ({ ...s, [k]: e.target.value }));

  return (
    <section className="card" aria-labelledby="history-title" data-testid="call-history">
      <h2 id="history-title" ref={heading} tabIndex={-1}>
        {t('history.title')}
      </h2>
      <form onSubmit={search} noValidate aria-label={t('history.search')}>
        <FormError error={error} />
        <div className="form-grid">
          <DateField label={t('history.from')} value={q.from} onChange={set('from')} error={fieldError(error, 'from')} />
          <DateField label={t('history.to')} value={q.to} onChange={set('to')} error={fieldError(error, 'to')} />
          <TextField label={t('history.caller')} hint={t('history.callerHint')} value={q.caller} onChange={set('caller')} autoComplete="off" />
          <TextField label={t('history.caseNumber')} value={q.caseNumber} onChange={set('caseNumber')} autoComplete="off" />
          <SelectField label={t('history.disposition')} value={q.disposition} onChange={set('disposition')}>
            <option value="">{t('history.any')}</option>
            {dispositions.map((d) => (
              <option key={d.code} value={d.code}>
                {d.label}
              </option>
            ))}
          </SelectField>
        </div>
        <div className="actions">
          <button type="submit" className="button">
            {t('history.submit')}
          </button>
        </div>
      </form>
      {rows ? (
        rows.length === 0 ? (
          <p className="muted">{t('history.none')}</p>
        ) : (
          <table className="table" data-testid="history-results">
            <caption className="visually-hidden">{t('history.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('history.started')}</th>
                <th scope="col">{t('history.caller')}</th>
                <th scope="col">{t('history.caseNumber')}</th>
                <th scope="col">{t('history.status')}</th>
                <th scope="col">{t('history.disposition')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('history.open')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td>{t('history.startedAt', { at: r.startedAt })}</td>
                  <td>{r.callerName ? t('history.callerNamed', { type: l.callerType(r.callerType), name: r.callerName }) : l.callerType(r.callerType)}</td>
                  <td>{r.caseNumber ?? ''}</td>
                  <td>{l.callState(r.state)}</td>
                  <td>{dispositionsText(dispositions, r.disposition, r.additionalDispositions)}</td>
                  <td>
                    <button type="button" className="button" onClick={() => void view(r.id)}>
                      {t('history.open')}
                      <span className="visually-hidden">{t('history.openWhich', { at: r.startedAt })}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )
      ) : null}
      {open ? (
        <PastCall
          key={open.id}
          call={open}
          onClose={() => {
            setOpen(null);
            heading.current?.focus();
          }}
        />
      ) : null}
    </section>
  );
}

import { useEffect, useRef, useState, type FormEvent } from 'react';
import { callerTypeLabels } from '../../../../shared/common/calls/callerTypes';
import { dispositionLabel } from '../../../../shared/common/calls/dispositions';
import { maskSsns } from '../../../../shared/common/calls/notes';
import { callStateLabels, describeCaller } from '../../../../shared/common/calls/session';
import type { CallListItem, CallView } from '../../../../shared/common/calls/view';
import type { DeskErrorShape } from '../../../../shared/common/errors';
import { useInvoke } from '../../ipc/desk';
import { useAnnounce } from '../../ui/Announcer';
import { SelectField, TextField } from '../../ui/Field';
import { DateField } from '../../ui/DateField';
import { fieldError, FormError } from '../../ui/FormError';
import { useCall, useDispositions } from './callStore';
import { Timeline } from './Timeline';

function PastCall({ call, onClose }: { call: CallView; onClose: () => void }) {
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
      announce('Call summary copied.');
    } catch {
      announce('Copying is not allowed here; the summary is shown below to select and copy.');
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
    announce(`Summary saved as ${s.fileName}.`);
  };
  return (
    <section className="card" aria-labelledby="past-title" data-testid="past-call">
      <h3 id="past-title">Call of {new Date(call.startedAt).toLocaleString()} (read-only)</h3>
      <FormError error={error} />
      <dl className="call-facts">
        <dt>Status</dt>
        <dd>{callStateLabels[call.state]}</dd>
        <dt>Caller</dt>
        <dd>{describeCaller(call)}</dd>
        <dt>Case number</dt>
        <dd>{call.caseNumber ?? '—'}</dd>
        <dt>Disposition</dt>
        <dd>{dispositionLabel(dispositions, call.disposition) || '—'}</dd>
        <dt>Follow-up date</dt>
        <dd>{call.followUpDate ?? '—'}</dd>
        <dt>Operator</dt>
        <dd>{call.operatorName}</dd>
      </dl>
      <h4>Notes</h4>
      <pre className="call-notes__readonly">{maskSsns(call.notes) || '(no notes)'}</pre>
      <Timeline entries={call.timeline} />
      <div className="actions">
        <button type="button" className="button" onClick={() => void copy()}>
          Copy summary
        </button>
        <button type="button" className="button" onClick={() => void download()}>
          Export as text file
        </button>
        <button type="button" className="button button--quiet" onClick={onClose}>
          Close
        </button>
      </div>
      {summary ? (
        <>
          <label htmlFor="summary-text" className="field__label">
            Summary text
          </label>
          <textarea id="summary-text" className="input input--area" readOnly value={summary.text} rows={12} data-testid="summary-text" />
        </>
      ) : null}
    </section>
  );
}

/** Past calls by date, caller, case number and disposition; each opens read-only. */
export function CallHistory() {
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
    if (!quiet) announce(`${r.value.length} ${r.value.length === 1 ? 'call' : 'calls'} found.`);
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
        Call history
      </h2>
      <form onSubmit={search} noValidate aria-label="Search past calls">
        <FormError error={error} />
        <div className="form-grid">
          <DateField label="From" value={q.from} onChange={set('from')} error={fieldError(error, 'from')} />
          <DateField label="To" value={q.to} onChange={set('to')} error={fieldError(error, 'to')} />
          <TextField label="Caller" hint="Name or callback number" value={q.caller} onChange={set('caller')} autoComplete="off" />
          <TextField label="Case number" value={q.caseNumber} onChange={set('caseNumber')} autoComplete="off" />
          <SelectField label="Disposition" value={q.disposition} onChange={set('disposition')}>
            <option value="">Any</option>
            {dispositions.map((d) => (
              <option key={d.code} value={d.code}>
                {d.label}
              </option>
            ))}
          </SelectField>
        </div>
        <div className="actions">
          <button type="submit" className="button">
            Search calls
          </button>
        </div>
      </form>
      {rows ? (
        rows.length === 0 ? (
          <p className="muted">No calls match.</p>
        ) : (
          <table className="table" data-testid="history-results">
            <caption className="visually-hidden">Past calls, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Started</th>
                <th scope="col">Caller</th>
                <th scope="col">Case number</th>
                <th scope="col">Status</th>
                <th scope="col">Disposition</th>
                <th scope="col">
                  <span className="visually-hidden">Open</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td>{new Date(r.startedAt).toLocaleString()}</td>
                  <td>
                    {callerTypeLabels[r.callerType]}
                    {r.callerName ? `: ${r.callerName}` : ''}
                  </td>
                  <td>{r.caseNumber ?? ''}</td>
                  <td>{callStateLabels[r.state]}</td>
                  <td>{dispositionLabel(dispositions, r.disposition)}</td>
                  <td>
                    <button type="button" className="button" onClick={() => void view(r.id)}>
                      Open<span className="visually-hidden"> call of {new Date(r.startedAt).toLocaleString()}</span>
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

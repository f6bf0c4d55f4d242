import { useCallback, useEffect, useRef, useState } from 'react';
import { circumstanceLabel } from '../../../../shared/common/ese';
import { outboxStateLabels, outboxStates, type IntakeDetail, type IntakeRow, type OutboxState } from '../../../../shared/common/ese/contract';
import type { DeskErrorShape } from '../../../../shared/common/errors';
import { useDeskEvent, useInvoke } from '../../ipc/desk';
import { useAnnounce } from '../../ui/Announcer';
import { SelectField, TextField } from '../../ui/Field';
import { downloadText } from '../../ui/download';
import { FormError } from '../../ui/FormError';

function when(iso: string | null): string {
  return iso ? new Date(iso).toLocaleString() : '—';
}

const download = (filename: string, content: string) => downloadText(filename, content, 'message/rfc822');

export function OutboxPanel({ refreshKey }: { refreshKey: number }) {
  const invoke = useInvoke();
  const announce = useAnnounce();
  const [rows, setRows] = useState<IntakeRow[]>([]);
  const [state, setState] = useState<OutboxState | ''>('');
  const [search, setSearch] = useState('');
  const [flushed, setFlushed] = useState<string | null>(null);
  const [error, setError] = useState<DeskErrorShape | null>(null);
  const [open, setOpen] = useState<IntakeDetail | null>(null);

  const load = useCallback(async () => {
    const r = await invoke('app:ese.intake.list', {
      ...(state ? { state } : {}),
      ...(search.trim() ? { search: search.trim() } : {}),
    });
    if (r.ok) setRows(r.value);
    else setError(r.error);
  }, [invoke, state, search]);

  useEffect(() => {
    void load();
  }, [load, refreshKey]);

  useDeskEvent('app:ese.outbox.changed', (p) => {
    void load();
    if (p.state === 'sent') announce(`${p.reference} forwarded to the ESE mailbox.`);
    else if (p.state === 'failed') announce(`${p.reference} failed: ${p.lastError ?? 'no reason given'}`, 'assertive');
  });

  async function resend(row: IntakeRow) {
    const r = await invoke('app:ese.outbox.resend', { id: row.id });
    if (!r.ok) return setError(r.error);
    setError(null);
    announce(`${row.reference} is back in the queue.`);
    void load();
  }

  async function exportEml(row: IntakeRow) {
    const r = await invoke('app:ese.outbox.export', { id: row.id });
    if (!r.ok) return setError(r.error);
    download(r.value.filename, r.value.eml);
    announce(`${r.value.filename} exported.`);
  }

  async function view(row: IntakeRow) {
    const r = await invoke('app:ese.intake.get', { id: row.id });
    if (!r.ok) return setError(r.error);
    setOpen(r.value);
  }

  async function flush() {
    const r = await invoke('app:ese.outbox.flush', {});
    if (!r.ok) return setError(r.error);
    const said = r.value.skipped ?? `Tried ${r.value.attempted}: ${r.value.sent} sent, ${r.value.queued} waiting, ${r.value.failed} failed.`;
    // Shown beside the button as well as announced: the answer stays for a rep who looked away.
    setFlushed(said);
    announce(said);
    void load();
  }

  return (
    <section aria-labelledby="ese-outbox-title">
      <h2 id="ese-outbox-title">Forwarded intakes and outbox</h2>
      <FormError error={error} />
      <div className="form-grid ese-filters" role="search" aria-label="Filter forwarded intakes">
        <SelectField label="Status" value={state} onChange={(e) => setState(e.target.value as OutboxState | '')}>
          <option value="">All</option>
          {outboxStates.map((s) => (
            <option key={s} value={s}>
              {outboxStateLabels[s]}
            </option>
          ))}
        </SelectField>
        <TextField label="Reference or name" value={search} onChange={(e) => setSearch(e.target.value)} autoComplete="off" />
      </div>
      <div className="actions">
        <button type="button" className="button" onClick={() => void flush()} aria-describedby={flushed ? 'ese-flush-result' : undefined}>
          Send waiting messages now
        </button>
        {flushed ? (
          <p id="ese-flush-result" className="muted" data-testid="ese-flush-result">
            {flushed}
          </p>
        ) : null}
      </div>
      <table className="table ese-table" data-testid="ese-outbox">
        <caption className="visually-hidden">ESE intakes forwarded from this desk, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Reference</th>
            <th scope="col">Resident</th>
            <th scope="col">Circumstance</th>
            <th scope="col">Submitted</th>
            <th scope="col">Status</th>
            <th scope="col">Forwarded on</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={7}>No forwarded intakes match.</td>
            </tr>
          ) : (
            rows.map((r) => (
              <tr key={r.id} data-testid={`ese-row-${r.reference}`}>
                <th scope="row">
                  {r.reference}
                  {r.legacyDireNeed ? <span className="status-pill ese-pill">Marked Dire Need when taken</span> : null}
                </th>
                <td>{r.residentName}</td>
                <td>{circumstanceLabel(r.circumstance)}</td>
                <td>{when(r.submittedAt)}</td>
                <td>
                  <span className={`status-pill ${r.outbox.state === 'sent' ? 'status-pill--ok' : r.outbox.state === 'failed' ? 'status-pill--bad' : 'status-pill--warn'}`}>
                    {outboxStateLabels[r.outbox.state]}
                  </span>
                  <div className="muted">attempts {r.outbox.attempts}</div>
                  {r.outbox.lastError && r.outbox.state !== 'sent' ? <div className="field__error">{r.outbox.lastError}</div> : null}
                </td>
                <td>{when(r.outbox.sentAt)}</td>
                <td>
                  <div className="ese-row-actions">
                    <button type="button" className="button" onClick={() => void view(r)} aria-label={`View ${r.reference}`}>
                      View
                    </button>
                    {/* A waiting message goes by itself; only a failed one needs the rep (a sent one is exported, not sent twice). */}
                    {r.outbox.state === 'failed' ? (
                      <button type="button" className="button" onClick={() => void resend(r)} aria-label={`Resend ${r.reference}`}>
                        Resend
                      </button>
                    ) : null}
                    <button type="button" className="button" onClick={() => void exportEml(r)} aria-label={`Export ${r.reference} as .eml`}>
                      Export .eml
                    </button>
                  </div>
                </td>
              </tr>
            ))
          )}
        </tbody>
      </table>
      {open ? <IntakeView detail={open} onClose={() => setOpen(null)} /> : null}
    </section>
  );
}

function IntakeView({ detail, onClose }: { detail: IntakeDetail; onClose: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  // Focus once per opened intake, not on every re-render (the list reloads on outbox events).
  useEffect(() => heading.current?.focus(), [detail.id]);
  return (
    <section className="card ese-view" aria-labelledby="ese-view-title" data-testid="ese-view">
      <h3 id="ese-view-title" tabIndex={-1} ref={heading}>
        {detail.reference}: the message as forwarded
      </h3>
      <pre className="ese-body">{detail.body}</pre>
      <div className="actions">
        <button type="button" className="button" onClick={onClose}>
          Close
        </button>
      </div>
    </section>
  );
}

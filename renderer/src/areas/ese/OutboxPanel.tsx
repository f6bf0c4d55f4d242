import { useCallback, useEffect, useRef, useState } from 'react';
import { useLabels } from '../../app/useLabels';
import { circumstanceLabel } from '../../../../shared/common/ese';
import { outboxStates, type IntakeDetail, type IntakeRow, type OutboxState } from '../../../../shared/common/ese/contract';
import type { DeskErrorShape } from '../../../../shared/common/errors';
import { useDeskEvent, useInvoke } from '../../ipc/desk';
import { useAnnounce } from '../../ui/Announcer';
import { SelectField, TextField } from '../../ui/Field';
import { downloadText } from '../../ui/download';
import { FormError } from '../../ui/FormError';
import { formatInstant as when } from '../../../../shared/common/format';
import { useStrings } from '../../i18n';

const download = (filename: string, content: string) => downloadText(filename, content, 'message/rfc822');

export function OutboxPanel({ refreshKey }: { refreshKey: number }) {
  const t = useStrings('ese');
  const l = useLabels();
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
    if (p.state === 'sent') announce(t('outbox.sent', { reference: p.reference }));
    else if (p.state === 'failed') announce(t('outbox.failed', { reference: p.reference, why: p.lastError ?? t('outbox.noReason') }), 'assertive');
  });

  async function resend(row: IntakeRow) {
    const r = await invoke('app:ese.outbox.resend', { id: row.id });
    if (!r.ok) return setError(r.error);
    setError(null);
    announce(t('outbox.requeued', { reference: row.reference }));
    void load();
  }

  async function exportEml(row: IntakeRow) {
    const r = await invoke('app:ese.outbox.export', { id: row.id });
    if (!r.ok) return setError(r.error);
    download(r.value.filename, r.value.eml);
    announce(t('outbox.exported', { file: r.value.filename }));
  }

  async function view(row: IntakeRow) {
    const r = await invoke('app:ese.intake.get', { id: row.id });
    if (!r.ok) return setError(r.error);
    setOpen(r.value);
  }

  async function flush() {
    const r = await invoke('app:ese.outbox.flush', {});
    if (!r.ok) return setError(r.error);
    const said = r.value.skipped ?? t('outbox.flushed', { attempted: r.value.attempted, sent: r.value.sent, queued: r.value.queued, failed: r.value.failed });
    // Shown beside the button as well as announced: the answer stays for a rep who looked away.
    setFlushed(said);
    announce(said);
    void load();
  }

  return (
    <section aria-labelledby="ese-outbox-title">
      <h2 id="ese-outbox-title">{t('outbox.title')}</h2>
      <FormError error={error} />
      <div className="form-grid ese-filters" role="search" aria-label={t('outbox.filter')}>
        <SelectField label={t('outbox.status')} value={state} onChange={(e) => setState(e.target.value as OutboxState | '')}>
          <option value="">{t('outbox.all')}</option>
          {outboxStates.map((s) => (
            <option key={s} value={s}>
              {l.outboxState(s)}
            </option>
          ))}
        </SelectField>
        <TextField label={t('outbox.search')} value={search} onChange={(e) => setSearch(e.target.value)} autoComplete="off" />
      </div>
      <div className="actions">
        <button type="button" className="button" onClick={() => void flush()} aria-describedby={flushed ? 'ese-flush-result' : undefined}>
          {t('outbox.flush')}
        </button>
        {flushed ? (
          <p id="ese-flush-result" className="muted" data-testid="ese-flush-result">
            {flushed}
          </p>
        ) : null}
      </div>
      <table className="table ese-table" data-testid="ese-outbox">
        <caption className="visually-hidden">{t('outbox.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('outbox.reference')}</th>
            <th scope="col">{t('outbox.resident')}</th>
            <th scope="col">{t('outbox.circumstance')}</th>
            <th scope="col">{t('outbox.submitted')}</th>
            <th scope="col">{t('outbox.status')}</th>
            <th scope="col">{t('outbox.forwardedOn')}</th>
            <th scope="col">{t('outbox.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={7}>{t('outbox.none')}</td>
            </tr>
          ) : (
            rows.map((r) => (
              <tr key={r.id} data-testid={`ese-row-${r.reference}`}>
                <th scope="row">
                  {r.reference}
                  {r.legacyDireNeed ? <span className="status-pill ese-pill">{t('outbox.direNeed')}</span> : null}
                </th>
                <td>{r.residentName}</td>
                <td>{circumstanceLabel(r.circumstance)}</td>
                <td>{when(r.submittedAt)}</td>
                <td>
                  <span className={`status-pill ${r.outbox.state === 'sent' ? 'status-pill--ok' : r.outbox.state === 'failed' ? 'status-pill--bad' : 'status-pill--warn'}`}>
                    {l.outboxState(r.outbox.state)}
                  </span>
                  <div className="muted">{t('outbox.attempts', { count: r.outbox.attempts })}</div>
                  {r.outbox.lastError && r.outbox.state !== 'sent' ? <div className="field__error">{r.outbox.lastError}</div> : null}
                </td>
                <td>{when(r.outbox.sentAt)}</td>
                <td>
                  <div className="ese-row-actions">
                    <button type="button" className="button" onClick={() => void view(r)} aria-label={t('outbox.viewNamed', { reference: r.reference })}>
                      {t('outbox.view')}
                    </button>
                    {/* A waiting message goes by itself; only a failed one needs the rep (a sent one is exported, not sent twice). */}
                    {r.outbox.state === 'failed' ? (
                      <button type="button" className="button" onClick={() => void resend(r)} aria-label={t('outbox.resendNamed', { reference: r.reference })}>
                        {t('outbox.resend')}
                      </button>
                    ) : null}
                    <button type="button" className="button" onClick={() => void exportEml(r)} aria-label={t('outbox.exportEmlNamed', { reference: r.reference })}>
                      {t('outbox.exportEml')}
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
  const t = useStrings('ese');
  const heading = useRef<HTMLHeadingElement>(null);
  // Focus once per opened intake, not on every re-render (the list reloads on outbox events).
  useEffect(() => heading.current?.focus(), [detail.id]);
  return (
    <section className="card ese-view" aria-labelledby="ese-view-title" data-testid="ese-view">
      <h3 id="ese-view-title" tabIndex={-1} ref={heading}>
        {t('outbox.asForwarded', { reference: detail.reference })}
      </h3>
      <pre className="ese-body">{detail.body}</pre>
      <div className="actions">
        <button type="button" className="button" onClick={onClose}>
          {t('outbox.close')}
        </button>
      </div>
    </section>
  );
}

import { useEffect, useRef, useState } from 'react';
import type { z } from 'zod';
import type { ImportReportSchema } from '../../../../shared/common/match/contract';
import { useDeskEvent, useInvoke } from '../../ipc/desk';
import { useAnnounce } from '../../ui/Announcer';
import { SelectField } from '../../ui/Field';
import { useStrings } from '../../i18n';

type Report = z.infer<typeof ImportReportSchema>;
/** Bytes read per chunk: the decoded text stays under the 1 MB a chunk may carry. */
const CHUNK_BYTES = 512 * 1024;

/**
 * Refresh the cache from a members.csv or associations.csv extract: the file is read
 * here in pieces and sent in chunks; the desk checks every row as it arrives and writes
 * nothing until the whole file is in, then all or nothing. Cancel works while it writes
 * too, and leaves the cache as it was.
 */
export function ImportPanel() {
  const t = useStrings('match');
  const invoke = useInvoke();
  const announce = useAnnounce();
  const [kind, setKind] = useState<'members' | 'associations'>('members');
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<{ sent: number; total: number; rows: number; phase: string } | null>(null);
  const [report, setReport] = useState<Report | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const cancelled = useRef(false);
  // The outcome shows beside the Import button, and is brought into view there: the panel sits below the lookup's results.
  const outcome = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (report || message) outcome.current?.scrollIntoView({ block: 'nearest' });
  }, [report, message]);
  const importId = useRef<string | null>(null);

  useDeskEvent('app:match.importProgress', (p) => {
    if (p.importId !== importId.current) return;
    setProgress((old) => (old ? { ...old, rows: p.rows, phase: p.phase } : old));
  });

  async function start() {
    if (!file) {
      setMessage(t('import.chooseFile'));
      return;
    }
    cancelled.current = false;
    setReport(null);
    setMessage(null);
    const begin = await invoke('app:match.importBegin', { kind, skipInvalid, fileName: file.name, totalBytes: file.size });
    if (!begin.ok) {
      setMessage(begin.error.message);
      return;
    }
    importId.current = begin.value.importId;
    setProgress({ sent: 0, total: file.size, rows: 0, phase: 'upload' });
    announce(t('import.importing', { file: file.name }));
    const decoder = new TextDecoder('utf-8');
    for (let offset = 0; offset < file.size; offset += CHUNK_BYTES) {
      if (cancelled.current) return;
      const bytes = await file.slice(offset, offset + CHUNK_BYTES).arrayBuffer();
      const text = decoder.decode(bytes, { stream: offset + CHUNK_BYTES < file.size });
      const r = await invoke('app:match.importChunk', { importId: begin.value.importId, text });
      if (!r.ok) {
        setMessage(r.error.message);
        await invoke('app:match.importCancel', { importId: begin.value.importId });
        setProgress(null);
        return;
      }
      setProgress({ sent: Math.min(file.size, offset + CHUNK_BYTES), total: file.size, rows: r.value.rows, phase: 'upload' });
    }
    if (cancelled.current) return;
    setProgress((p) => (p ? { ...p, phase: 'write' } : p));
    const done = await invoke('app:match.importCommit', { importId: begin.value.importId });
    // Cancelled during the write: the desk stopped it and wrote nothing; cancel() has said so.
    if (cancelled.current) return;
    importId.current = null;
    setProgress(null);
    if (!done.ok) {
      setMessage(done.error.message);
      announce(t('import.failed'), 'assertive');
      return;
    }
    setReport(done.value);
    announce(
      done.value.committed
        ? t('import.finished', { inserted: done.value.inserted, updated: done.value.updated, unchanged: done.value.unchanged, invalid: done.value.invalid })
        : t('import.nothingAnnounced', { count: done.value.invalid }),
      done.value.committed ? 'polite' : 'assertive',
    );
  }

  async function cancel() {
    cancelled.current = true;
    const id = importId.current;
    importId.current = null;
    setProgress(null);
    if (id) await invoke('app:match.importCancel', { importId: id });
    setMessage(t('import.cancelled'));
    announce(t('import.cancelled'));
  }

  return (
    <section aria-labelledby="match-import-title" className="card">
      <h2 id="match-import-title">{t('import.title')}</h2>
      <p className="muted">{t('import.intro')}</p>
      <div className="form-grid">
        <SelectField label={t('import.extract')} value={kind} onChange={(e) => setKind(e.target.value as 'members' | 'associations')}>
          <option value="members">{t('import.members')}</option>
          <option value="associations">{t('import.associations')}</option>
        </SelectField>
        <div className="field">
          <label htmlFor="match-import-file" className="field__label">
            {t('import.file')}
          </label>
          <input id="match-import-file" className="input" type="file" accept=".csv,text/csv" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </div>
        <div className="field">
          <label className="field__label">
            <input type="checkbox" checked={skipInvalid} onChange={(e) => setSkipInvalid(e.target.checked)} /> {t('import.skipInvalid')}
          </label>
        </div>
      </div>
      <div className="actions">
        <button type="button" className="button button--primary" onClick={start} disabled={Boolean(progress)}>
          {t('import.start')}
        </button>
        {progress ? (
          <button type="button" className="button button--danger" onClick={cancel}>
            {t('import.cancel')}
          </button>
        ) : null}
      </div>
      {progress ? (
        <div>
          <label htmlFor="match-import-progress">
            {progress.phase === 'write' ? t('import.writing', { count: progress.rows }) : t('import.checking', { rows: progress.rows })}
          </label>
          <progress id="match-import-progress" max={progress.total || 1} value={progress.phase === 'write' ? undefined : progress.sent} />
        </div>
      ) : null}
      <div ref={outcome}>
        {message ? <p className="notice notice--info">{message}</p> : null}
        {report ? (
          <div className={`notice ${report.committed ? 'notice--ok' : 'notice--error'}`} data-testid="import-report">
            <p>
              {report.committed
                ? t('import.imported', { count: report.rows, inserted: report.inserted, updated: report.updated, unchanged: report.unchanged, invalid: report.invalid })
                : t('import.nothing', { count: report.invalid })}
            </p>
            {report.issues.length ? (
              <table className="table">
                <caption>{t('import.badRows')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('import.line')}</th>
                    <th scope="col">{t('import.column')}</th>
                    <th scope="col">{t('import.problem')}</th>
                  </tr>
                </thead>
                <tbody>
                  {report.issues.slice(0, 50).map((i) => (
                    <tr key={`${i.line}-${i.column}`}>
                      <td>{i.line}</td>
                      <td>{i.column}</td>
                      <td>{i.reason}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : null}
          </div>
        ) : null}
      </div>
    </section>
  );
}

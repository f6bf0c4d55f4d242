import { useEffect, useRef, useState } from 'react';
import { useLabels } from '../../app/useLabels';
import { Cited } from '../../ui/Cited';
import type { SessionView } from '../../../../shared/common/association/contract';
import { useStrings } from '../../i18n';
import { useDeskEvent, useInvoke } from '../../ipc/desk';
import { useAnnounce } from '../../ui/Announcer';
import { downloadText } from '../../ui/download';

/** How the last association ended, with what to say or do next. */
export function EndedPanel({ session }: { session: SessionView }) {
  const t = useStrings('association');
  const l = useLabels();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [session.id]);
  if (!session.end) return null;
  const ok = session.end.reason === 'associated';
  return (
    <section className={`card assoc-ended ${ok ? 'assoc-ended--ok' : ''}`} aria-labelledby="ended-title" data-testid="assoc-ended">
      <h2 id="ended-title" ref={heading} tabIndex={-1}>
        {t(`ended.titles.${session.end.reason}`)}
      </h2>
      {session.end.text ? (
        <p className="muted" data-testid="assoc-ended-language">
          {t('ended.readIn', { language: l.callLanguage(session.end.text.locale) })}
        </p>
      ) : null}
      {/* A caller text is in the call's language: lang lets a screen reader switch voice; the rep's own words stay English. */}
      {session.end.guidance.length > 1 ? (
        <ul lang={session.end.text?.locale} data-testid="assoc-ended-text">
          {/* A catalogue text shows its words exactly as recorded (and hashed); other guidance without its references. */}
          {session.end.guidance.map((g) => (
            <li key={g}>{session.end!.text ? g : <Cited text={g} />}</li>
          ))}
        </ul>
      ) : (
        <p className={ok ? 'assoc-script__text' : ''} lang={session.end.text?.locale} data-testid="assoc-ended-text">
          {session.end.text ? session.end.guidance[0] : <Cited text={session.end.guidance[0] ?? ''} />}
        </p>
      )}
    </section>
  );
}

type Summary = {
  id: string;
  createdAt: string;
  outcome: 'accepted' | 'refused';
  method: 'electronic' | 'verbal';
  clientName: string;
  agentName: string | null;
  organization: string | null;
  caseNumber: string | null;
};

/** Consent records (append-only: no delete here), each exportable as FHIR R4 JSON. */
export function RecordsPanel() {
  const t = useStrings('association');
  const invoke = useInvoke();
  const announce = useAnnounce();
  const [rows, setRows] = useState<Summary[]>([]);
  const load = () => void invoke('app:association.records', { limit: 20 }).then((r) => r.ok && setRows(r.value));
  useEffect(load, [invoke]);
  useDeskEvent('app:association.changed', load);
  useDeskEvent('app:partner.changed', load);
  const exportFhir = async (id: string) => {
    const r = await invoke('app:association.recordFhir', { recordId: id });
    if (!r.ok) return announce(r.error.message, 'assertive');
    downloadText(r.value.fileName, r.value.json, 'application/fhir+json');
    announce(t('records.exported', { file: r.value.fileName }));
  };
  return (
    <section className="card" aria-labelledby="records-title">
      <h2 id="records-title">{t('records.title')}</h2>
      {rows.length === 0 ? (
        <p className="muted">{t('records.empty')}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('records.when')}</th>
              <th scope="col">{t('records.client')}</th>
              <th scope="col">{t('records.agentOrPartner')}</th>
              <th scope="col">{t('records.case')}</th>
              <th scope="col">{t('records.method')}</th>
              <th scope="col">{t('records.outcome')}</th>
              <th scope="col">{t('records.export')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <td>{t('records.at', { at: r.createdAt })}</td>
                <td>{r.clientName}</td>
                <td>{r.agentName ?? r.organization ?? '—'}</td>
                <td>{r.caseNumber ?? '—'}</td>
                <td>{t(`records.methods.${r.method}`)}</td>
                <td>{t(`records.outcomes.${r.outcome}`)}</td>
                <td>
                  <button type="button" className="button button--quiet" onClick={() => void exportFhir(r.id)} aria-label={t('records.exportNamed', { client: r.clientName })}>
                    {t('records.fhir')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

import { useEffect, useRef, useState } from 'react';
import { Cited } from '../../ui/Cited';
import type { SessionView } from '../../../../shared/common/association/contract';
import { callLanguageLabels } from '../../../../shared/common/calls/language';
import { useDeskEvent, useInvoke } from '../../ipc/desk';
import { useAnnounce } from '../../ui/Announcer';
import { downloadText } from '../../ui/download';

const endTitle: Record<NonNullable<SessionView['end']>['reason'], string> = {
  associated: 'Associated: read this to both parties',
  'training-not-done': 'Stopped: Agent training not completed',
  'client-not-on-line': 'Cannot associate: the client is not on the line',
  'new-applicant': 'New applicant: the Agent starts the application',
  'case-not-certain': 'No association: no case identified with certainty',
  'already-associated': 'Nothing to record: the Agent is already on this case',
  'consent-not-possible': 'No association: consent cannot be completed in this call',
  'consent-refused': 'No association: consent was not given',
  'call-ended': 'No association: the call ended first',
  restarted: 'No association: a new association was started',
};

/** How the last association ended, with what to say or do next. */
export function EndedPanel({ session }: { session: SessionView }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [session.id]);
  if (!session.end) return null;
  const ok = session.end.reason === 'associated';
  return (
    <section className={`card assoc-ended ${ok ? 'assoc-ended--ok' : ''}`} aria-labelledby="ended-title" data-testid="assoc-ended">
      <h2 id="ended-title" ref={heading} tabIndex={-1}>
        {endTitle[session.end.reason]}
      </h2>
      {session.end.text ? (
        <p className="muted" data-testid="assoc-ended-language">
          Read this in {callLanguageLabels[session.end.text.locale]}.
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
    announce(`Exported ${r.value.fileName}.`);
  };
  return (
    <section className="card" aria-labelledby="records-title">
      <h2 id="records-title">Consent records</h2>
      {rows.length === 0 ? (
        <p className="muted">No consent recorded on this desk yet.</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Client</th>
              <th scope="col">Agent or partner</th>
              <th scope="col">Case</th>
              <th scope="col">Method</th>
              <th scope="col">Outcome</th>
              <th scope="col">Export</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <td>{new Date(r.createdAt).toLocaleString()}</td>
                <td>{r.clientName}</td>
                <td>{r.agentName ?? r.organization ?? '—'}</td>
                <td>{r.caseNumber ?? '—'}</td>
                <td>{r.method}</td>
                <td>{r.outcome}</td>
                <td>
                  <button
                    type="button"
                    className="button button--quiet"
                    onClick={() => void exportFhir(r.id)}
                    aria-label={`Export the consent record of ${r.clientName} as FHIR JSON`}
                  >
                    FHIR JSON
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

import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { DeskErrorShape } from '../../../../../shared/common/errors';
import { searchKindLabel, type SearchKind, type SearchResult, type SearchResultDetail } from '../../../../../shared/common/supervisor/search';
import { useInvoke } from '../../../ipc/desk';
import { useAnnounce } from '../../../ui/Announcer';
import { SelectField, TextField } from '../../../ui/Field';
import { DateField } from '../../../ui/DateField';
import { fieldError, FormError } from '../../../ui/FormError';

/**
 * Search across desks (issue 18 §4): what the supervisor asks for, a page of results and
 * one result opened. Main validates, audits and refuses non-supervisors; this only renders.
 */
const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : '—');
const duration = (s: number | null) => (s === null ? '—' : `${Math.floor(s / 60)}:${String(Math.round(s % 60)).padStart(2, '0')}`);

interface Query {
  kind: SearchKind;
  caseNumber: string;
  agent: string;
  from: string;
  to: string;
}

function describeRow(result: SearchResult, i: number): string {
  if (result.kind === 'calls') return `call of ${when(result.rows[i]!.startedAt)}`;
  if (result.kind === 'consents') return `consent record of ${when(result.rows[i]!.createdAt)}`;
  return `association of ${result.rows[i]!.associatedOn}`;
}

function Results({ result, onOpen }: { result: SearchResult; onOpen: (id: string, label: string) => void }) {
  const open = (id: string, i: number) => (
    <button type="button" className="button button--quiet" onClick={() => onOpen(id, describeRow(result, i))} aria-label={`Open ${describeRow(result, i)}`}>
      Open
    </button>
  );
  const caption = <caption className="visually-hidden">{`${searchKindLabel[result.kind]} found, newest first, page ${result.page}`}</caption>;
  if (result.kind === 'calls')
    return (
      <table data-testid="search-results">
        {caption}
        <thead>
          <tr>
            <th scope="col">Started</th>
            <th scope="col">Desk</th>
            <th scope="col">Operator</th>
            <th scope="col">Caller</th>
            <th scope="col">Case number</th>
            <th scope="col">Disposition</th>
            <th scope="col">Handle time</th>
            <th scope="col">Details</th>
          </tr>
        </thead>
        <tbody>
          {result.rows.map((r, i) => (
            <tr key={r.id}>
              <td>{when(r.startedAt)}</td>
              <td>{r.deskName}</td>
              <td>{r.operatorName ?? '—'}</td>
              <td>{r.callerName ? `${r.callerName} (${r.callerType})` : r.callerType}</td>
              <td>{r.caseNumber ?? '—'}</td>
              <td>{r.disposition ?? 'Open'}</td>
              <td>{duration(r.handleSeconds)}</td>
              <td>{open(r.id, i)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    );
  if (result.kind === 'consents')
    return (
      <table data-testid="search-results">
        {caption}
        <thead>
          <tr>
            <th scope="col">Recorded</th>
            <th scope="col">Desk</th>
            <th scope="col">Outcome</th>
            <th scope="col">Method</th>
            <th scope="col">Case number</th>
            <th scope="col">Client</th>
            <th scope="col">Agent (NPN) or organization</th>
            <th scope="col">Details</th>
          </tr>
        </thead>
        <tbody>
          {result.rows.map((r, i) => (
            <tr key={r.id}>
              <td>{when(r.createdAt)}</td>
              <td>{r.deskName}</td>
              <td>{r.outcome === 'accepted' ? 'Accepted' : 'Refused'}</td>
              <td>{r.method ?? '—'}</td>
              <td>{r.caseNumber ?? '—'}</td>
              <td>{r.clientName ?? '—'}</td>
              <td>{r.agentName ? `${r.agentName} (${r.agentId ?? '—'})` : (r.organization ?? '—')}</td>
              <td>{open(r.id, i)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    );
  return (
    <table data-testid="search-results">
      {caption}
      <thead>
        <tr>
          <th scope="col">Associated on</th>
          <th scope="col">Desk</th>
          <th scope="col">Agent</th>
          <th scope="col">NPN</th>
          <th scope="col">Agency</th>
          <th scope="col">Case number</th>
          <th scope="col">Details</th>
        </tr>
      </thead>
      <tbody>
        {result.rows.map((r, i) => (
          <tr key={r.id}>
            <td>{r.associatedOn}</td>
            <td>{r.deskName}</td>
            <td>{r.agentName}</td>
            <td>{r.agentId}</td>
            <td>{r.agency}</td>
            <td>{r.caseNumber}</td>
            <td>{open(r.id, i)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Detail({ detail, label, onClose }: { detail: SearchResultDetail; label: string; onClose: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [detail]);
  return (
    <section className="card" aria-labelledby="search-detail-title" data-testid="search-detail">
      <h3 id="search-detail-title" ref={heading} tabIndex={-1}>
        {label.charAt(0).toUpperCase() + label.slice(1)}
      </h3>
      {detail.kind === 'calls' && (
        <>
          <dl className="call-facts">
            <dt>Desk</dt>
            <dd>{detail.call.deskName}</dd>
            <dt>Operator</dt>
            <dd>{detail.call.operatorName ?? '—'}</dd>
            <dt>Case number</dt>
            <dd>{detail.call.caseNumber ?? '—'}</dd>
            <dt>Disposition</dt>
            <dd>{detail.call.disposition ?? 'Open'}</dd>
          </dl>
          <h4>Notes</h4>
          <pre className="call-notes__readonly">{detail.notes || '(no notes)'}</pre>
          <h4>Timeline</h4>
          <ol>
            {detail.timeline.map((t, i) => (
              <li key={i}>
                {when(t.at)}: {t.summary}
              </li>
            ))}
          </ol>
        </>
      )}
      {detail.kind === 'consents' && (
        <>
          <dl className="call-facts">
            <dt>Desk</dt>
            <dd>{detail.consent.deskName}</dd>
            <dt>Outcome</dt>
            <dd>{detail.consent.outcome === 'accepted' ? 'Accepted' : `Refused${detail.refusal ? `: ${detail.refusal}` : ''}`}</dd>
            <dt>Method</dt>
            <dd>{detail.consent.method ?? '—'}</dd>
            <dt>Electronic requests sent</dt>
            <dd>{detail.attempts}</dd>
            <dt>Recorded by</dt>
            <dd>{detail.repName ?? '—'}</dd>
          </dl>
          {detail.acknowledgments.length > 0 && (
            <>
              <h4>Acknowledgments</h4>
              <ol>
                {detail.acknowledgments.map((a, i) => (
                  <li key={i}>
                    {a.text} — {a.answer ?? 'no answer'}
                  </li>
                ))}
              </ol>
            </>
          )}
        </>
      )}
      {detail.kind === 'associations' && (
        <dl className="call-facts">
          <dt>Desk</dt>
          <dd>{detail.association.deskName}</dd>
          <dt>Agent</dt>
          <dd>
            {detail.association.agentName} (NPN {detail.association.agentId}), {detail.association.agency}
          </dd>
          <dt>Case number</dt>
          <dd>{detail.association.caseNumber}</dd>
          <dt>Consent record</dt>
          <dd>{detail.consentRecordId}</dd>
        </dl>
      )}
      <div className="actions">
        <button type="button" className="button button--quiet" onClick={onClose}>
          Close
        </button>
      </div>
    </section>
  );
}

export function SupervisorSearch() {
  const invoke = useInvoke();
  const announce = useAnnounce();
  const [q, setQ] = useState<Query>({ kind: 'calls', caseNumber: '', agent: '', from: '', to: '' });
  const [asked, setAsked] = useState<Query | null>(null);
  const [result, setResult] = useState<SearchResult | null>(null);
  const [detail, setDetail] = useState<{ value: SearchResultDetail; label: string } | null>(null);
  const [error, setError] = useState<DeskErrorShape | null>(null);
  const set = (k: keyof Query) => (e: { target: { value: string } }) => setQ({ ...q, [k]: e.target.value });

  const run = async (query: Query, page: number) => {
    setDetail(null);
    // Blank fields are left out: the channel says which one is missing, at that field.
    const fields = (['caseNumber', 'agent', 'from', 'to'] as const).filter((k) => query[k].trim() !== '');
    const request = { kind: query.kind, page, ...Object.fromEntries(fields.map((k) => [k, query[k]])) };
    const r = await invoke('app:supervisor.search', request);
    if (!r.ok) {
      setError(r.error);
      return;
    }
    setError(null);
    setAsked(query);
    setResult(r.value);
    const n = r.value.rows.length;
    announce(`${n} ${n === 1 ? 'result' : 'results'} on page ${r.value.page}${r.value.hasMore ? ', more on the next page' : ''}.`);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(q, 1);
  };
  const openResult = async (id: string, label: string) => {
    if (!result) return;
    const r = await invoke('app:supervisor.searchResult', { kind: result.kind, id });
    if (r.ok) setDetail({ value: r.value, label });
    else setError(r.error);
  };

  return (
    <section className="card" aria-labelledby="search-title" data-testid="supervisor-search">
      <h2 id="search-title">Search across desks</h2>
      <form onSubmit={submit} noValidate aria-label="Search consent records, associations and calls">
        <FormError error={error} />
        <div className="form-grid">
          <SelectField label="Search in" value={q.kind} onChange={set('kind')} error={fieldError(error, 'kind')}>
            {(Object.keys(searchKindLabel) as SearchKind[]).map((k) => (
              <option key={k} value={k}>
                {searchKindLabel[k]}
              </option>
            ))}
          </SelectField>
          <TextField label="Case number" value={q.caseNumber} onChange={set('caseNumber')} error={fieldError(error, 'caseNumber')} hint="The whole case number." />
          <TextField label="Agent" value={q.agent} onChange={set('agent')} error={fieldError(error, 'agent')} hint="The Agent's NPN, or the start of their name." />
          <DateField label="First day" value={q.from} onChange={set('from')} error={fieldError(error, 'from')} />
          <DateField label="Last day" value={q.to} onChange={set('to')} error={fieldError(error, 'to')} hint="Up to 366 days; either day may be left blank." />
        </div>
        <div className="actions">
          <button type="submit" className="button button--primary">
            Search
          </button>
        </div>
      </form>
      {result && asked && (
        <div data-testid="search-page">
          <p data-testid="search-scope">{result.scopeNote}</p>
          <p>
            {result.rows.length === 0
              ? 'Nothing found.'
              : `${searchKindLabel[result.kind]} ${(result.page - 1) * result.pageSize + 1} to ${(result.page - 1) * result.pageSize + result.rows.length}, newest first.`}
          </p>
          {result.rows.length > 0 && <Results result={result} onOpen={(id, label) => void openResult(id, label)} />}
          <nav aria-label="Search result pages" className="actions">
            <button type="button" className="button" disabled={result.page <= 1} onClick={() => void run(asked, result.page - 1)}>
              Previous page
            </button>
            <button type="button" className="button" disabled={!result.hasMore} onClick={() => void run(asked, result.page + 1)}>
              Next page
            </button>
          </nav>
        </div>
      )}
      {detail && <Detail detail={detail.value} label={detail.label} onClose={() => setDetail(null)} />}
    </section>
  );
}

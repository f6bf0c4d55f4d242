import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { DeskErrorShape } from '../../../../../shared/common/errors';
import { searchKindLabel, type SearchKind, type SearchResult, type SearchResultDetail } from '../../../../../shared/common/supervisor/search';
import type { TFunction } from 'i18next';
import { formatClock, formatInstant as when } from '../../../../../shared/common/format';
import { useStrings } from '../../../i18n';
import { useInvoke } from '../../../ipc/desk';
import { useAnnounce } from '../../../ui/Announcer';
import { SelectField, TextField } from '../../../ui/Field';
import { DateField } from '../../../ui/DateField';
import { fieldError, FormError } from '../../../ui/FormError';

/**
 * Search across desks (issue 18 §4): what the supervisor asks for, a page of results and
 * one result opened. Main validates, audits and refuses non-supervisors; this only renders.
 */
type T = TFunction<'supervisor'>;

interface Query {
  kind: SearchKind;
  caseNumber: string;
  agent: string;
  from: string;
  to: string;
}

function describeRow(result: SearchResult, i: number, t: T): string {
  if (result.kind === 'calls') return t('search.callOf', { at: result.rows[i]!.startedAt });
  if (result.kind === 'consents') return t('search.consentOf', { at: result.rows[i]!.createdAt });
  return t('search.associationOf', { day: result.rows[i]!.associatedOn });
}

function Results({ result, onOpen }: { result: SearchResult; onOpen: (id: string, label: string) => void }) {
  const t = useStrings('supervisor');
  const open = (id: string, i: number) => (
    <button
      type="button"
      className="button button--quiet"
      onClick={() => onOpen(id, describeRow(result, i, t))}
      aria-label={t('search.openNamed', { what: describeRow(result, i, t) })}
    >
      {t('search.open')}
    </button>
  );
  const caption = <caption className="visually-hidden">{t('search.caption', { kind: searchKindLabel[result.kind], page: result.page })}</caption>;
  if (result.kind === 'calls')
    return (
      <table data-testid="search-results">
        {caption}
        <thead>
          <tr>
            <th scope="col">{t('search.started')}</th>
            <th scope="col">{t('search.desk')}</th>
            <th scope="col">{t('search.operator')}</th>
            <th scope="col">{t('search.caller')}</th>
            <th scope="col">{t('search.caseNumber')}</th>
            <th scope="col">{t('search.disposition')}</th>
            <th scope="col">{t('search.handleTime')}</th>
            <th scope="col">{t('search.details')}</th>
          </tr>
        </thead>
        <tbody>
          {result.rows.map((r, i) => (
            <tr key={r.id}>
              <td>{when(r.startedAt)}</td>
              <td>{r.deskName}</td>
              <td>{r.operatorName ?? '—'}</td>
              <td>{r.callerName ? t('search.callerWithType', { name: r.callerName, type: r.callerType }) : r.callerType}</td>
              <td>{r.caseNumber ?? '—'}</td>
              <td>{r.disposition ?? t('search.open_state')}</td>
              <td>{formatClock(r.handleSeconds)}</td>
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
            <th scope="col">{t('search.recorded')}</th>
            <th scope="col">{t('search.desk')}</th>
            <th scope="col">{t('search.outcome')}</th>
            <th scope="col">{t('search.method')}</th>
            <th scope="col">{t('search.caseNumber')}</th>
            <th scope="col">{t('search.client')}</th>
            <th scope="col">{t('search.agentOrOrganization')}</th>
            <th scope="col">{t('search.details')}</th>
          </tr>
        </thead>
        <tbody>
          {result.rows.map((r, i) => (
            <tr key={r.id}>
              <td>{when(r.createdAt)}</td>
              <td>{r.deskName}</td>
              <td>{t(r.outcome === 'accepted' ? 'search.accepted' : 'search.refused')}</td>
              <td>{r.method ?? '—'}</td>
              <td>{r.caseNumber ?? '—'}</td>
              <td>{r.clientName ?? '—'}</td>
              <td>{r.agentName ? t('search.agentWithNpn', { name: r.agentName, npn: r.agentId ?? '—' }) : (r.organization ?? '—')}</td>
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
          <th scope="col">{t('search.associatedOn')}</th>
          <th scope="col">{t('search.desk')}</th>
          <th scope="col">{t('search.agent')}</th>
          <th scope="col">{t('search.npn')}</th>
          <th scope="col">{t('search.agency')}</th>
          <th scope="col">{t('search.caseNumber')}</th>
          <th scope="col">{t('search.details')}</th>
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
  const t = useStrings('supervisor');
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
            <dt>{t('search.desk')}</dt>
            <dd>{detail.call.deskName}</dd>
            <dt>{t('search.operator')}</dt>
            <dd>{detail.call.operatorName ?? '—'}</dd>
            <dt>{t('search.caseNumber')}</dt>
            <dd>{detail.call.caseNumber ?? '—'}</dd>
            <dt>{t('search.disposition')}</dt>
            <dd>{detail.call.disposition ?? t('search.open_state')}</dd>
          </dl>
          <h4>{t('search.notes')}</h4>
          <pre className="call-notes__readonly">{detail.notes || t('search.noNotes')}</pre>
          <h4>{t('search.timeline')}</h4>
          <ol>
            {detail.timeline.map((line, i) => (
              <li key={i}>{t('search.timelineLine', { at: line.at, summary: line.summary })}</li>
            ))}
          </ol>
        </>
      )}
      {detail.kind === 'consents' && (
        <>
          <dl className="call-facts">
            <dt>{t('search.desk')}</dt>
            <dd>{detail.consent.deskName}</dd>
            <dt>{t('search.outcome')}</dt>
            <dd>{detail.consent.outcome === 'accepted' ? t('search.accepted') : detail.refusal ? t('search.refusedWhy', { why: detail.refusal }) : t('search.refused')}</dd>
            <dt>{t('search.method')}</dt>
            <dd>{detail.consent.method ?? '—'}</dd>
            <dt>{t('search.requestsSent')}</dt>
            <dd>{detail.attempts}</dd>
            <dt>{t('search.recordedBy')}</dt>
            <dd>{detail.repName ?? '—'}</dd>
          </dl>
          {detail.acknowledgments.length > 0 && (
            <>
              <h4>{t('search.acknowledgments')}</h4>
              <ol>
                {detail.acknowledgments.map((a, i) => (
                  <li key={i}>{t('search.acknowledgment', { text: a.text, answer: a.answer ?? t('search.noAnswer') })}</li>
                ))}
              </ol>
            </>
          )}
        </>
      )}
      {detail.kind === 'associations' && (
        <dl className="call-facts">
          <dt>{t('search.desk')}</dt>
          <dd>{detail.association.deskName}</dd>
          <dt>{t('search.agent')}</dt>
          <dd>{t('search.agentLine', { name: detail.association.agentName, npn: detail.association.agentId, agency: detail.association.agency })}</dd>
          <dt>{t('search.caseNumber')}</dt>
          <dd>{detail.association.caseNumber}</dd>
          <dt>{t('search.consentRecord')}</dt>
          <dd>{detail.consentRecordId}</dd>
        </dl>
      )}
      <div className="actions">
        <button type="button" className="button button--quiet" onClick={onClose}>
          {t('search.close')}
        </button>
      </div>
    </section>
  );
}

export function SupervisorSearch() {
  const t = useStrings('supervisor');
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
    announce(`${t('search.results', { count: n, page: r.value.page })}${r.value.hasMore ? t('search.more') : ''}.`);
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
      <h2 id="search-title">{t('search.title')}</h2>
      <form onSubmit={submit} noValidate aria-label={t('search.form')}>
        <FormError error={error} />
        <div className="form-grid">
          <SelectField label={t('search.kind')} value={q.kind} onChange={set('kind')} error={fieldError(error, 'kind')}>
            {(Object.keys(searchKindLabel) as SearchKind[]).map((k) => (
              <option key={k} value={k}>
                {searchKindLabel[k]}
              </option>
            ))}
          </SelectField>
          <TextField label={t('search.caseNumber')} value={q.caseNumber} onChange={set('caseNumber')} error={fieldError(error, 'caseNumber')} hint={t('search.caseNumberHint')} />
          <TextField label={t('search.agent')} value={q.agent} onChange={set('agent')} error={fieldError(error, 'agent')} hint={t('search.agentHint')} />
          <DateField label={t('search.from')} value={q.from} onChange={set('from')} error={fieldError(error, 'from')} />
          <DateField label={t('search.to')} value={q.to} onChange={set('to')} error={fieldError(error, 'to')} hint={t('search.toHint')} />
        </div>
        <div className="actions">
          <button type="submit" className="button button--primary">
            {t('search.submit')}
          </button>
        </div>
      </form>
      {result && asked && (
        <div data-testid="search-page">
          <p data-testid="search-scope">{result.scopeNote}</p>
          <p>
            {result.rows.length === 0
              ? t('search.nothing')
              : t('search.range', {
                  kind: searchKindLabel[result.kind],
                  first: (result.page - 1) * result.pageSize + 1,
                  last: (result.page - 1) * result.pageSize + result.rows.length,
                })}
          </p>
          {result.rows.length > 0 && <Results result={result} onOpen={(id, label) => void openResult(id, label)} />}
          <nav aria-label={t('search.pages')} className="actions">
            <button type="button" className="button" disabled={result.page <= 1} onClick={() => void run(asked, result.page - 1)}>
              {t('search.previous')}
            </button>
            <button type="button" className="button" disabled={!result.hasMore} onClick={() => void run(asked, result.page + 1)}>
              {t('search.next')}
            </button>
          </nav>
        </div>
      )}
      {detail && <Detail detail={detail.value} label={detail.label} onClose={() => setDetail(null)} />}
    </section>
  );
}

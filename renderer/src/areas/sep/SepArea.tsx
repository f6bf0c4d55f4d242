import { useCallback, useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { DeskErrorShape } from '../../../../shared/common/errors';
import type { SepCalcResult } from '../../../../shared/common/sep/calculator';
import type { SepRuleView, SepSearchHit } from '../../../../shared/common/sep/contract';
import type { SepEventId, SepRule } from '../../../../shared/common/sep/schema';
import { useInvoke } from '../../ipc/desk';
import { useAnnounce } from '../../ui/Announcer';
import { TextField } from '../../ui/Field';
import { DateField } from '../../ui/DateField';
import { Cited } from '../../ui/Cited';
import { FormError, fieldError } from '../../ui/FormError';

const whoDecides: Record<SepRule['determinedBy'], string> = {
  rule: 'The rule (the table)',
  system: 'The system (kynect sets it)',
  committee: 'The special enrollment committee',
};

const docsFor: Record<SepRule['documentation']['appliesTo'], string> = {
  none: 'Verification not required',
  'new-enrollees': 'New enrollees only',
  all: 'Everyone using this SEP',
};

/** Puts text on the clipboard; Electron may refuse the async API, so fall back to a selected textarea. */
async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.className = 'visually-hidden';
    document.body.appendChild(area);
    area.select();
    const ok = document.execCommand('copy');
    area.remove();
    return ok;
  }
}

export function SepArea() {
  const invoke = useInvoke();
  const announce = useAnnounce();
  const search = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<SepSearchHit[]>([]);
  // The query the shown hits answer: a fast typist's Enter must open a hit for what they typed, not for the words before.
  const [hitsFor, setHitsFor] = useState<string | null>(null);
  const [version, setVersion] = useState('');
  const [view, setView] = useState<SepRuleView | null>(null);

  useEffect(() => {
    let stale = false;
    void invoke('app:sep.search', { query, limit: 25 }).then((r) => {
      if (stale || !r.ok) return;
      setHits(r.value.results);
      setHitsFor(query);
      setVersion(r.value.ruleSetVersion);
    });
    return () => {
      stale = true;
    };
  }, [invoke, query]);

  const open = useCallback(
    async (id: SepEventId) => {
      const r = await invoke('app:sep.get', { id });
      if (!r.ok) return;
      setView(r.value);
      announce(`Opened ${r.value.rule.title}.`);
    },
    [invoke, announce],
  );

  const items = () => [...(list.current?.querySelectorAll<HTMLButtonElement>('button.sep-hit') ?? [])];
  const onSearchKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      items()[0]?.focus();
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const typed = e.currentTarget.value;
      if (hitsFor === typed) {
        if (hits[0]) void open(hits[0].id);
        return;
      }
      void invoke('app:sep.search', { query: typed, limit: 25 }).then((r) => {
        if (r.ok && r.value.results[0]) void open(r.value.results[0].id);
      });
    }
  };
  const onListKey = (e: KeyboardEvent<HTMLUListElement>) => {
    const all = items();
    const at = all.indexOf(document.activeElement as HTMLButtonElement);
    if (at < 0) return;
    const to = e.key === 'ArrowDown' ? at + 1 : e.key === 'ArrowUp' ? at - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? all.length - 1 : null;
    if (to === null) return;
    e.preventDefault();
    if (to < 0) search.current?.focus();
    else all[Math.min(to, all.length - 1)]?.focus();
  };

  return (
    <div className="sep">
      <div className="sep__search">
        <TextField
          label="Search qualifying events"
          hint={
            <>
              Everyday words work, in English or in the caller’s Spanish: “lost my job”, <span lang="es">“perdí mi trabajo”</span> (accents optional). Press <kbd>/</kbd> to come
              back here, <kbd>↓</kbd> for the results.
            </>
          }
          type="search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={onSearchKey}
          autoComplete="off"
          aria-controls="sep-results"
          data-sep-search=""
          data-area-start=""
          {...{ ref: search }}
        />
        <p className="muted sep__count" role="status">
          {hits.length === 0 ? 'No qualifying event matches those words.' : `${hits.length} event${hits.length === 1 ? '' : 's'}`}
          {version ? ` · rule set ${version}` : ''}
        </p>
        <ul className="sep__results" id="sep-results" aria-label="Qualifying events" ref={list} onKeyDown={onListKey}>
          {hits.map((h) => (
            <li key={h.id}>
              <button
                type="button"
                className={`sep-hit${view?.rule.id === h.id ? ' sep-hit--open' : ''}`}
                aria-current={view?.rule.id === h.id ? 'true' : undefined}
                onClick={() => void open(h.id)}
              >
                <span className="sep-hit__title">{h.title}</span>
                <span className="sep-hit__meta">
                  {h.categoryTitle}
                  {h.determinedBy === 'committee' ? ' · committee decides' : ''}
                </span>
              </button>
            </li>
          ))}
        </ul>
      </div>
      {view ? <SepDetail key={view.rule.id} view={view} /> : <p className="card sep__empty">Choose an event to see its rule and calculate dates.</p>}
    </div>
  );
}

function SepDetail({ view }: { view: SepRuleView }) {
  const { rule } = view;
  const sourceLine = `${rule.sources.map((s) => `${s.document}, ${s.section}`).join('; ')}; ${view.sourceTable}`;
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <>
      <article className="card sep__detail" aria-labelledby="sep-detail-title">
        <h2 id="sep-detail-title" ref={heading} tabIndex={-1}>
          {rule.title}
        </h2>
        {/* The rule's id is for the rule book and the CLI, not for the rep: kept as data. */}
        <p className="muted sep__id" data-event-id={rule.id}>
          {rule.category === 'exceptional' ? 'Exceptional special enrollment' : rule.category.replaceAll('-', ' ')}
        </p>
        <p>{rule.description}</p>
        {rule.request === 'ese' ? (
          <div className="notice notice--info" data-testid="sep-ese" data-source="003 §7.5–7.6">
            <p>
              <strong>An Exceptional Special Enrollment.</strong> The resident requests it in writing to KHBE, by email to kynectESE@ky.gov; forward the details of this call
              through an ESE intake. The rep does not decide: the special ESE committee recommends and the KHBE Director decides.
            </p>
            <div className="actions">
              <a className="button" href="#/ese">
                Take an ESE intake
              </a>
            </div>
          </div>
        ) : null}
        <dl className="sep__facts">
          <dt>Coverage effective date</dt>
          <dd>
            <Cited text={rule.effectiveDateText} />
          </dd>
          <dt>Window</dt>
          <dd>
            <Cited text={rule.windowText} />
          </dd>
          <dt>Required documentation</dt>
          <dd>
            <q className="sep__table-words">{rule.documentation.tableText}</q> <span className="muted">({docsFor[rule.documentation.appliesTo]})</span>
          </dd>
          <dt>Enrollment pends</dt>
          <dd>
            {rule.pends ? `Yes — ${rule.documentation.appliesTo === 'all' ? 'for everyone' : 'for new enrollees'}; documents due 30 calendar days after plan selection` : 'No'}
          </dd>
          <dt>Who decides</dt>
          <dd>{whoDecides[rule.determinedBy]}</dd>
          <dt>Examples</dt>
          <dd>{rule.examples.join('; ')}</dd>
          {rule.notes.length ? (
            <>
              <dt>Notes</dt>
              <dd>
                <ul>
                  {rule.notes.map((n) => (
                    <li key={n}>
                      <Cited text={n} />
                    </li>
                  ))}
                </ul>
              </dd>
            </>
          ) : null}
          <dt>Source</dt>
          <dd title={`Source: ${sourceLine}`} data-source={sourceLine}>
            {[...new Set(rule.sources.map((s) => documentName(s.document)))].join('; ')} · rule set {view.ruleSetVersion}, from the{' '}
            {view.sourceTable.replace(/\s*\(seed [^)]*\)/, '')}, loaded on this desk {new Date(view.loadedAt).toLocaleDateString()}
          </dd>
        </dl>
      </article>
      <SepCalculator rule={rule} />
    </>
  );
}

function SepCalculator({ rule }: { rule: SepRule }) {
  const invoke = useInvoke();
  const announce = useAnnounce();
  const [eventDate, setEventDate] = useState('');
  const [selectionDate, setSelectionDate] = useState('');
  const [existingEnrollee, setExistingEnrollee] = useState(false);
  const [firstOfMonth, setFirstOfMonth] = useState(false);
  const [hraNoNotice, setHraNoNotice] = useState(false);
  const [error, setError] = useState<DeskErrorShape | null>(null);
  const [result, setResult] = useState<SepCalcResult | null>(null);
  const [summary, setSummary] = useState<{ text: string; locale: 'en' | 'es' } | null>(null);

  const request = () => ({
    eventId: rule.id,
    eventDate: eventDate.trim(),
    ...(selectionDate.trim() ? { selectionDate: selectionDate.trim() } : {}),
    existingEnrollee,
    firstOfMonth: rule.effectiveDate.kind === 'retroactive-to-event' && firstOfMonth,
    hraNoNotice: rule.window.kind === 'hra' && hraNoNotice,
  });

  const calculate = async (e: FormEvent) => {
    e.preventDefault();
    const r = await invoke('app:sep.calc', request());
    setSummary(null);
    if (!r.ok) {
      setError(r.error);
      setResult(null);
      return;
    }
    setError(null);
    setResult(r.value);
    announce(
      r.value.verdict === 'sep' && r.value.coverageEffectiveDate
        ? `Coverage starts ${r.value.coverageEffectiveDate}.`
        : r.value.verdict === 'no-sep'
          ? 'No Special Enrollment Period for this event on this date.'
          : 'An Exceptional Special Enrollment: requested in writing to KHBE.',
    );
  };

  const copy = async () => {
    const r = await invoke('app:sep.copySummary', request());
    if (!r.ok) {
      setError(r.error);
      return;
    }
    setSummary({ text: r.value.summary, locale: r.value.locale });
    const copied = await copyText(r.value.summary);
    announce(copied ? `Summary copied${r.value.callId ? ' and added to the call notes' : ''}.` : 'The summary could not be copied; it is shown below to select and copy.');
  };

  return (
    <section className="card sep__calc" aria-labelledby="sep-calc-title">
      <h2 id="sep-calc-title">Calculate dates</h2>
      <form onSubmit={calculate} noValidate>
        <FormError error={error} />
        <DateField label={rule.eventDateLabel} required value={eventDate} onChange={(e) => setEventDate(e.target.value)} error={fieldError(error, 'eventDate')} />
        <DateField
          label="Plan-selection date"
          hint="leave empty for today"
          value={selectionDate}
          onChange={(e) => setSelectionDate(e.target.value)}
          error={fieldError(error, 'selectionDate')}
        />
        <label className="check">
          <input type="checkbox" checked={existingEnrollee} onChange={(e) => setExistingEnrollee(e.target.checked)} /> Already enrolled (existing enrollee)
        </label>
        {rule.effectiveDate.kind === 'retroactive-to-event' ? (
          <label className="check">
            <input type="checkbox" checked={firstOfMonth} onChange={(e) => setFirstOfMonth(e.target.checked)} /> Asks for the 1st of the month after the event
          </label>
        ) : null}
        {rule.window.kind === 'hra' ? (
          <label className="check">
            <input type="checkbox" checked={hraNoNotice} onChange={(e) => setHraNoNotice(e.target.checked)} /> HRA was not required to give 90 days’ notice
          </label>
        ) : null}
        <div className="actions">
          <button type="submit" className="button button--primary">
            Calculate
          </button>
          <button type="button" className="button" onClick={() => void copy()} disabled={!result}>
            Copy summary
          </button>
        </div>
      </form>
      {result ? (
        <div className="sep__result" data-testid="sep-result">
          {result.verdict === 'sep' ? (
            <dl className="sep__facts">
              <dt>Coverage starts</dt>
              <dd className="sep__big">{result.coverageEffectiveDate}</dd>
              <dt>Window</dt>
              <dd>{result.window.start || result.window.end ? `${result.window.start ?? '…'} to ${result.window.end ?? '…'}` : 'Open all year'}</dd>
              <dt>Pends</dt>
              <dd>{result.pends ? `Yes, documents due by ${result.documentsDueBy}` : 'No'}</dd>
              {result.documentation.length ? (
                <>
                  <dt>Documents</dt>
                  <dd>{result.documentation.join(' ')}</dd>
                </>
              ) : null}
            </dl>
          ) : result.verdict === 'no-sep' ? (
            <p className="sep__big" data-testid="sep-no-sep">
              No Special Enrollment Period for this event on this date
            </p>
          ) : (
            <p className="sep__big" data-testid="sep-ese-result">
              An Exceptional Special Enrollment: requested in writing to KHBE
            </p>
          )}
          <p>
            <Cited text={result.explanation} />
          </p>
          {result.ifGranted ? (
            <p data-testid="sep-if-granted">
              <Cited text={result.ifGranted.text} />
            </p>
          ) : null}
          {result.whatToSay.length ? (
            <div className="notice notice--info">
              <p>
                <strong>What the rep can say</strong>
              </p>
              <ul data-testid="sep-what-to-say">
                {result.whatToSay.map((w) => (
                  <li key={w}>
                    <Cited text={w} />
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {result.warnings.length ? (
            <ul className="notice notice--warn sep__warnings" aria-label="Warnings">
              {result.warnings.map((w) => (
                <li key={w}>
                  <Cited text={w} />
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {summary ? (
        <div className="sep__summary">
          <h3 id="sep-summary-title">Summary{summary.locale === 'es' ? ' (in Spanish, the language of the call)' : ''}</h3>
          {/* Read or sent to the consumer in the call's language: lang lets a screen reader switch voice. */}
          <p data-testid="sep-summary" lang={summary.locale}>
            {summary.text}
          </p>
        </div>
      ) : null}
    </section>
  );
}

/** A source document as the rep reads it: "Special Enrollment table", not "004 Special Enrollment table". */
function documentName(document: string): string {
  return document.replace(/^\d{3}\s+/, '');
}

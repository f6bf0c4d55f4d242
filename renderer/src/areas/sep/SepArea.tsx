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
import { Trans } from 'react-i18next';
import { useStrings } from '../../i18n';

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
  const t = useStrings('sep');
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
      announce(t('search.opened', { title: r.value.rule.title }));
    },
    [invoke, announce, t],
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
          label={t('search.label')}
          hint={<Trans t={t} i18nKey="search.hint" components={{ es: <span lang="es" />, kbd: <kbd /> }} />}
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
          {hits.length === 0 ? t('search.none') : t('search.events', { count: hits.length })}
          {version ? t('search.ruleSet', { version }) : ''}
        </p>
        <ul className="sep__results" id="sep-results" aria-label={t('search.results')} ref={list} onKeyDown={onListKey}>
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
                  {h.determinedBy === 'committee' ? t('search.committeeDecides') : ''}
                </span>
              </button>
            </li>
          ))}
        </ul>
      </div>
      {view ? <SepDetail key={view.rule.id} view={view} /> : <p className="card sep__empty">{t('search.empty')}</p>}
    </div>
  );
}

function SepDetail({ view }: { view: SepRuleView }) {
  const t = useStrings('sep');
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
          {rule.category === 'exceptional' ? t('rule.exceptional') : rule.category.replaceAll('-', ' ')}
        </p>
        <p>{rule.description}</p>
        {rule.request === 'ese' ? (
          <div className="notice notice--info" data-testid="sep-ese" data-source="003 §7.5–7.6">
            <p>
              <Trans t={t} i18nKey="rule.ese" components={{ strong: <strong /> }} />
            </p>
            <div className="actions">
              <a className="button" href="#/ese">
                {t('rule.takeEse')}
              </a>
            </div>
          </div>
        ) : null}
        <dl className="sep__facts">
          <dt>{t('rule.effectiveDate')}</dt>
          <dd>
            <Cited text={rule.effectiveDateText} />
          </dd>
          <dt>{t('rule.window')}</dt>
          <dd>
            <Cited text={rule.windowText} />
          </dd>
          <dt>{t('rule.documentation')}</dt>
          <dd>
            <q className="sep__table-words">{rule.documentation.tableText}</q> <span className="muted">({t(`rule.docsFor.${rule.documentation.appliesTo}`)})</span>
          </dd>
          <dt>{t('rule.pends')}</dt>
          <dd>{rule.pends ? t('rule.pendsYes', { who: t(rule.documentation.appliesTo === 'all' ? 'rule.pendsEveryone' : 'rule.pendsNewEnrollees') }) : t('rule.no')}</dd>
          <dt>{t('rule.whoDecides')}</dt>
          <dd>{t(`rule.decidedBy.${rule.determinedBy}`)}</dd>
          <dt>{t('rule.examples')}</dt>
          <dd>{rule.examples.join('; ')}</dd>
          {rule.notes.length ? (
            <>
              <dt>{t('rule.notes')}</dt>
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
          <dt>{t('rule.source')}</dt>
          <dd title={t('rule.sourceTitle', { line: sourceLine })} data-source={sourceLine}>
            {t('rule.sourceLine', {
              documents: [...new Set(rule.sources.map((s) => documentName(s.document)))].join('; '),
              version: view.ruleSetVersion,
              table: view.sourceTable.replace(/\s*\(seed [^)]*\)/, ''),
              loadedAt: view.loadedAt,
            })}
          </dd>
        </dl>
      </article>
      <SepCalculator rule={rule} />
    </>
  );
}

function SepCalculator({ rule }: { rule: SepRule }) {
  const t = useStrings('sep');
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
        ? t('calc.announceCoverage', { date: r.value.coverageEffectiveDate })
        : r.value.verdict === 'no-sep'
          ? t('calc.announceNoSep')
          : t('calc.announceEse'),
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
    announce(t(copied ? (r.value.callId ? 'calc.copiedToNotes' : 'calc.copied') : 'calc.notCopied'));
  };

  return (
    <section className="card sep__calc" aria-labelledby="sep-calc-title">
      <h2 id="sep-calc-title">{t('calc.title')}</h2>
      <form onSubmit={calculate} noValidate>
        <FormError error={error} />
        <DateField label={rule.eventDateLabel} required value={eventDate} onChange={(e) => setEventDate(e.target.value)} error={fieldError(error, 'eventDate')} />
        <DateField
          label={t('calc.selectionDate')}
          hint={t('calc.selectionDateHint')}
          value={selectionDate}
          onChange={(e) => setSelectionDate(e.target.value)}
          error={fieldError(error, 'selectionDate')}
        />
        <label className="check">
          <input type="checkbox" checked={existingEnrollee} onChange={(e) => setExistingEnrollee(e.target.checked)} /> {t('calc.existingEnrollee')}
        </label>
        {rule.effectiveDate.kind === 'retroactive-to-event' ? (
          <label className="check">
            <input type="checkbox" checked={firstOfMonth} onChange={(e) => setFirstOfMonth(e.target.checked)} /> {t('calc.firstOfMonth')}
          </label>
        ) : null}
        {rule.window.kind === 'hra' ? (
          <label className="check">
            <input type="checkbox" checked={hraNoNotice} onChange={(e) => setHraNoNotice(e.target.checked)} /> {t('calc.hraNoNotice')}
          </label>
        ) : null}
        <div className="actions">
          <button type="submit" className="button button--primary">
            {t('calc.calculate')}
          </button>
          <button type="button" className="button" onClick={() => void copy()} disabled={!result}>
            {t('calc.copySummary')}
          </button>
        </div>
      </form>
      {result ? (
        <div className="sep__result" data-testid="sep-result">
          {result.verdict === 'sep' ? (
            <dl className="sep__facts">
              <dt>{t('calc.coverageStarts')}</dt>
              <dd className="sep__big">{result.coverageEffectiveDate}</dd>
              <dt>{t('calc.window')}</dt>
              <dd>
                {result.window.start || result.window.end
                  ? t('calc.windowRange', { start: result.window.start ?? t('calc.windowOpenEnd'), end: result.window.end ?? t('calc.windowOpenEnd') })
                  : t('calc.openAllYear')}
              </dd>
              <dt>{t('calc.pends')}</dt>
              <dd>{result.pends ? t('calc.pendsYes', { date: result.documentsDueBy ?? '—' }) : t('calc.no')}</dd>
              {result.documentation.length ? (
                <>
                  <dt>{t('calc.documents')}</dt>
                  <dd>{result.documentation.join(' ')}</dd>
                </>
              ) : null}
            </dl>
          ) : result.verdict === 'no-sep' ? (
            <p className="sep__big" data-testid="sep-no-sep">
              {t('calc.noSep')}
            </p>
          ) : (
            <p className="sep__big" data-testid="sep-ese-result">
              {t('calc.eseRequest')}
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
                <strong>{t('calc.whatToSay')}</strong>
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
            <ul className="notice notice--warn sep__warnings" aria-label={t('calc.warnings')}>
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
          <h3 id="sep-summary-title">{t(summary.locale === 'es' ? 'calc.summaryInSpanish' : 'calc.summary')}</h3>
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

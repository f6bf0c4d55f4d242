import { useEffect, useRef, useState, type FocusEvent } from 'react';
import type { LookupResult, MatchCandidate, CaseView } from '../../../../shared/common/match/contract';
import { useInvoke } from '../../ipc/desk';
import { useAnnounce } from '../../ui/Announcer';
import { AddToNotesButton } from '../call/AddToNotes';
import { renderText } from '../../../../shared/common/texts/catalogue';
import { withoutHeadline } from '../../../../shared/common/texts/readable';
import type { TFunction } from 'i18next';
import { useStrings } from '../../i18n';

type T = TFunction<'match'>;
const FIELDS = ['firstName', 'lastName', 'dateOfBirth', 'sex', 'ssn'] as const;

/** How long a revealed SSN stays on screen before it masks itself again (issue 12.7). */
export const SSN_REVEAL_MS = 30_000;

/** The result as a line for the call notes: level, reason and case numbers, never an SSN or a birth date. */
function matchNote(result: LookupResult, t: T): string {
  const cases = result.cases.map((k) => k.caseNumber);
  const note = t('result.note', { level: result.levelText, reason: withoutHeadline(result.reason, result.levelText) });
  return cases.length ? note + t('result.noteCases', { count: cases.length, cases: cases.join(', ') }) : note;
}

export function Results({ result }: { result: LookupResult }) {
  const t = useStrings('match');
  const tone = result.level === 'full' ? 'notice--ok' : result.level === 'partial' ? 'notice--warn' : 'notice--info';
  // Below the form at 1024 px, the answer would open out of sight: bring it in view, focus stays in the form.
  const notice = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // A block body: newer Chromium returns a promise from scrollIntoView, and React would take it for a cleanup.
    notice.current?.scrollIntoView({ block: 'nearest' });
  }, [result]);
  return (
    <section aria-labelledby="match-result-title" className="match-results">
      <div className={`notice ${tone}`} ref={notice}>
        <h3 id="match-result-title" tabIndex={-1}>
          {result.levelText}
        </h3>
        {/* The heading says the level; the reason does not say it again ("Full match. Full match: …"),
            nor what the closest record's card right below says. */}
        <p>
          {result.briefReason && result.candidates.length
            ? `${withoutHeadline(result.briefReason, result.levelText)} ${t('result.closestFirst')}`
            : withoutHeadline(result.reason, result.levelText)}
        </p>
        {/* What follows, per level (seed 003 §9, lines 1085-1096). */}
        {result.searchedBy === 'demographics' ? <p>{t(`result.nextStep.${result.level}`)}</p> : null}
        <div className="actions">
          <AddToNotesButton text={matchNote(result, t)} what={t('result.noteWhat')} />
        </div>
      </div>
      {result.candidates.length ? (
        <ol className="match-candidates">
          {result.candidates.map((c) => (
            <li key={c.memberId}>
              <Candidate c={c} />
            </li>
          ))}
        </ol>
      ) : null}
      {result.cases.map((k) => (
        <Case key={k.caseNumber} k={k} />
      ))}
      <AgentGuidance result={result} />
    </section>
  );
}

const DIRE_NEED_MAILBOX = 'kynectdireneed@ky.gov';

/**
 * What the Agent hears about the PSL line and the Dire Need mailbox (003 §9.1), in the call's
 * language (issue 13), marked lang so a screen reader reads it in that voice. A lookup stored
 * before main sent it shows the English.
 */
function AgentGuidance({ result }: { result: LookupResult }) {
  const g = result.agentGuidance ?? { locale: 'en' as const, psl: renderText('match.psl', 'en', {}).text, direNeed: renderText('match.dire-need', 'en', {}).text };
  const [before, after] = g.direNeed.split(DIRE_NEED_MAILBOX);
  return (
    <div className="notice notice--info" lang={g.locale} data-testid="match-agent-guidance">
      {g.threeDay ? <p data-testid="match-three-day">{g.threeDay}</p> : null}
      <p>{g.psl}</p>
      <p>
        {after === undefined ? (
          g.direNeed
        ) : (
          <>
            {before}
            <a href={`mailto:${DIRE_NEED_MAILBOX}`}>{DIRE_NEED_MAILBOX}</a>
            {after}
          </>
        )}
      </p>
    </div>
  );
}

function Candidate({ c }: { c: MatchCandidate }) {
  const t = useStrings('match');
  const invoke = useInvoke();
  const announce = useAnnounce();
  const [ssn, setSsn] = useState<string | null>(null);
  const [revealError, setRevealError] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const name = [c.firstName, c.middleName, c.lastName, c.suffix].filter(Boolean).join(' ');
  const hideButton = useRef<HTMLButtonElement>(null);
  const revealButton = useRef<HTMLButtonElement>(null);

  async function reveal() {
    const r = await invoke('app:match.revealSsn', { memberId: c.memberId });
    if (!r.ok) {
      setRevealError(r.error.message);
      return;
    }
    setSsn(r.value.ssn);
    announce(t('candidate.shown', { count: SSN_REVEAL_MS / 1000 }));
  }

  /** Masks it again; focus stays where the rep was when it was on the button that goes away. */
  const hide = (why: string | null) => {
    const hadFocus = document.activeElement === hideButton.current;
    setSsn(null);
    if (why) announce(why);
    if (hadFocus) requestAnimationFrame(() => revealButton.current?.focus());
  };

  // A revealed SSN masks itself after a short time, whatever the rep does meanwhile.
  useEffect(() => {
    if (!ssn) return;
    hideButton.current?.focus();
    const timer = window.setTimeout(() => hide(t('candidate.maskedAgain')), SSN_REVEAL_MS);
    return () => window.clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- one timer per reveal
  }, [ssn]);

  // ... and as soon as the rep moves on: focus leaving this member's card.
  const onBlur = (e: FocusEvent<HTMLElement>) => {
    if (ssn && !e.currentTarget.contains(e.relatedTarget)) hide(t('candidate.maskedAgain'));
  };

  const details = `match-details-${c.memberId}`;
  return (
    <article className="card match-candidate" aria-label={t('candidate.label', { id: c.memberId })} onBlur={onBlur}>
      <h4>
        {name} <span className="muted">{t('candidate.memberId', { id: c.memberId })}</span>
      </h4>
      {/* The why in one or two lines; the field-by-field table on demand, so three candidates fit one screen. */}
      {c.summary ? <p className="match-summary">{c.summary}</p> : null}
      <dl className="match-facts">
        <div>
          <dt>{t('candidate.case')}</dt>
          <dd>{c.caseNumber}</dd>
        </div>
        <div>
          <dt>{t('candidate.born')}</dt>
          <dd>{c.dateOfBirth}</dd>
        </div>
        <div>
          <dt>{t('candidate.sex')}</dt>
          <dd>{t(`candidate.sexWords.${c.sex}`)}</dd>
        </div>
        {c.headOfHousehold ? (
          <div>
            <dt>{t('candidate.role')}</dt>
            <dd>{t('candidate.headOfHousehold')}</dd>
          </div>
        ) : null}
        <div>
          <dt>{t('candidate.ssn')}</dt>
          <dd>
            {ssn ? <span data-testid="ssn-revealed">{`${ssn.slice(0, 3)}-${ssn.slice(3, 5)}-${ssn.slice(5)}`}</span> : <span>{c.ssnMasked || t('candidate.noSsn')}</span>}{' '}
            {c.ssnMasked && !ssn ? (
              <button ref={revealButton} type="button" className="button button--quiet button--small" onClick={reveal}>
                {t('candidate.reveal')}
              </button>
            ) : null}
            {ssn ? (
              <button ref={hideButton} type="button" className="button button--quiet button--small" onClick={() => hide(t('candidate.masked'))}>
                {t('candidate.hide')}
              </button>
            ) : null}
            {revealError ? <span role="alert"> {revealError}</span> : null}
          </dd>
        </div>
      </dl>
      {c.fields ? (
        <>
          <button type="button" className="button button--quiet button--small match-disclosure" aria-expanded={open} aria-controls={details} onClick={() => setOpen((o) => !o)}>
            <span aria-hidden="true">{open ? '▾' : '▸'}</span> {t('candidate.fieldByField')}
          </button>
          <div id={details} hidden={!open}>
            <p className="match-score">{t('candidate.score', { score: c.score })}</p>
            <table className="table">
              <caption className="visually-hidden">{t('candidate.fieldByFieldOf', { name })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('candidate.field')}</th>
                  <th scope="col">{t('candidate.result')}</th>
                  <th scope="col">{t('candidate.why')}</th>
                </tr>
              </thead>
              <tbody>
                {FIELDS.map((f) => (
                  <tr key={f}>
                    <th scope="row">{t(`candidate.fields.${f}`)}</th>
                    <td>{t(`candidate.verdicts.${c.fields![f].verdict}`)}</td>
                    <td>{c.fields![f].reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </article>
  );
}

function Case({ k }: { k: CaseView }) {
  const t = useStrings('match');
  return (
    <article className="card match-case" aria-label={t('case.label', { number: k.caseNumber })}>
      <h4>{t('case.title', { number: k.caseNumber })}</h4>
      <p>{t('case.status', { status: k.status ?? t('case.notCached') })}</p>
      {k.applications.length ? (
        <ul>
          {k.applications.map((a) => (
            <li key={a.applicationNumber}>
              {/* The date once, then when that was in the call's language ("Submitted today."), not "submitted … Submitted". */}
              {a.submittedOn ? t('case.applicationOn', { number: a.applicationNumber, day: a.submittedOn }) : t('case.application', { number: a.applicationNumber })}{' '}
              <span lang={a.guidanceLocale ?? 'en'}>{a.guidance}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t('case.noApplication')}</p>
      )}
      <h5>{t('case.agents')}</h5>
      {k.agents.length ? (
        <ul>
          {k.agents.map((a) => (
            <li key={a.agentId}>{t('case.agent', { name: a.agentName, id: a.agentId, day: a.associatedOn })}</li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t('case.noAgent')}</p>
      )}
    </article>
  );
}

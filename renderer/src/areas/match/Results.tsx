import { useEffect, useRef, useState, type FocusEvent } from 'react';
import type { LookupResult, MatchCandidate, CaseView } from '../../../../shared/common/match/contract';
import { useInvoke } from '../../ipc/desk';
import { useAnnounce } from '../../ui/Announcer';
import { AddToNotesButton } from '../call/AddToNotes';
import { renderText } from '../../../../shared/common/texts/catalogue';
import { withoutHeadline } from '../../../../shared/common/texts/readable';

const fieldLabels = { firstName: 'First name', lastName: 'Last name', dateOfBirth: 'Date of birth', sex: 'Sex', ssn: 'SSN' } as const;
const verdictWords = { agrees: 'Agrees', close: 'Close', differs: 'Differs', missing: 'Missing' } as const;
const sexWords = { M: 'Male', F: 'Female', U: 'Unknown' } as const;

/** How long a revealed SSN stays on screen before it masks itself again (issue 12.7). */
export const SSN_REVEAL_MS = 30_000;

/** What follows, per level (seed 003 §9, lines 1085-1096). */
const nextStep: Record<LookupResult['level'], string> = {
  full: 'What follows: the application is automatically absorbed into this existing case, and the Agent or kynector may continue with it.',
  partial:
    'What follows: DCBS caseworkers must determine whether the individual exists in kynect. Submitting the application creates a task for a DCBS caseworker to verify the members and resolve the partial match; the individual is told eligibility results will be available after that review, and the application is removed from the Agent’s or kynector’s dashboard.',
  none: 'What follows: this lookup searched only this desk’s cache; kynect’s own member match runs when the application is saved. If kynect finds no match either, the Agent or kynector can complete the application from start to finish.',
};

/** The result as a line for the call notes: level, reason and case numbers, never an SSN or a birth date. */
function matchNote(result: LookupResult): string {
  const cases = result.cases.map((k) => k.caseNumber);
  return `Member match (PSL): ${result.levelText}. ${withoutHeadline(result.reason, result.levelText)}${cases.length ? ` Case${cases.length === 1 ? '' : 's'}: ${cases.join(', ')}.` : ''}`;
}

export function Results({ result }: { result: LookupResult }) {
  const tone = result.level === 'full' ? 'notice--ok' : result.level === 'partial' ? 'notice--warn' : 'notice--info';
  return (
    <section aria-labelledby="match-result-title" className="match-results">
      <div className={`notice ${tone}`}>
        <h3 id="match-result-title" tabIndex={-1}>
          {result.levelText}
        </h3>
        {/* The heading says the level; the reason does not say it again ("Full match. Full match: …"). */}
        <p>{withoutHeadline(result.reason, result.levelText)}</p>
        {result.searchedBy === 'demographics' ? <p>{nextStep[result.level]}</p> : null}
        <div className="actions">
          <AddToNotesButton text={matchNote(result)} what="The match result" />
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
    announce(`SSN shown for ${SSN_REVEAL_MS / 1000} seconds. The view was recorded in the audit log.`);
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
    const timer = window.setTimeout(() => hide('SSN masked again.'), SSN_REVEAL_MS);
    return () => window.clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- one timer per reveal
  }, [ssn]);

  // ... and as soon as the rep moves on: focus leaving this member's card.
  const onBlur = (e: FocusEvent<HTMLElement>) => {
    if (ssn && !e.currentTarget.contains(e.relatedTarget)) hide('SSN masked again.');
  };

  const details = `match-details-${c.memberId}`;
  return (
    <article className="card match-candidate" aria-label={`Member ${c.memberId}`} onBlur={onBlur}>
      <h4>
        {name} <span className="muted">· member {c.memberId}</span>
      </h4>
      {/* The why in one or two lines; the field-by-field table on demand, so three candidates fit one screen. */}
      {c.summary ? <p className="match-summary">{c.summary}</p> : null}
      <dl className="match-facts">
        <div>
          <dt>Case</dt>
          <dd>{c.caseNumber}</dd>
        </div>
        <div>
          <dt>Born</dt>
          <dd>{c.dateOfBirth}</dd>
        </div>
        <div>
          <dt>Sex</dt>
          <dd>{sexWords[c.sex]}</dd>
        </div>
        {c.headOfHousehold ? (
          <div>
            <dt>Role</dt>
            <dd>Head of household</dd>
          </div>
        ) : null}
        <div>
          <dt>SSN</dt>
          <dd>
            {ssn ? <span data-testid="ssn-revealed">{`${ssn.slice(0, 3)}-${ssn.slice(3, 5)}-${ssn.slice(5)}`}</span> : <span>{c.ssnMasked || 'none on file'}</span>}{' '}
            {c.ssnMasked && !ssn ? (
              <button ref={revealButton} type="button" className="button button--quiet button--small" onClick={reveal}>
                Reveal SSN
              </button>
            ) : null}
            {ssn ? (
              <button ref={hideButton} type="button" className="button button--quiet button--small" onClick={() => hide('SSN masked.')}>
                Hide SSN
              </button>
            ) : null}
            {revealError ? <span role="alert"> {revealError}</span> : null}
          </dd>
        </div>
      </dl>
      {c.fields ? (
        <>
          <button type="button" className="button button--quiet button--small match-disclosure" aria-expanded={open} aria-controls={details} onClick={() => setOpen((o) => !o)}>
            <span aria-hidden="true">{open ? '▾' : '▸'}</span> Field by field
          </button>
          <div id={details} hidden={!open}>
            <p className="match-score">Score {c.score}</p>
            <table className="table">
              <caption className="visually-hidden">Field by field, {name}</caption>
              <thead>
                <tr>
                  <th scope="col">Field</th>
                  <th scope="col">Result</th>
                  <th scope="col">Why</th>
                </tr>
              </thead>
              <tbody>
                {(Object.keys(fieldLabels) as (keyof typeof fieldLabels)[]).map((f) => (
                  <tr key={f}>
                    <th scope="row">{fieldLabels[f]}</th>
                    <td>{verdictWords[c.fields![f].verdict]}</td>
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
  return (
    <article className="card match-case" aria-label={`Case ${k.caseNumber}`}>
      <h4>Case {k.caseNumber}</h4>
      <p>Status: {k.status ?? 'not in the cache'}</p>
      {k.applications.length ? (
        <ul>
          {k.applications.map((a) => (
            <li key={a.applicationNumber}>
              {/* The date once, then when that was in the call's language ("Submitted today."), not "submitted … Submitted". */}
              Application {a.applicationNumber}
              {a.submittedOn ? ` (${a.submittedOn})` : ''}: <span lang={a.guidanceLocale ?? 'en'}>{a.guidance}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">No application on file for this case.</p>
      )}
      <h5>Agents associated with this case</h5>
      {k.agents.length ? (
        <ul>
          {k.agents.map((a) => (
            <li key={a.agentId}>
              {a.agentName} (agent {a.agentId}), associated {a.associatedOn}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">No agent is associated with this case.</p>
      )}
    </article>
  );
}

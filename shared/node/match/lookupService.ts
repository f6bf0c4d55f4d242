import { differenceInCalendarDays, format, parseISO } from 'date-fns';
import { DeskError } from '../../common/errors';
import { queryKeys } from '../../common/match/blocking';
import { decide, levelInWords, type MatchDecision } from '../../common/match/decide';
import type { LookupRequest, MatchQuery } from '../../common/match/schemas';
import { maskSsn } from '../../common/match/ssn';
import type { CaseView, LookupResult, MatchCandidate, MatchConflict } from '../../common/match/contract';
import type { Clock } from '../../common/clock';
import type { AuditLog } from '../audit/auditLog';
import type { CallActivity } from '../host/callActivity';
import type { MemberDetails, MemberStore } from './memberStore';
import { renderText, type TextLocale } from '../../common/texts/catalogue';
import { textUse } from '../texts/textHash';

/** Seed 003 §9.1. */
export const PSL_PHONE = '1-855-326-4650';
export const DIRE_NEED_MAILBOX = 'kynectdireneed@ky.gov';
export const THREE_DAYS = 3;

export interface MatchResultJson {
  level: 'full' | 'partial' | 'none';
  reason: string;
  candidates: { memberId: string; caseNumber: string; score: number; summary: string; fields: Record<string, unknown> }[];
  conflicts: MatchConflict[];
}

/**
 * Member-match lookups over the cache: candidates come from the blocking index
 * (match_key) or the case/application number indexes, are scored in memory, and
 * decided as seed 003 §9 says. Every PSL lookup is audited (who looked, the level and
 * the member ids shown — no names, no SSN) and noted on the active call's timeline.
 */
export class LookupService {
  constructor(
    readonly store: MemberStore,
    readonly clock: Clock,
    readonly audit: AuditLog,
    readonly callActivity: CallActivity,
  ) {}

  /** The matcher alone: used by the CLI and the benchmark. */
  match(query: MatchQuery): MatchDecision {
    const candidates = this.store.candidates(queryKeys(query, this.store.vault().indexMac));
    return decide(query, candidates, { counts: this.store.nameCounts(), today: this.clock.now().toISOString().slice(0, 10) });
  }

  /** The CLI's `match --json` shape (issue 4 §4). */
  matchJson(query: MatchQuery): MatchResultJson {
    const d = this.match(query);
    return {
      level: d.level,
      reason: d.reason,
      candidates: d.candidates.map((c) => ({ memberId: c.member.memberId, caseNumber: c.member.caseNumber, score: c.score, summary: c.summary, fields: c.fields })),
      conflicts: d.conflicts,
    };
  }

  /**
   * The PSL lookup screen (issue 4 §3). `onTimeline: false` when the caller (the association) puts the lookup on the call's timeline in its own words: one line per lookup.
   */
  lookup(request: LookupRequest, options: { onTimeline?: boolean } = {}): LookupResult {
    // What the Agent hears is in the call's language (issue 13); the rep's own words stay English.
    const locale = this.callActivity.language() ?? 'en';
    const byDemographics = Boolean(request.firstName && request.lastName && request.dateOfBirth && request.sex);
    let result: LookupResult;
    if (byDemographics) {
      const query: MatchQuery = {
        firstName: request.firstName,
        lastName: request.lastName,
        dateOfBirth: request.dateOfBirth,
        sex: request.sex.toUpperCase() as MatchQuery['sex'],
        ssn: request.ssn,
      };
      const d = this.match(query);
      const candidates = d.candidates.map((c) => candidateView(c.member as MemberDetails, c.score, c.exact, c.fields, c.summary));
      const caseNumbers = unique([...candidates.map((c) => c.caseNumber), ...this.#numberCases(request)]);
      result = {
        searchedBy: 'demographics',
        level: d.level,
        levelText: levelInWords[d.level],
        reason: d.level === 'none' ? `${d.reason} ${this.#cacheWords()}` : d.reason,
        ...(d.briefReason ? { briefReason: d.briefReason } : {}),
        candidates,
        cases: caseNumbers.map((n) => this.#caseView(n, locale)),
        conflicts: d.conflicts,
      };
    } else {
      const caseNumbers = this.#numberCases(request);
      const members = caseNumbers.flatMap((n) => this.store.membersOfCase(n));
      const found = caseNumbers.length > 0 && members.length > 0;
      result = {
        searchedBy: 'number',
        level: found ? 'full' : 'none',
        levelText: found ? 'Case found' : 'No match',
        reason: found
          ? `Found by ${request.caseNumber ? 'case' : 'application'} number.`
          : `No case in this desk’s member cache has that ${request.caseNumber ? 'case' : 'application'} number. ${this.#cacheWords()}`,
        candidates: members.map((m) => candidateView(m, 0, false, null, '')),
        cases: caseNumbers.map((n) => this.#caseView(n, locale)),
        conflicts: [],
      };
    }
    const psl = renderText('match.psl', locale, {});
    const direNeed = renderText('match.dire-need', locale, {});
    // The three-day text once, and only for an application new enough to still be looked for (issue 12.6).
    const threeDay = result.cases.some((k) => k.applications.some((a) => threeDayApplies(a.daysSinceSubmitted))) ? renderText('match.three-day', locale, {}) : null;
    result.agentGuidance = { locale, psl: psl.text, direNeed: direNeed.text, ...(threeDay ? { threeDay: threeDay.text } : {}) };
    const texts = [textUse(psl), textUse(direNeed), ...(threeDay ? [textUse(threeDay)] : [])];
    this.audit.append({
      action: 'match.lookup',
      details: {
        texts,
        searchedBy: result.searchedBy,
        level: result.level,
        memberIds: result.candidates.map((c) => c.memberId).slice(0, 20),
        ...(result.conflicts.length ? { conflicts: result.conflicts.map((c) => c.kind) } : {}),
      },
    });
    if (options.onTimeline !== false)
      this.callActivity.record({
        kind: 'match.search',
        summary: `Member match: ${result.levelText}${result.candidates.length ? ` (${result.candidates.length} record${result.candidates.length === 1 ? '' : 's'})` : ''}`,
        details: { level: result.level, searchedBy: result.searchedBy, texts },
      });
    return result;
  }

  /** Shows one SSN on purpose; audited. Never logged, never in a timeline. */
  revealSsn(memberId: string): { memberId: string; ssn: string | null } {
    const ssn = this.store.ssnOf(memberId);
    if (ssn === undefined) throw DeskError.atField('memberId', 'No member with that id is in the cache.', 'not_found');
    this.audit.append({ action: 'member.ssn_revealed', subject: memberId, details: { hadSsn: ssn !== null } });
    return { memberId, ssn };
  }

  /**
   * What "no match" is measured against (issue 11 §12): this desk's cache and the extract it
   * was last updated from, never kynect itself, which may have the person since.
   */
  #cacheWords(): string {
    const last = this.store.membersImportedAt();
    if (!last) return 'The member cache is empty: no members extract has been imported on this desk.';
    return `The cache was last updated from a members extract imported on ${format(parseISO(last), 'MMMM d, yyyy')}; someone added to kynect after that extract is not in it.`;
  }

  #numberCases(request: LookupRequest): string[] {
    const out: string[] = [];
    if (request.caseNumber && (this.store.caseInfo(request.caseNumber) || this.store.membersOfCase(request.caseNumber).length)) out.push(request.caseNumber);
    if (request.applicationNumber) {
      const app = this.store.applicationInfo(request.applicationNumber);
      if (app) out.push(app.caseNumber);
    }
    return unique(out);
  }

  #caseView(caseNumber: string, locale: TextLocale): CaseView {
    const info = this.store.caseInfo(caseNumber);
    const today = this.clock.now();
    return {
      caseNumber,
      status: info?.status ?? null,
      applications: this.store.applicationsOfCase(caseNumber).map((a) => {
        const days = a.submittedOn ? differenceInCalendarDays(today, parseISO(a.submittedOn)) : null;
        return { applicationNumber: a.applicationNumber, submittedOn: a.submittedOn, daysSinceSubmitted: days, guidance: threeDayGuidance(days, locale), guidanceLocale: locale };
      }),
      agents: this.store.associationsOfCase(caseNumber),
    };
  }
}

/**
 * Seed 003 §9.1 (line 1109): "If you are unable to find the application/case number after
 * three days, call the Professional Services Line (PSL) at 1-855-326-4650, to verify
 * association to the case. The Agent may have to be associated with the new case using
 * current agent association procedures." The Agent is still looking for a new
 * application, not one on file for a year: the text applies to one submitted in the last
 * THREE_DAY_RECENT_DAYS days (the seed names no limit; a month covers the three days and
 * a late call about them).
 */
export const THREE_DAY_RECENT_DAYS = 30;

export function threeDayApplies(daysSinceSubmitted: number | null): boolean {
  return daysSinceSubmitted !== null && daysSinceSubmitted >= 0 && daysSinceSubmitted <= THREE_DAY_RECENT_DAYS;
}

/** When the application was submitted, in the call's language (texts/catalogue.ts): "today", never "0 days ago". */
export function threeDayGuidance(daysSinceSubmitted: number | null, locale: TextLocale = 'en'): string {
  if (daysSinceSubmitted === null) return renderText('match.no-submission-date', locale, {}).text;
  if (daysSinceSubmitted <= 0) return renderText('match.submitted-today', locale, {}).text;
  if (daysSinceSubmitted === 1) return renderText('match.submitted-one-day', locale, {}).text;
  return renderText('match.submitted-days', locale, { days: String(daysSinceSubmitted) }).text;
}

function candidateView(m: MemberDetails, score: number, exact: boolean, fields: MatchCandidate['fields'], summary: string): MatchCandidate {
  return {
    summary,
    memberId: m.memberId,
    caseNumber: m.caseNumber,
    score,
    exact,
    fields,
    firstName: m.firstName,
    middleName: m.middleName,
    lastName: m.lastName,
    suffix: m.suffix,
    dateOfBirth: m.dateOfBirth,
    sex: m.sex,
    ssnMasked: maskSsn(m.ssn),
    headOfHousehold: m.headOfHousehold,
  };
}

function unique<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}

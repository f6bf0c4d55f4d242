/**
 * What a call has learned so far, read from its own record (caller details and
 * timeline), so the notes templates and the wrap-up suggestion come from one place
 * and never from what the rep happens to have on screen (issue 12.2).
 */
import type { Disposition } from './dispositions';
import type { NoteTemplate } from './notes';
import type { CallView } from './view';
import type { TimelineEntry } from './timeline';

export type MatchLevelFact = 'full' | 'partial' | 'none';

/** What an association puts in its timeline lines' details (shared/node/association/service.ts). */
export interface AssociationFacts {
  agentName?: string;
  agentNpn?: string;
  caseNumber?: string;
  matchLevel?: MatchLevelFact;
  consentMethod?: 'electronic' | 'verbal';
  consentOutcome?: 'accepted' | 'refused';
  clientOnLine?: boolean;
  /** The wizard's end reason once it has ended ("associated", "client-not-on-line", …). */
  outcome?: string;
}

export interface CallFacts {
  callerName: string | null;
  caseNumber: string | null;
  agentName: string | null;
  agentNpn: string | null;
  clientOnLine: boolean | null;
  matchLevel: MatchLevelFact | null;
  consentMethod: 'electronic' | 'verbal' | null;
  consentOutcome: 'accepted' | 'refused' | null;
  /** Outcome of the last association that ended in this call. */
  associationOutcome: string | null;
  memberLookups: number;
  consentRecords: number;
  eseReferences: string[];
  sepSummaries: number;
  notesAdded: number;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);
const level = (v: unknown): MatchLevelFact | undefined => (v === 'full' || v === 'partial' || v === 'none' ? v : undefined);

function associationDetails(e: TimelineEntry): AssociationFacts | null {
  const a = e.details?.association;
  return a && typeof a === 'object' ? a : null;
}

/** Folds the call's timeline, oldest first: the newest value of each fact wins. */
export function callFacts(call: Pick<CallView, 'callerName' | 'caseNumber' | 'clientOnLine' | 'timeline'>): CallFacts {
  const f: CallFacts = {
    callerName: call.callerName,
    caseNumber: call.caseNumber,
    agentName: null,
    agentNpn: null,
    clientOnLine: call.clientOnLine ? true : null,
    matchLevel: null,
    consentMethod: null,
    consentOutcome: null,
    associationOutcome: null,
    memberLookups: 0,
    consentRecords: 0,
    eseReferences: [],
    sepSummaries: 0,
    notesAdded: 0,
  };
  for (const e of call.timeline) {
    switch (e.kind) {
      case 'match.search': {
        f.memberLookups += 1;
        f.matchLevel = level(e.details?.level) ?? f.matchLevel;
        break;
      }
      case 'association': {
        const a = associationDetails(e);
        if (!a) break;
        f.agentName = str(a.agentName) ?? f.agentName;
        f.agentNpn = str(a.agentNpn) ?? f.agentNpn;
        f.caseNumber = f.caseNumber ?? str(a.caseNumber) ?? null;
        if (typeof a.clientOnLine === 'boolean') f.clientOnLine = a.clientOnLine;
        if (a.consentMethod) f.consentMethod = a.consentMethod;
        if (a.consentOutcome) f.consentOutcome = a.consentOutcome;
        if (e.details?.step === 'client' && level(a.matchLevel)) {
          // The association's own lookup is the call's member lookup (one line per lookup).
          f.memberLookups += 1;
          f.matchLevel = level(a.matchLevel)!;
        }
        if (str(a.outcome)) f.associationOutcome = a.outcome!;
        break;
      }
      case 'consent.record': {
        f.consentRecords += 1;
        const method = e.details?.method;
        const outcome = e.details?.outcome;
        if (method === 'electronic' || method === 'verbal') f.consentMethod = method;
        if (outcome === 'accepted' || outcome === 'refused') f.consentOutcome = outcome;
        break;
      }
      case 'ese.intake': {
        const ref = str(e.details?.reference);
        if (ref && !f.eseReferences.includes(ref)) f.eseReferences.push(ref);
        break;
      }
      case 'sep.summary':
        f.sepSummaries += 1;
        break;
      case 'note':
        f.notesAdded += 1;
        break;
      default:
        break;
    }
  }
  return f;
}

export interface DispositionSuggestion {
  code: string;
  label: string;
  /** What in the call led to it, said to the rep. */
  because: string;
}

const matchWords: Record<MatchLevelFact, string> = { full: 'Full match', partial: 'Partial match', none: 'No match' };

/**
 * The dispositions what happened in the call points to, most specific first, only
 * codes the configured list has. A suggestion only: the rep chooses; nothing is applied.
 */
export function suggestDispositions(facts: CallFacts, list: readonly Disposition[]): DispositionSuggestion[] {
  const out: { code: string; because: string }[] = [];
  const add = (code: string, because: string) => {
    if (!out.some((s) => s.code === code)) out.push({ code, because });
  };
  const agent = facts.agentName ? `Agent ${facts.agentName}` : 'the Agent';
  if (facts.associationOutcome === 'associated') add('association_completed', `${agent} was associated with case ${facts.caseNumber ?? 'identified in the call'}.`);
  else if (facts.associationOutcome === 'client-not-on-line') add('association_not_done', 'The client was not on the line; the alternatives were given.');
  else if (facts.associationOutcome && facts.associationOutcome !== 'restarted')
    add('association_not_done', facts.consentOutcome === 'refused' ? 'The client refused consent: no association.' : 'The association was not completed in this call.');
  if (facts.consentOutcome === 'accepted' && facts.associationOutcome !== 'associated') add('consent_recorded', `Consent was given (${facts.consentMethod ?? 'recorded'}).`);
  else if (facts.consentRecords > 0 && facts.associationOutcome !== 'associated' && facts.consentOutcome !== 'refused')
    add('consent_recorded', 'A consent was recorded in this call.');
  if (facts.eseReferences.length) add('ese_forwarded', `ESE request ${facts.eseReferences.join(', ')} forwarded to KHBE.`);
  if (facts.sepSummaries) add('sep_information', `${facts.sepSummaries === 1 ? 'An SEP summary was' : `${facts.sepSummaries} SEP summaries were`} given.`);
  if (facts.memberLookups && !facts.associationOutcome) add('member_match_psl', `Member match looked up${facts.matchLevel ? ` (${matchWords[facts.matchLevel]})` : ''}.`);
  const known = new Map(list.map((d) => [d.code, d.label]));
  return out.filter((s) => known.has(s.code)).map((s) => ({ ...s, label: known.get(s.code)! }));
}

type Fill = (f: CallFacts) => string | null;
const yesNo = (v: boolean | null) => (v === null ? null : v ? 'yes' : 'no');

/**
 * For each template, the lines the call can answer: the line's start, and its answer
 * (null leaves the line's blank or choices for the rep). Keyed by line start so a
 * reworded line elsewhere stays as written instead of being filled wrongly.
 */
const templateFills: Record<string, Record<string, Fill>> = {
  three_way_association: {
    'Agent: ': (f) => (f.agentName || f.agentNpn ? `${f.agentName ?? '___'} (NPN ${f.agentNpn ?? '___'})` : null),
    'Client on the line: ': (f) => yesNo(f.clientOnLine),
    'Client confirmed they want the Agent associated with their case: ': (f) => yesNo(f.consentOutcome === null ? null : f.consentOutcome === 'accepted'),
    'Consent method: ': (f) => f.consentMethod,
    'Case number: ': (f) => f.caseNumber,
    'Outcome: ': (f) => (f.associationOutcome === null ? null : f.associationOutcome === 'associated' ? 'associated' : 'not associated'),
  },
  psl_member_match: {
    'Caller (Agent / kynector): ': (f) => f.callerName ?? f.agentName,
    'Match result: ': (f) => (f.matchLevel ? matchWords[f.matchLevel] : null),
    'Application or case number: ': (f) => f.caseNumber,
  },
};

/** A template's text with the blanks the call can answer filled in; the rest left for the rep. */
export function fillTemplate(template: Pick<NoteTemplate, 'id' | 'body'>, facts: CallFacts): string {
  const fills = templateFills[template.id];
  if (!fills) return template.body;
  return template.body
    .split('\n')
    .map((line) => {
      const start = Object.keys(fills).find((k) => line.startsWith(k));
      const value = start ? fills[start]!(facts) : null;
      return start && value ? `${start}${value}` : line;
    })
    .join('\n');
}

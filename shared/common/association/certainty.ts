/**
 * Which case an Agent may be associated with, from the member-match lookup — only one
 * identified with certainty (issue 11 §1, issue 12 §1):
 *  - a Full match (003 §9: "All identifying information perfectly matches an Individual
 *    on an existing case") whose identity and SSN appear on no other case; or
 *  - a case or application number the client gives, whose member agrees with the
 *    client's first name, last name and date of birth (and no SSN given differs).
 * Anything else is never guessed: a Partial match means "DCBS Caseworkers must determine
 * if the Individual exists in kynect or not" (003 §9). When the client may be on more
 * than one case, the rep is shown each with the reason and asks the client for the case
 * or application number; a case whose member does not agree cannot be chosen.
 *
 * Pure: the lookup result in, a decision out. The lookup itself (and its scoring) is
 * member match's; this reads its candidates' field verdicts and the cases it found.
 */
import type { LookupResult, MatchCandidate } from '../match/contract';
import { renderText, type RenderedText, type TextLocale } from '../texts/catalogue';

export interface ClientNumbers {
  caseNumber: string | null;
  applicationNumber: string | null;
}

export interface CaseOption {
  caseNumber: string;
  /** The member of this case who may be the client (none when the case came only from a number). */
  memberId: string | null;
  memberName: string | null;
  /** Why this case may be the client's, in words a rep reads. */
  reason: string;
  /** A member agrees with the client's first name, last name and date of birth, and no SSN given differs. */
  confirmable: boolean;
  /** Every identifying field agrees (a Full-match candidate). */
  exact: boolean;
  /** Application numbers on file for the case: the client may read one of these instead of the case number. */
  applicationNumbers: string[];
  agents: { agentId: string; agentName: string; associatedOn: string }[];
}

/**
 * Why no case is certain, as the caller hears it (texts/catalogue.ts, association.case-not-certain):
 * each kind is one line of that text, in the call's language. `because` is the rep's own sentence.
 */
export type NotCertainWhy =
  | 'not-looked-up'
  | 'case-number-no-member'
  | 'application-number-no-member'
  | 'case-number-not-found'
  | 'application-number-not-found'
  | 'ssn-also-on'
  | 'identity-also-on'
  | 'several-exact'
  | 'partial'
  | 'nobody';

export type CaseCertainty =
  | { kind: 'certain'; caseNumber: string; because: string; option: CaseOption; alsoOn: CaseOption[] }
  | { kind: 'choose'; because: string; why: NotCertainWhy; options: CaseOption[] }
  | { kind: 'none'; because: string; why: NotCertainWhy };

/** The value that reads the one reason line of association.case-not-certain for `why`. */
export const notCertainNeeds: Record<NotCertainWhy, string> = {
  'not-looked-up': 'unknown',
  'case-number-no-member': 'caseNumberNoMember',
  'application-number-no-member': 'applicationNumberNoMember',
  'case-number-not-found': 'caseNumberNotFound',
  'application-number-not-found': 'applicationNumberNotFound',
  'ssn-also-on': 'ssnAlsoOn',
  'identity-also-on': 'identityAlsoOn',
  'several-exact': 'severalExact',
  partial: 'partial',
  nobody: 'nobody',
};

const fieldWords = { firstName: 'first name', lastName: 'last name', dateOfBirth: 'date of birth', sex: 'sex', ssn: 'SSN' } as const;
type Field = keyof typeof fieldWords;
const FIELDS = Object.keys(fieldWords) as Field[];

const list = (xs: string[]) => (xs.length <= 1 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} and ${xs.at(-1)}`);
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** First, last and date of birth agree exactly, and an SSN given does not differ. */
export function nameAndBirthAgree(c: MatchCandidate): boolean {
  const f = c.fields;
  if (!f) return false;
  return f.firstName.verdict === 'agrees' && f.lastName.verdict === 'agrees' && f.dateOfBirth.verdict === 'agrees' && f.ssn.verdict !== 'differs';
}

/** The same SSN, or the same person by name and birth date (names agreeing or close). */
function sameIdentity(c: MatchCandidate): string | null {
  const f = c.fields;
  if (!f) return null;
  if (f.ssn.verdict === 'agrees') return 'SSN';
  const names = (v: string) => v === 'agrees' || v === 'close';
  if (f.dateOfBirth.verdict === 'agrees' && names(f.firstName.verdict) && names(f.lastName.verdict)) return 'name and date of birth';
  return null;
}

export function candidateReason(c: MatchCandidate): string {
  if (c.exact) return 'Every identifying field agrees.';
  const f = c.fields;
  if (!f) return 'Found by number.';
  const by = (v: string) => FIELDS.filter((k) => f[k].verdict === v);
  const words = (ks: Field[]) => list(ks.map((k) => fieldWords[k]));
  const parts: string[] = [];
  const agree = by('agrees');
  const close = by('close');
  const differ = by('differs');
  const missing = by('missing');
  if (agree.length) parts.push(`${words(agree)} agree${agree.length === 1 ? 's' : ''}`);
  // The comparator's own sentence says how they are close ("Tom and Thomas are the same name (nickname).").
  if (close.length) parts.push(`${words(close)} ${close.length === 1 ? 'is' : 'are'} close: ${close.map((k) => f[k].reason.replace(/\.$/, '')).join('; ')}`);
  if (differ.length) parts.push(`${words(differ)} differ${differ.length === 1 ? 's' : ''}`);
  if (missing.length) parts.push(`${words(missing)} not given or not on file`);
  return `${cap(parts.join('; '))}.`;
}

function optionsOf(lookup: LookupResult): CaseOption[] {
  const byCase = new Map<string, MatchCandidate>();
  for (const c of lookup.candidates) {
    const best = byCase.get(c.caseNumber);
    // Candidates come best first; keep a confirmable one over a better-scored one that is not.
    if (!best || (!nameAndBirthAgree(best) && nameAndBirthAgree(c))) byCase.set(c.caseNumber, c);
  }
  const caseView = new Map(lookup.cases.map((k) => [k.caseNumber, k]));
  const options: CaseOption[] = [...byCase.entries()].map(([caseNumber, c]) => ({
    caseNumber,
    memberId: c.memberId,
    memberName: [c.firstName, c.middleName, c.lastName, c.suffix].filter(Boolean).join(' '),
    reason: candidateReason(c),
    confirmable: nameAndBirthAgree(c),
    exact: c.exact,
    applicationNumbers: caseView.get(caseNumber)?.applications.map((a) => a.applicationNumber) ?? [],
    agents: caseView.get(caseNumber)?.agents ?? [],
  }));
  // A case found only by the number the client gave: no member of it is plausibly the client.
  for (const k of lookup.cases) {
    if (byCase.has(k.caseNumber)) continue;
    options.push({
      caseNumber: k.caseNumber,
      memberId: null,
      memberName: null,
      reason: 'Found by the number the client gave, but no member of this case agrees with the client’s name and date of birth.',
      confirmable: false,
      exact: false,
      applicationNumbers: k.applications.map((a) => a.applicationNumber),
      agents: k.agents,
    });
  }
  return options;
}

/** The case a number the client read out belongs to, among the cases the lookup found. */
export function caseOfNumber(options: readonly CaseOption[], number: string): CaseOption | null {
  const n = number.trim().toUpperCase();
  return options.find((o) => o.caseNumber.toUpperCase() === n || o.applicationNumbers.some((a) => a.toUpperCase() === n)) ?? null;
}

const ASK = 'Ask the client for the case number or application number.';

export function caseCertainty(lookup: LookupResult | null, numbers: ClientNumbers): CaseCertainty {
  if (!lookup) return { kind: 'none', because: 'The client has not been looked up.', why: 'not-looked-up' };
  const options = optionsOf(lookup);
  const given = numbers.caseNumber ?? numbers.applicationNumber;
  const others = (keep: string) => options.filter((o) => o.caseNumber !== keep && lookup.candidates.some((c) => c.caseNumber === o.caseNumber && sameIdentity(c) !== null));

  if (given) {
    const picked = caseOfNumber(options, given);
    const what = numbers.caseNumber ? 'case number' : 'application number';
    if (picked?.confirmable) {
      return {
        kind: 'certain',
        caseNumber: picked.caseNumber,
        option: picked,
        alsoOn: others(picked.caseNumber),
        because: `Case ${picked.caseNumber}: the ${what} the client gave, and ${picked.memberName} on it agrees with the client’s name and date of birth.`,
      };
    }
    const because = picked
      ? `The ${what} the client gave is case ${picked.caseNumber}, but no member of it agrees with the client’s first name, last name and date of birth: the Agent cannot be associated with it here.`
      : `No case in this desk’s member cache has the ${what} the client gave.`;
    const which = numbers.caseNumber ? 'case-number' : 'application-number';
    const why: NotCertainWhy = picked ? `${which}-no-member` : `${which}-not-found`;
    return options.length ? { kind: 'choose', because, why, options } : { kind: 'none', because, why };
  }

  const exact = options.filter((o) => o.exact);
  if (lookup.level === 'full' && exact.length === 1) {
    const only = exact[0]!;
    const also = others(only.caseNumber);
    if (!also.length)
      return {
        kind: 'certain',
        caseNumber: only.caseNumber,
        option: only,
        alsoOn: [],
        because: `Every identifying field agrees with ${only.memberName} on case ${only.caseNumber}.`,
      };
    const what = [
      ...new Set(
        also.flatMap((o) =>
          lookup.candidates
            .filter((c) => c.caseNumber === o.caseNumber)
            .map(sameIdentity)
            .filter(Boolean),
        ),
      ),
    ] as string[];
    return {
      kind: 'choose',
      because: `Every field agrees with case ${only.caseNumber}, but the client’s ${list(what)} also appear${what.length === 1 && what[0] === 'SSN' ? 's' : ''} on case ${list(also.map((o) => o.caseNumber))}. ${ASK}`,
      why: what.includes('SSN') ? 'ssn-also-on' : 'identity-also-on',
      options,
    };
  }
  if (exact.length > 1)
    return { kind: 'choose', because: `Every identifying field agrees with members on ${exact.length} cases (more than one record). ${ASK}`, why: 'several-exact', options };
  // Every field agrees with one member, but the lookup found the SSN or the person on another case too:
  // its own sentence says which, rather than "not every field agrees".
  const conflict = lookup.conflicts[0];
  if (exact.length === 1 && conflict) {
    return {
      kind: 'choose',
      because: `Every identifying field agrees with case ${exact[0]!.caseNumber}, but ${conflict.reason.charAt(0).toLowerCase()}${conflict.reason.slice(1)} ${ASK}`,
      why: conflict.kind === 'ssn' ? 'ssn-also-on' : conflict.kind === 'identity' ? 'identity-also-on' : 'several-exact',
      options,
    };
  }
  if (options.length) {
    return {
      kind: 'choose',
      because: `Not every identifying field agrees. DCBS caseworkers must determine whether the individual exists in kynect (003 §9), so the case is not guessed. ${ASK}`,
      why: 'partial',
      options,
    };
  }
  return { kind: 'none', because: 'Nobody in this desk’s member cache could be the client: no case can be associated from the lookup.', why: 'nobody' };
}

/**
 * The rep's choice among the options, confirmed by the number the client read out. Returns
 * the case, or why it cannot be associated (and at which field).
 */
export function confirmChoice(
  certainty: CaseCertainty,
  choice: { caseNumber: string; clientNumber: string },
): { ok: true; option: CaseOption } | { ok: false; field: 'caseNumber' | 'clientNumber'; message: string } {
  const options = certainty.kind === 'choose' ? certainty.options : certainty.kind === 'certain' ? [certainty.option, ...certainty.alsoOn] : [];
  const chosen = options.find((o) => o.caseNumber === choice.caseNumber);
  if (!chosen) return { ok: false, field: 'caseNumber', message: 'Choose one of the cases the lookup found.' };
  if (!chosen.confirmable) {
    return {
      ok: false,
      field: 'caseNumber',
      message: `No member of case ${chosen.caseNumber} agrees with the client’s first name, last name and date of birth, so it is not certain this is the client’s case: the Agent cannot be associated with it here.`,
    };
  }
  const n = choice.clientNumber.trim();
  if (!n) return { ok: false, field: 'clientNumber', message: 'Write the case or application number the client read out: it confirms the case.' };
  const belongs = caseOfNumber([chosen], n);
  if (!belongs) {
    const other = caseOfNumber(options, n);
    return {
      ok: false,
      field: 'clientNumber',
      message: other
        ? `That number belongs to case ${other.caseNumber}, not ${chosen.caseNumber}.`
        : `That is not case ${chosen.caseNumber} or one of its application numbers${chosen.applicationNumbers.length ? ` (${chosen.applicationNumbers.join(', ')})` : ''}.`,
    };
  }
  return { ok: true, option: chosen };
}

/**
 * What to say when no case can be associated with certainty: the reason for `why`, then the
 * alternatives, in the call's language (texts/catalogue.ts, association.case-not-certain).
 */
export function notCertainText(why: NotCertainWhy, locale: TextLocale): RenderedText {
  return renderText('association.case-not-certain', locale, { [notCertainNeeds[why]]: 'yes' });
}

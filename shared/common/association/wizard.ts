/**
 * The three-way association call as a step machine (000, 001): the Agent, the
 * client on the line, the client's identity through member match, the
 * situation, consent, then the association. Pure: each step takes the state
 * and "now" and returns the next state, with a line for the call timeline.
 */
import { dateWords, renderText, type CallerTextId, type TextLocale } from '../texts/catalogue';
import { notCertainNeeds, type NotCertainWhy } from './certainty';

export type MatchLevel = 'full' | 'partial' | 'none';
export type Situation = 'healthcare-gov-enrollment' | 'existing-application-or-case' | 'new-applicant';
export type WizardStep = 'agent' | 'client-on-line' | 'client' | 'situation' | 'consent' | 'confirm' | 'ended';
export type EndReason =
  | 'training-not-done'
  | 'client-not-on-line'
  | 'new-applicant'
  | 'case-not-certain'
  | 'already-associated'
  | 'consent-not-possible'
  | 'consent-refused'
  | 'call-ended'
  | 'restarted'
  | 'associated';

export interface AgentInfo {
  name: string;
  agentId: string;
  agency: string;
  trainingDone: boolean;
}

export interface ClientInfo {
  firstName: string;
  lastName: string;
  sex: 'M' | 'F' | 'U';
  dateOfBirth: string;
  caseNumber: string | null;
  applicationNumber: string | null;
  /** From the member-match lookup. */
  matchLevel: MatchLevel;
  /** The case identified with certainty (certainty.ts), if any: the only case the Agent can be associated with. */
  matchedCaseNumber: string | null;
  /** How that case was identified: a Full match, or the number the client gave. */
  caseConfirmedBy?: 'full-match' | 'client-number' | null;
}

export interface TimelineLine {
  at: string;
  step: WizardStep;
  summary: string;
}

/**
 * What the rep reads out when the association ends, when it is a caller text (issue 13):
 * in the call's language, with the catalogue's id and version. Main adds the SHA-256 of
 * the words (shared/node/texts) before it is stored, so the session records what was read.
 */
export interface EndText {
  id: CallerTextId;
  version: number;
  locale: TextLocale;
  sha256?: string;
}

export interface WizardState {
  step: WizardStep;
  agent: AgentInfo | null;
  clientOnLine: boolean | null;
  client: ClientInfo | null;
  situation: Situation | null;
  consentId: string | null;
  end: { reason: EndReason; guidance: string[]; text?: EndText } | null;
  timeline: TimelineLine[];
}

export class WizardRefusal extends Error {
  override name = 'WizardRefusal';
  /** The policy the refusal follows, for a tooltip; never in the message. */
  constructor(
    message: string,
    readonly source?: string,
  ) {
    super(message);
  }
}

/** The rep's own words, when a new application is refused because the client is on a case; the seed line is the source (issue 12.6). */
export const guidance = {
  neverDuplicate: {
    text: 'Agents must not associate by creating a Prospect or a new benefits application when there is an existing enrollment or benefits application.',
    source: 'Agent Portal: Association With Clients Enrolled Through HealthCare.gov (000:9)',
  },
} as const;

const line = (state: WizardState, now: Date, step: WizardStep, summary: string): TimelineLine[] => [...state.timeline, { at: now.toISOString(), step, summary }];

/** A line of the current step, for what happens inside it (each electronic consent request and how it ended). */
export function note(state: WizardState, at: Date, summary: string): WizardState {
  return { ...state, timeline: line(state, at, state.step, summary) };
}

function expectStep(state: WizardState, step: WizardStep): void {
  if (state.step !== step) throw new WizardRefusal(state.step === 'ended' ? 'This association has ended; start a new one.' : `This is the "${state.step}" step, not "${step}".`);
}

/**
 * The association stopped before it was recorded: the call ended, or the rep started
 * another. Said as what happened, never as "consent was not given" (issue 12.3): the
 * client did not refuse, and a record saying so would be wrong.
 */
export function stopped(state: WizardState, why: 'call-ended' | 'restarted', now: Date): WizardState {
  if (state.step === 'ended') return state;
  const reached =
    state.step === 'consent' ? 'before consent was completed' : state.step === 'confirm' ? 'after consent, before the association was recorded' : 'before consent was asked';
  const text = why === 'call-ended' ? `The call ended ${reached}: no association was made.` : `Set aside ${reached}: a new association was started; no association was made.`;
  const again = why === 'call-ended' ? ['The Agent can ask for the association again in a new three-way call with the client on the line.'] : [];
  return {
    ...state,
    step: 'ended',
    end: { reason: why, guidance: [text, ...again] },
    timeline: line(state, now, state.step, why === 'call-ended' ? `Association ended: the call ended ${reached}` : `Association set aside ${reached}: a new one was started`),
  };
}

export function startWizard(): WizardState {
  return { step: 'agent', agent: null, clientOnLine: null, client: null, situation: null, consentId: null, end: null, timeline: [] };
}

/** a. The Agent. Training not done stops here with the guidance, in the call's language. */
export function submitAgent(state: WizardState, agent: AgentInfo, now: Date, locale: TextLocale = 'en'): WizardState {
  expectStep(state, 'agent');
  const who = `Agent ${agent.name} (${agent.agentId}, ${agent.agency})`;
  if (!agent.trainingDone) {
    return {
      ...state,
      agent,
      step: 'ended',
      end: { reason: 'training-not-done', ...endText('association.training-not-done', locale, {}) },
      timeline: line(state, now, 'agent', `${who}: MyPurpose training not completed; association stopped`),
    };
  }
  return { ...state, agent, step: 'client-on-line', timeline: line(state, now, 'agent', `${who}: MyPurpose training completed`) };
}

/** A caller text as the end's guidance, with what to record of it. */
function endText(id: CallerTextId, locale: TextLocale, values: Record<string, string | undefined>): { guidance: string[]; text: EndText } {
  const r = renderText(id, locale, values);
  return { guidance: r.lines, text: { id: r.id, version: r.version, locale: r.locale } };
}

/** b. Is the client on the line? Required: if not, the alternatives (read in the call's language) and the end. */
export function confirmClientOnLine(state: WizardState, onLine: boolean, now: Date, locale: TextLocale = 'en'): WizardState {
  expectStep(state, 'client-on-line');
  if (!onLine) {
    return {
      ...state,
      clientOnLine: false,
      step: 'ended',
      end: { reason: 'client-not-on-line', ...endText('association.client-not-on-line', locale, {}) },
      timeline: line(state, now, 'client-on-line', 'Client not on the line: cannot associate; alternatives given'),
    };
  }
  return { ...state, clientOnLine: true, step: 'client', timeline: line(state, now, 'client-on-line', 'Client joined the call (three-way)') };
}

/**
 * c. The client, identified through the member-match lookup (its level is recorded).
 * `matchedCaseNumber` is set only when the case is certain (certainty.ts).
 */
export function identifyClient(state: WizardState, client: ClientInfo, now: Date): WizardState {
  expectStep(state, 'client');
  const found = client.matchedCaseNumber ? ` — case ${client.matchedCaseNumber}` : '';
  const level = { full: 'Full match', partial: 'Partial match', none: 'No match' }[client.matchLevel];
  return { ...state, client, step: 'situation', timeline: line(state, now, 'client', `Client looked up: ${level}${found}`) };
}

/** Back to the client's details, to look them up again (a typo, or the number the client found). */
export function lookupAgain(state: WizardState, now: Date): WizardState {
  expectStep(state, 'situation');
  return { ...state, client: null, situation: null, step: 'client', timeline: line(state, now, 'situation', 'Looking the client up again') };
}

/** The rep chose a case among several and the client's number confirmed it (certainty.confirmChoice). */
export function confirmCase(state: WizardState, caseNumber: string, now: Date): WizardState {
  expectStep(state, 'situation');
  return {
    ...state,
    client: { ...state.client!, matchedCaseNumber: caseNumber, caseConfirmedBy: 'client-number' },
    timeline: line(state, now, 'situation', `Case ${caseNumber} chosen and confirmed by the number the client gave`),
  };
}

/** No case is certain and the client cannot confirm one: no association; why, and the alternatives, in the call's language. */
export function caseNotCertain(state: WizardState, why: NotCertainWhy, now: Date, locale: TextLocale = 'en'): WizardState {
  expectStep(state, 'situation');
  return {
    ...state,
    step: 'ended',
    end: { reason: 'case-not-certain', ...endText('association.case-not-certain', locale, { [notCertainNeeds[why]]: 'yes' }) },
    timeline: line(state, now, 'situation', 'No case identified with certainty: no association'),
  };
}

/** The Agent is already on the case: nothing is recorded twice (found at the situation step, or recorded meanwhile). */
export function alreadyAssociated(state: WizardState, caseNumber: string, since: string, now: Date, locale: TextLocale = 'en'): WizardState {
  if (state.step !== 'confirm') expectStep(state, 'situation');
  const a = state.agent!;
  return {
    ...state,
    step: 'ended',
    end: {
      reason: 'already-associated',
      ...endText('association.already-associated', locale, { agentName: a.name, agentId: a.agentId, caseNumber, since: dateWords(since, locale) }),
    },
    timeline: line(state, now, 'situation', `Agent ${a.name} already associated with case ${caseNumber} since ${since}: nothing recorded`),
  };
}

/** Other Agents are on the case: what the client says about them goes on the record. */
export function otherAgentsAnswered(state: WizardState, agents: readonly string[], answer: 'replacing' | 'keeping', now: Date): WizardState {
  expectStep(state, 'situation');
  const who = agents.join(', ');
  const said = answer === 'replacing' ? 'the client says the new Agent replaces them' : 'the client keeps them as well';
  return { ...state, timeline: line(state, now, 'situation', `Case already has ${who}: ${said}`) };
}

/**
 * Consent cannot be completed in this call (machine.consentBlocked): why, and the alternatives,
 * in the call's language. `needs` are the lines of association.consent-not-possible that say why.
 */
export function consentNotPossible(state: WizardState, needs: readonly string[], now: Date, locale: TextLocale = 'en'): WizardState {
  expectStep(state, 'consent');
  return {
    ...state,
    step: 'ended',
    end: { reason: 'consent-not-possible', ...endText('association.consent-not-possible', locale, Object.fromEntries(needs.map((n) => [n, 'yes']))) },
    timeline: line(state, now, 'consent', 'Consent could not be completed in this call: no association'),
  };
}

/**
 * d. The situation. An existing enrollment, application or DCBS case is
 * associated here; a new applicant gets the Agent Portal guidance. Never a new
 * application where the lookup found the client on a case.
 */
export function chooseSituation(
  state: WizardState,
  situation: Situation,
  now: Date,
  lookup: { exactOnCase: boolean; possible: boolean } = { exactOnCase: false, possible: false },
  locale: TextLocale = 'en',
): WizardState {
  expectStep(state, 'situation');
  const client = state.client!;
  if (situation === 'new-applicant') {
    if (client.matchedCaseNumber || lookup.exactOnCase) {
      throw new WizardRefusal(
        `The lookup found this client${client.matchedCaseNumber ? ` on case ${client.matchedCaseNumber}` : ' on an existing case'}. ${guidance.neverDuplicate.text}`,
        guidance.neverDuplicate.source,
      );
    }
    return {
      ...state,
      situation,
      step: 'ended',
      // The Partial-match line (003 §9, line 1091) only when the lookup found a possible record.
      end: { reason: 'new-applicant', ...endText('association.new-applicant', locale, { partialMatch: lookup.possible ? 'yes' : undefined }) },
      timeline: line(state, now, 'situation', 'New applicant: Agent guided to initiate the application in Agent Portal'),
    };
  }
  if (!client.matchedCaseNumber) {
    throw new WizardRefusal(
      "The Agent is associated only with a case identified with certainty: a Full match, or a case or application number whose member agrees with the client's name and date of birth. Choose the case the client confirms, or look the client up again.",
    );
  }
  const what = situation === 'healthcare-gov-enrollment' ? 'a current or previous HealthCare.gov enrollment' : 'an existing benefits application or DCBS case';
  return { ...state, situation, step: 'consent', timeline: line(state, now, 'situation', `Client has ${what}: associate here`) };
}

/** e. Consent decided (see consent/machine.ts): refused ends with no association. */
export function consentDecided(
  state: WizardState,
  outcome: 'accepted' | 'refused',
  consentId: string,
  method: 'electronic' | 'verbal',
  now: Date,
  locale: TextLocale = 'en',
): WizardState {
  expectStep(state, 'consent');
  if (outcome === 'refused') {
    return {
      ...state,
      consentId,
      step: 'ended',
      end: { reason: 'consent-refused', ...endText('association.consent-refused', locale, {}) },
      timeline: line(state, now, 'consent', `Consent refused (${method}): no association`),
    };
  }
  return { ...state, consentId, step: 'confirm', timeline: line(state, now, 'consent', `Consent accepted (${method})`) };
}

/** The case identified with certainty; never a number merely typed. */
export function caseOf(state: WizardState): string {
  const n = state.client?.matchedCaseNumber ?? null;
  if (!n) throw new WizardRefusal('No case identified with certainty to associate with.');
  return n;
}

/** The association is recorded; the confirmation the rep reads to both parties, in the call's language. */
export function associated(state: WizardState, now: Date, locale: TextLocale = 'en'): WizardState {
  expectStep(state, 'confirm');
  const caseNumber = caseOf(state);
  return {
    ...state,
    step: 'ended',
    end: { reason: 'associated', ...endText('association.confirmation', locale, confirmationValues(state, now, locale)) },
    timeline: line(state, now, 'confirm', `Agent ${state.agent!.name} associated with case ${caseNumber}`),
  };
}

/** The values of the confirmation (texts/catalogue.ts, association.confirmation). */
function confirmationValues(state: WizardState, now: Date, locale: TextLocale): Record<string, string> {
  const a = state.agent!;
  const c = state.client!;
  return {
    agentName: a.name,
    agencyName: a.agency,
    caseNumber: caseOf(state),
    clientName: `${c.firstName} ${c.lastName}`,
    clientFirstName: c.firstName,
    date: dateWords(now.toISOString().slice(0, 10), locale),
  };
}

export function confirmationText(state: WizardState, now: Date, locale: TextLocale = 'en'): string {
  return renderText('association.confirmation', locale, confirmationValues(state, now, locale)).text;
}

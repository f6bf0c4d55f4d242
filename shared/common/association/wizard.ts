/**
 * The three-way association call as a step machine (000, 001): the Agent, the
 * client on the line, the client's identity through member match, the
 * situation, consent, then the association. Pure: each step takes the state
 * and "now" and returns the next state, with a line for the call timeline.
 */

export type MatchLevel = 'full' | 'partial' | 'none';
export type Situation = 'healthcare-gov-enrollment' | 'existing-application-or-case' | 'new-applicant';
export type WizardStep = 'agent' | 'client-on-line' | 'client' | 'situation' | 'consent' | 'confirm' | 'ended';
export type EndReason = 'training-not-done' | 'client-not-on-line' | 'new-applicant' | 'consent-refused' | 'associated';

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
  /** The case the match found (or the rep confirmed), if any. */
  matchedCaseNumber: string | null;
}

export interface TimelineLine {
  at: string;
  step: WizardStep;
  summary: string;
}

export interface WizardState {
  step: WizardStep;
  agent: AgentInfo | null;
  clientOnLine: boolean | null;
  client: ClientInfo | null;
  situation: Situation | null;
  consentId: string | null;
  end: { reason: EndReason; guidance: string[] } | null;
  timeline: TimelineLine[];
}

export class WizardRefusal extends Error {
  override name = 'WizardRefusal';
}

export const guidance = {
  training: [
    'Agents must complete Agent training on MyPurpose before they can be associated with a client (000).',
    'Ask the Agent to complete the training, then call back with the client on the line.',
  ],
  noClientOnLine: [
    'The Contact Center can associate an Agent only while the client is on the line; the Agent cannot be associated without the client (000).',
    'The client may call the Contact Center at 1-855-459-6328 on their own to add the Agent to their case.',
    'The client may add the Agent in kynect benefits, by searching for the Agent in the "Reps, kynectors, and Agents" section.',
    'The client may complete the Appendix B form from the kynect benefits website and send it to their local DCBS office.',
  ],
  newApplicant: [
    'For a new applicant with no HealthCare.gov enrollment and no benefits application, the Agent starts the application in Agent Portal (000):',
    'click "Initiate an Application for Individual" on the Agent Portal Dashboard, or create the Prospect and click "Initiate Benefits Application" on the Current Prospect screen;',
    'the Agent is associated in the "Reps, kynectors, and Agents" section of the benefits application, and the association is complete once the application is submitted.',
  ],
  neverDuplicate: 'Agents must not associate by creating a Prospect or a new benefits application when there is an existing enrollment or benefits application (000).',
} as const;

const line = (state: WizardState, now: Date, step: WizardStep, summary: string): TimelineLine[] => [...state.timeline, { at: now.toISOString(), step, summary }];

function expectStep(state: WizardState, step: WizardStep): void {
  if (state.step !== step) throw new WizardRefusal(state.step === 'ended' ? 'This association has ended; start a new one.' : `This is the "${state.step}" step, not "${step}".`);
}

export function startWizard(): WizardState {
  return { step: 'agent', agent: null, clientOnLine: null, client: null, situation: null, consentId: null, end: null, timeline: [] };
}

/** a. The Agent. Training not done stops here with the guidance. */
export function submitAgent(state: WizardState, agent: AgentInfo, now: Date): WizardState {
  expectStep(state, 'agent');
  const who = `Agent ${agent.name} (${agent.agentId}, ${agent.agency})`;
  if (!agent.trainingDone) {
    return { ...state, agent, step: 'ended', end: { reason: 'training-not-done', guidance: [...guidance.training] }, timeline: line(state, now, 'agent', `${who}: MyPurpose training not completed; association stopped`) };
  }
  return { ...state, agent, step: 'client-on-line', timeline: line(state, now, 'agent', `${who}: MyPurpose training completed`) };
}

/** b. Is the client on the line? Required: if not, the alternatives and the end. */
export function confirmClientOnLine(state: WizardState, onLine: boolean, now: Date): WizardState {
  expectStep(state, 'client-on-line');
  if (!onLine) {
    return { ...state, clientOnLine: false, step: 'ended', end: { reason: 'client-not-on-line', guidance: [...guidance.noClientOnLine] }, timeline: line(state, now, 'client-on-line', 'Client not on the line: cannot associate; alternatives given') };
  }
  return { ...state, clientOnLine: true, step: 'client', timeline: line(state, now, 'client-on-line', 'Client joined the call (three-way)') };
}

/** c. The client, identified through the member-match lookup (its level is recorded). */
export function identifyClient(state: WizardState, client: ClientInfo, now: Date): WizardState {
  expectStep(state, 'client');
  const found = client.matchedCaseNumber ? ` — case ${client.matchedCaseNumber}` : '';
  const level = { full: 'Full match', partial: 'Partial match', none: 'No match' }[client.matchLevel];
  return { ...state, client, step: 'situation', timeline: line(state, now, 'client', `Client looked up: ${level}${found}`) };
}

/**
 * d. The situation. An existing enrollment, application or DCBS case is
 * associated here; a new applicant gets the Agent Portal guidance. Never a new
 * application where the lookup found the client on a case.
 */
export function chooseSituation(state: WizardState, situation: Situation, now: Date): WizardState {
  expectStep(state, 'situation');
  const client = state.client!;
  if (situation === 'new-applicant') {
    if (client.matchLevel === 'full' || client.matchedCaseNumber) {
      throw new WizardRefusal(`The lookup found this client${client.matchedCaseNumber ? ` on case ${client.matchedCaseNumber}` : ''}. ${guidance.neverDuplicate} Associate here.`);
    }
    return { ...state, situation, step: 'ended', end: { reason: 'new-applicant', guidance: [...guidance.newApplicant] }, timeline: line(state, now, 'situation', 'New applicant: Agent guided to initiate the application in Agent Portal') };
  }
  if (!client.matchedCaseNumber && !client.caseNumber && !client.applicationNumber) {
    throw new WizardRefusal('To associate here, the client\'s case must be found: look the client up again, or enter the case or application number.');
  }
  const what = situation === 'healthcare-gov-enrollment' ? 'current or previous HealthCare.gov enrollment' : 'existing benefits application or DCBS case';
  return { ...state, situation, step: 'consent', timeline: line(state, now, 'situation', `Client has a ${what}: associate here`) };
}

/** e. Consent decided (see consent/machine.ts): refused ends with no association. */
export function consentDecided(state: WizardState, outcome: 'accepted' | 'refused', consentId: string, method: 'electronic' | 'verbal', now: Date): WizardState {
  expectStep(state, 'consent');
  if (outcome === 'refused') {
    return { ...state, consentId, step: 'ended', end: { reason: 'consent-refused', guidance: ['The client did not consent: no association was made.'] }, timeline: line(state, now, 'consent', `Consent refused (${method}): no association`) };
  }
  return { ...state, consentId, step: 'confirm', timeline: line(state, now, 'consent', `Consent accepted (${method})`) };
}

export function caseOf(state: WizardState): string {
  const c = state.client;
  const n = c?.matchedCaseNumber ?? c?.caseNumber ?? null;
  if (!n) throw new WizardRefusal('No case number to associate with.');
  return n;
}

/** The association is recorded; the confirmation the rep reads to both parties. */
export function associated(state: WizardState, now: Date): WizardState {
  expectStep(state, 'confirm');
  const caseNumber = caseOf(state);
  return {
    ...state,
    step: 'ended',
    end: { reason: 'associated', guidance: [confirmationText(state, now)] },
    timeline: line(state, now, 'confirm', `Agent ${state.agent!.name} associated with case ${caseNumber}`),
  };
}

export function confirmationText(state: WizardState, now: Date): string {
  const a = state.agent!;
  const c = state.client!;
  const date = now.toISOString().slice(0, 10);
  return `${a.name} of ${a.agency} is now associated with case ${caseOf(state)} for ${c.firstName} ${c.lastName} as of ${date}. ${a.name} can now help with this case. ${c.firstName}, you can remove your Agent at any time in kynect benefits under "Reps, kynectors, and Agents", or by calling 1-855-459-6328.`;
}

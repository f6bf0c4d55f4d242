/**
 * Consent for an Agent to be associated with a client's case, as Agent Portal
 * runs it (001): the *Agent* sends an electronic request from Agent Portal, the
 * client has 90 seconds to accept, at most 3 requests to the same client for the
 * same Agent while access is not processed, and the request expires when the
 * Agent goes to another Agent Portal screen (001:79). Verbal consent, where the
 * rep reads each acknowledgment and records the client's answer, is triggered by
 * exactly three causes (001:96-100). The rep moving around kynect Desk never
 * expires anything: only what the Agent reports from Agent Portal does.
 *
 * Pure: every function takes the state and "now" and returns a new state or
 * throws a ConsentRefusal. Time-outs are computed from stored instants, never
 * counted, so a restart or a renderer reload cannot reset them.
 */
import { plural } from '../texts/readable';
import { renderText, type RenderedText, type TextLocale } from '../texts/catalogue';

export const ELECTRONIC_WINDOW_MS = 90_000;
export const MAX_ELECTRONIC_REQUESTS = 3;

/** How the client is reachable electronically, from the case or as the client says. */
export type ClientContact =
  | 'electronic' // preference is email or text: electronic consent can be sent
  | 'not-electronic' // preference is paper/mail
  | 'no-electronic-method' // no email or phone for texts on file
  | 'unknown-to-system'; // the client is not found in the system

/**
 * - left-screen: the Agent left the Agent Portal screen, which expires the request (001:79);
 *   recorded by the rep when the Agent says so. Not "did not respond".
 * - abandoned: the association ended (call over, started again) while the request waited.
 */
export type ElectronicOutcome = 'pending' | 'accepted' | 'declined' | 'no-response' | 'technical-failure' | 'left-screen' | 'abandoned';

export const electronicOutcomeText: Record<ElectronicOutcome, string> = {
  pending: 'waiting for the client',
  accepted: 'Client Consent Received',
  declined: 'the client declined',
  'no-response': 'the client did not respond within 90 seconds',
  'technical-failure': 'technical failure in processing the request',
  'left-screen': 'expired: the Agent left the Agent Portal screen',
  abandoned: 'expired: the association ended while it waited',
};

export interface ElectronicAttempt {
  number: number;
  sentAt: string;
  expiresAt: string;
  outcome: ElectronicOutcome;
  resolvedAt: string | null;
}

/**
 * Verbal consent for an Agent association "will be triggered if" exactly one of three
 * things happened (001:96-100). "No electronic communication method" and "not known to
 * the system" are not among them: Agent Portal shows the Agent next steps instead
 * (001:114). `chose-verbal` is kynect resources partner access (002 Q22), where a verbal
 * acknowledgment is one of the ways to consent, not a fallback.
 */
export type VerbalTrigger = 'technical-failure' | 'not-electronic' | 'no-response' | 'chose-verbal';

export const verbalTriggerText: Record<VerbalTrigger, string> = {
  'technical-failure': 'there was a technical failure in processing the electronic consent (001)',
  'not-electronic': "the client's communication preference is not electronic (001)",
  'no-response': 'the client did not respond to the electronic consent within 90 seconds (001)',
  'chose-verbal': 'the resident chose to give consent by verbal acknowledgment (002)',
};

/** The line of the next-steps texts that says which of the two it is. */
const nextStepsNeed = { 'no-electronic-method': 'noElectronicMethod', 'unknown-to-system': 'unknownToSystem' } as const;

/**
 * 001:114: "If the Client does not have an electronic communication method or they are not
 * known to the system, a message will display to the Agent informing them of next steps."
 * The seed does not say what those steps are, so the desk says who has them. A caller text
 * (texts/catalogue.ts, consent.agent-portal-next-steps), in the call's language.
 */
export function agentPortalNextStepsText(contact: ClientContact, locale: TextLocale = 'en'): RenderedText | null {
  if (contact !== 'no-electronic-method' && contact !== 'unknown-to-system') return null;
  return renderText('consent.agent-portal-next-steps', locale, { [nextStepsNeed[contact]]: 'yes' });
}

export function agentPortalNextSteps(contact: ClientContact, locale: TextLocale = 'en'): string[] | null {
  return agentPortalNextStepsText(contact, locale)?.lines ?? null;
}

/**
 * Verbal consent from the start, for consents where telling the rep is one of the ways
 * the resident may give it (kynect resources partner access, 002), not a fallback.
 */
export function startChosenVerbal(script: { id: string; version: number; locale: 'en' | 'es'; textSha256: string; acknowledgmentIds: string[] }, now: Date): ConsentState {
  if (script.acknowledgmentIds.length === 0) throw new ConsentRefusal('The script has no acknowledgments.');
  return {
    contact: 'not-electronic',
    priorRequests: 0,
    attempts: [],
    status: 'open',
    method: null,
    decidedAt: null,
    refusal: null,
    verbal: {
      scriptId: script.id,
      scriptVersion: script.version,
      locale: script.locale,
      textSha256: script.textSha256,
      trigger: 'chose-verbal',
      startedAt: now.toISOString(),
      acknowledgments: script.acknowledgmentIds.map((id) => ({ id, readAt: null, answer: null, answeredAt: null })),
    },
  };
}

export type Answer = 'agree' | 'disagree';

export interface AcknowledgmentState {
  id: string;
  readAt: string | null;
  answer: Answer | null;
  answeredAt: string | null;
}

export interface VerbalSession {
  scriptId: string;
  scriptVersion: number;
  locale: 'en' | 'es';
  /** SHA-256 of the exact text the rep was shown (computed in main). */
  textSha256: string;
  trigger: VerbalTrigger;
  startedAt: string;
  acknowledgments: AcknowledgmentState[];
}

export type ConsentStatus = 'open' | 'accepted' | 'refused';

export interface ConsentState {
  contact: ClientContact;
  /** Electronic requests already sent to this client for this Agent before this session, access not processed. */
  priorRequests: number;
  /** How the latest of those ended, when known: after the 3rd ran out or failed, verbal consent is offered (001:7). */
  priorLastOutcome?: ElectronicOutcome | null;
  attempts: ElectronicAttempt[];
  verbal: VerbalSession | null;
  status: ConsentStatus;
  method: 'electronic' | 'verbal' | null;
  decidedAt: string | null;
  /** Why it was refused, in the rep's words for the record. */
  refusal: string | null;
}

export class ConsentRefusal extends Error {
  override name = 'ConsentRefusal';
}

const iso = (d: Date) => d.toISOString();
const ms = (s: string) => new Date(s).getTime();

export function startConsent(input: { contact: ClientContact; priorRequests?: number; priorLastOutcome?: ElectronicOutcome | null }): ConsentState {
  const prior = input.priorRequests ?? 0;
  if (!Number.isInteger(prior) || prior < 0) throw new ConsentRefusal('The number of earlier requests must be a whole number of 0 or more.');
  return {
    contact: input.contact,
    priorRequests: prior,
    priorLastOutcome: prior > 0 ? (input.priorLastOutcome ?? null) : null,
    attempts: [],
    verbal: null,
    status: 'open',
    method: null,
    decidedAt: null,
    refusal: null,
  };
}

/** A pending request whose 90 seconds ran out becomes "did not respond" — applied before every step. */
export function settle(state: ConsentState, now: Date): ConsentState {
  const last = state.attempts.at(-1);
  if (!last || last.outcome !== 'pending' || now.getTime() < ms(last.expiresAt)) return state;
  return replaceLast(state, { ...last, outcome: 'no-response', resolvedAt: last.expiresAt });
}

function replaceLast(state: ConsentState, attempt: ElectronicAttempt): ConsentState {
  return { ...state, attempts: [...state.attempts.slice(0, -1), attempt] };
}

function requireOpen(state: ConsentState): void {
  if (state.status !== 'open') throw new ConsentRefusal(`Consent is already ${state.status === 'accepted' ? 'accepted' : 'refused'}; start a new consent to ask again.`);
}

export function pendingAttempt(state: ConsentState, now: Date): ElectronicAttempt | null {
  const last = settle(state, now).attempts.at(-1);
  return last && last.outcome === 'pending' ? last : null;
}

export function requestsUsed(state: ConsentState): number {
  return state.priorRequests + state.attempts.length;
}

/** Whether another electronic request may be sent now, and if not, why (with what to do instead only when it is possible). */
export function electronicAllowed(state: ConsentState, now: Date): { allowed: true } | { allowed: false; reason: string } {
  const s = settle(state, now);
  if (s.status !== 'open') return { allowed: false, reason: 'Consent is already decided.' };
  if (s.contact === 'not-electronic') return { allowed: false, reason: `Electronic consent cannot be sent: ${verbalTriggerText['not-electronic']}. Use verbal consent.` };
  if (s.contact !== 'electronic') return { allowed: false, reason: agentPortalNextSteps(s.contact)![0]! };
  if (s.verbal) return { allowed: false, reason: 'Verbal consent is in progress.' };
  if (pendingAttempt(s, now)) return { allowed: false, reason: 'A request is already waiting for the client.' };
  if (requestsUsed(s) >= MAX_ELECTRONIC_REQUESTS) {
    const max = `${MAX_ELECTRONIC_REQUESTS} electronic consent requests have already been sent to this client for this Agent while access is not processed; Agent Portal allows no more (001).`;
    return { allowed: false, reason: verbalTrigger(s, now) ? `${max} Use verbal consent.` : max };
  }
  return { allowed: true };
}

/**
 * Consent that can go no further in this call: no electronic request left, nothing that
 * triggers verbal consent, nothing waiting. Said plainly, never a button that then refuses.
 */
export function consentBlocked(state: ConsentState, now: Date): { reason: string; needs: string[] } | null {
  const s = settle(state, now);
  if (s.status !== 'open' || s.verbal || pendingAttempt(s, now) || verbalTrigger(s, now)) return null;
  if (s.contact === 'no-electronic-method' || s.contact === 'unknown-to-system') {
    return { reason: agentPortalNextSteps(s.contact)!.join(' '), needs: [nextStepsNeed[s.contact], 'nextSteps'] };
  }
  if (s.contact === 'electronic' && requestsUsed(s) >= MAX_ELECTRONIC_REQUESTS) {
    const last = s.attempts.at(-1)?.outcome ?? s.priorLastOutcome ?? null;
    const how = last ? ` The last one ended: ${electronicOutcomeText[last]}.` : '';
    const lastNeed = last === 'left-screen' ? 'lastLeftScreen' : last === 'abandoned' ? 'lastAbandoned' : last === 'declined' ? 'lastDeclined' : null;
    return {
      reason: `${MAX_ELECTRONIC_REQUESTS} electronic consent requests have been sent while access is not processed, and Agent Portal allows no more (001).${how} Verbal consent is triggered only by a technical failure, a preference that is not electronic, or no response within 90 seconds (001), so consent cannot be completed in this call.`,
      needs: ['maxRequests', ...(lastNeed ? [lastNeed] : [])],
    };
  }
  return null;
}

/** The rep records that the Agent sent an electronic consent request from Agent Portal; the 90 seconds start now. */
export function requestElectronic(state: ConsentState, now: Date): ConsentState {
  const s = settle(state, now);
  requireOpen(s);
  const allowed = electronicAllowed(s, now);
  if (!allowed.allowed) throw new ConsentRefusal(allowed.reason);
  const attempt: ElectronicAttempt = {
    number: requestsUsed(s) + 1,
    sentAt: iso(now),
    expiresAt: iso(new Date(now.getTime() + ELECTRONIC_WINDOW_MS)),
    outcome: 'pending',
    resolvedAt: null,
  };
  return { ...s, attempts: [...s.attempts, attempt] };
}

/** What Agent Portal showed for the pending request: accepted, declined, or a technical failure. */
export function recordElectronicOutcome(state: ConsentState, outcome: 'accepted' | 'declined' | 'technical-failure', now: Date): ConsentState {
  const s = settle(state, now);
  requireOpen(s);
  const last = s.attempts.at(-1);
  if (!last) throw new ConsentRefusal('No electronic request was sent.');
  if (last.outcome === 'no-response') {
    throw new ConsentRefusal(`The 90 seconds ran out at ${last.expiresAt.slice(11, 19)} UTC: the client did not respond in time. Send a new request or use verbal consent.`);
  }
  if (last.outcome !== 'pending') throw new ConsentRefusal('The last request is already closed.');
  const next = replaceLast(s, { ...last, outcome, resolvedAt: iso(now) });
  if (outcome === 'accepted') return { ...next, status: 'accepted', method: 'electronic', decidedAt: iso(now) };
  if (outcome === 'declined') return { ...next, status: 'refused', method: 'electronic', decidedAt: iso(now), refusal: 'The client declined the electronic consent request.' };
  return next;
}

function expirePending(state: ConsentState, outcome: 'left-screen' | 'abandoned', now: Date): ConsentState {
  const s = settle(state, now);
  const last = s.attempts.at(-1);
  if (!last || last.outcome !== 'pending') return s;
  return replaceLast(s, { ...last, outcome, resolvedAt: iso(now) });
}

/**
 * The Agent says they went to another Agent Portal screen: the request expired (001:79).
 * It was sent, so it counts toward the 3 (001:72 limits the requests an Agent can make
 * while access is not processed, and makes no exception for expired ones); it is not
 * "did not respond", so it does not trigger verbal consent by itself.
 */
export function agentLeftScreen(state: ConsentState, now: Date): ConsentState {
  const s = settle(state, now);
  if (!pendingAttempt(s, now)) throw new ConsentRefusal('No electronic request is waiting: there is nothing for the Agent to have expired.');
  return expirePending(s, 'left-screen', now);
}

/** The association ended (the call ended, or it was started again) while a request waited. */
export function abandonPending(state: ConsentState, now: Date): ConsentState {
  return expirePending(state, 'abandoned', now);
}

/** Why verbal consent may be used now, or null when it may not (yet): exactly the three causes of 001. */
export function verbalTrigger(state: ConsentState, now: Date): VerbalTrigger | null {
  const s = settle(state, now);
  if (s.verbal) return s.verbal.trigger;
  if (s.contact === 'not-electronic') return 'not-electronic';
  if (s.contact !== 'electronic') return null;
  const triggerOf = (o: ElectronicOutcome | null | undefined): VerbalTrigger | null =>
    o === 'technical-failure' ? 'technical-failure' : o === 'no-response' ? 'no-response' : null;
  if (pendingAttempt(s, now)) return null;
  // A request that ran out or failed triggers it, even if a later one expired because the Agent left the screen.
  for (const a of [...s.attempts].reverse()) {
    const t = triggerOf(a.outcome);
    if (t) return t;
  }
  // No such request in this session because earlier ones used up the 3: how the last of them ended decides.
  if (s.attempts.length === 0 && requestsUsed(s) >= MAX_ELECTRONIC_REQUESTS) return triggerOf(s.priorLastOutcome);
  return null;
}

export function startVerbal(
  state: ConsentState,
  script: { id: string; version: number; locale: 'en' | 'es'; textSha256: string; acknowledgmentIds: string[] },
  now: Date,
): ConsentState {
  const s = settle(state, now);
  requireOpen(s);
  if (s.verbal) throw new ConsentRefusal('Verbal consent is already in progress.');
  const trigger = verbalTrigger(s, now);
  if (!trigger) {
    const pending = pendingAttempt(s, now);
    throw new ConsentRefusal(
      pending
        ? 'An electronic request is still waiting for the client: wait for the answer or for the 90 seconds to run out.'
        : "Verbal consent is triggered only when there is a technical failure in processing the electronic consent, the client's communication preference is not electronic, or the client does not respond to the electronic consent (001). Ask the Agent to send the electronic request from Agent Portal first.",
    );
  }
  if (script.acknowledgmentIds.length === 0) throw new ConsentRefusal('The script has no acknowledgments.');
  return {
    ...s,
    verbal: {
      scriptId: script.id,
      scriptVersion: script.version,
      locale: script.locale,
      textSha256: script.textSha256,
      trigger,
      startedAt: iso(now),
      acknowledgments: script.acknowledgmentIds.map((id) => ({ id, readAt: null, answer: null, answeredAt: null })),
    },
  };
}

function updateAck(state: ConsentState, id: string, f: (a: AcknowledgmentState) => AcknowledgmentState): ConsentState {
  requireOpen(state);
  if (!state.verbal) throw new ConsentRefusal('Verbal consent has not started.');
  const found = state.verbal.acknowledgments.find((a) => a.id === id);
  if (!found) throw new ConsentRefusal(`There is no acknowledgment "${id}" in this script.`);
  return { ...state, verbal: { ...state.verbal, acknowledgments: state.verbal.acknowledgments.map((a) => (a.id === id ? f(a) : a)) } };
}

/** The rep has read this acknowledgment aloud. */
export function markRead(state: ConsentState, id: string, now: Date): ConsentState {
  return updateAck(state, id, (a) => (a.readAt ? a : { ...a, readAt: iso(now) }));
}

/** The client's answer to an acknowledgment that was read. */
export function recordAnswer(state: ConsentState, id: string, answer: Answer, now: Date): ConsentState {
  return updateAck(state, id, (a) => {
    if (!a.readAt) throw new ConsentRefusal('Read the acknowledgment aloud before recording the answer.');
    return { ...a, answer, answeredAt: iso(now) };
  });
}

/** Accept is possible only when every acknowledgment is read and agreed. */
export function canAcceptVerbal(state: ConsentState): boolean {
  return state.status === 'open' && state.verbal !== null && state.verbal.acknowledgments.every((a) => a.readAt !== null && a.answer === 'agree');
}

export function acceptVerbal(state: ConsentState, now: Date): ConsentState {
  requireOpen(state);
  if (!canAcceptVerbal(state)) {
    const open = state.verbal?.acknowledgments.filter((a) => !a.readAt || a.answer !== 'agree').map((a) => a.id) ?? [];
    throw new ConsentRefusal(`Every acknowledgment must be read and agreed before Accept (${open.length} not yet: ${open.join(', ')}).`);
  }
  return { ...state, status: 'accepted', method: 'verbal', decidedAt: iso(now) };
}

/** The client refuses (or disagrees with an acknowledgment): no association. */
export function refuseVerbal(state: ConsentState, reason: string, now: Date): ConsentState {
  requireOpen(state);
  if (!state.verbal) throw new ConsentRefusal('Verbal consent has not started.');
  return { ...state, status: 'refused', method: 'verbal', decidedAt: iso(now), refusal: reason.trim() || 'The client refused verbal consent.' };
}

/** Screen-reader milestones of the 90-second countdown: 60, 30, 10 seconds left and expiry — never every tick. */
export const COUNTDOWN_MILESTONES = [60, 30, 10, 0] as const;
export type Milestone = (typeof COUNTDOWN_MILESTONES)[number];

/** The milestone crossed between two instants (the latest one, if several), or null. */
export function crossedMilestone(expiresAt: string, previous: Date, now: Date): Milestone | null {
  const end = ms(expiresAt);
  const before = (end - previous.getTime()) / 1000;
  const after = (end - now.getTime()) / 1000;
  let crossed: Milestone | null = null;
  for (const m of COUNTDOWN_MILESTONES) if (before > m && after <= m) crossed = m;
  return crossed;
}

export function milestoneText(m: Milestone): string {
  return m === 0 ? 'The electronic consent request expired: the client did not respond.' : `${plural(m, 'second')} left for the client to accept.`;
}

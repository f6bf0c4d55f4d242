/**
 * Consent for an Agent to be associated with a client's case, as Agent Portal
 * runs it (001): an electronic request the client has 90 seconds to accept, at
 * most 3 requests to the same client for the same Agent while access is not
 * processed, expiring when the screen is left; else verbal consent, where the
 * rep reads each acknowledgment and records the client's answer.
 *
 * Pure: every function takes the state and "now" and returns a new state or
 * throws a ConsentRefusal. Time-outs are computed from stored instants, never
 * counted, so a restart or a renderer reload cannot reset them.
 */

export const ELECTRONIC_WINDOW_MS = 90_000;
export const MAX_ELECTRONIC_REQUESTS = 3;

/** How the client is reachable electronically, from the case or as the client says. */
export type ClientContact =
  | 'electronic' // preference is email or text: electronic consent can be sent
  | 'not-electronic' // preference is paper/mail
  | 'no-electronic-method' // no email or phone for texts on file
  | 'unknown-to-system'; // the client is not found in the system

export type ElectronicOutcome = 'pending' | 'accepted' | 'declined' | 'no-response' | 'technical-failure' | 'left-screen';

export interface ElectronicAttempt {
  number: number;
  sentAt: string;
  expiresAt: string;
  outcome: ElectronicOutcome;
  resolvedAt: string | null;
}

export type VerbalTrigger = 'technical-failure' | 'not-electronic' | 'no-response' | 'no-electronic-method' | 'unknown-to-system' | 'chose-verbal';

export const verbalTriggerText: Record<VerbalTrigger, string> = {
  'technical-failure': 'the electronic request failed for a technical reason',
  'not-electronic': "the client's communication preference is not electronic",
  'no-response': 'the client did not respond to the electronic request within 90 seconds',
  'no-electronic-method': 'the client has no electronic communication method',
  'unknown-to-system': 'the client is not known to the system',
  // kynect resources (002): a resident may consent by email, by text, or by telling the rep.
  'chose-verbal': 'the resident chose to give consent by telling the rep',
};

/**
 * Verbal consent from the start, for consents where telling the rep is one of the ways
 * the resident may give it (kynect resources partner access, 002), not a fallback.
 */
export function startChosenVerbal(
  script: { id: string; version: number; locale: 'en' | 'es'; textSha256: string; acknowledgmentIds: string[] },
  now: Date,
): ConsentState {
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

export function startConsent(input: { contact: ClientContact; priorRequests?: number }): ConsentState {
  const prior = input.priorRequests ?? 0;
  if (!Number.isInteger(prior) || prior < 0) throw new ConsentRefusal('The number of earlier requests must be a whole number of 0 or more.');
  return { contact: input.contact, priorRequests: prior, attempts: [], verbal: null, status: 'open', method: null, decidedAt: null, refusal: null };
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

/** Whether another electronic request may be sent now, and if not, why. */
export function electronicAllowed(state: ConsentState, now: Date): { allowed: true } | { allowed: false; reason: string } {
  const s = settle(state, now);
  if (s.status !== 'open') return { allowed: false, reason: 'Consent is already decided.' };
  if (s.contact !== 'electronic') return { allowed: false, reason: `Electronic consent cannot be sent: ${verbalTriggerText[s.contact]}. Use verbal consent.` };
  if (s.verbal) return { allowed: false, reason: 'Verbal consent is in progress.' };
  if (pendingAttempt(s, now)) return { allowed: false, reason: 'A request is already waiting for the client.' };
  if (requestsUsed(s) >= MAX_ELECTRONIC_REQUESTS) {
    return {
      allowed: false,
      reason: `${MAX_ELECTRONIC_REQUESTS} electronic consent requests have already been sent to this client for this Agent while access is not processed; Agent Portal allows no more. Use verbal consent.`,
    };
  }
  return { allowed: true };
}

/** The rep records that an electronic consent request was sent; the 90 seconds start now. */
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

/** Leaving the consent screen expires a pending request, as Agent Portal does. It still counts toward the 3. */
export function leaveScreen(state: ConsentState, now: Date): ConsentState {
  const s = settle(state, now);
  const last = s.attempts.at(-1);
  if (!last || last.outcome !== 'pending') return s;
  return replaceLast(s, { ...last, outcome: 'left-screen', resolvedAt: iso(now) });
}

/** Why verbal consent may be used now, or null when it may not (yet). */
export function verbalTrigger(state: ConsentState, now: Date): VerbalTrigger | null {
  const s = settle(state, now);
  if (s.contact !== 'electronic') return s.contact;
  const last = s.attempts.at(-1);
  if (last?.outcome === 'technical-failure') return 'technical-failure';
  if (last?.outcome === 'no-response') return 'no-response';
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
        : 'Verbal consent is used when the electronic request failed for a technical reason, the client did not respond, the client does not prefer electronic communication, or has no electronic method or is unknown to the system. Send an electronic request first.',
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
  return m === 0 ? 'The electronic consent request expired: the client did not respond.' : `${m} seconds left for the client to accept.`;
}

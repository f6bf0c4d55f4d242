/**
 * A rep's work through the router, as the renderer asks for it: calls, a whole
 * association with electronic consent, an ESE intake. Used by the central store's
 * tests, the fault tests' desk processes and the push-lag benchmark.
 */
import type { Desk } from '../../shared/node/host/desk';

async function call(desk: Desk, channel: string, request: unknown): Promise<any> {
  const r = await desk.router.dispatch(channel, request, { via: 'test' });
  if (!r.ok) throw new Error(`${channel}: ${JSON.stringify(r.error)}`);
  return r.value;
}

export const MEMBERS_HEADER =
  'member_id,case_number,application_number,first_name,middle_name,last_name,suffix,date_of_birth,sex,ssn,head_of_household,case_status,application_submitted_on';

/** A members.csv line for member n of a synthetic extract (case = n / 3). */
export function memberLine(n: number, change = ''): string {
  const c = 100_000_000 + Math.floor(n / 3);
  const ssn = String(100_000_000 + ((n * 7919) % 899_999_999)).slice(0, 9);
  const dob = `19${String(40 + (n % 60)).padStart(2, '0')}-${String(1 + (n % 12)).padStart(2, '0')}-${String(1 + (n % 28)).padStart(2, '0')}`;
  return `M-${n},${c},A-${c},First${n}${change},,Last${n % 997},,${dob},${n % 2 ? 'M' : 'F'},${ssn},${n % 3 === 0},Active,2026-01-15`;
}

/** The person of memberLine(n), as a rep would type them. */
export function memberPerson(n: number) {
  const cells = memberLine(n).split(',');
  return { firstName: cells[3]!, lastName: cells[5]!, dateOfBirth: cells[7]!, sex: cells[8]!, caseNumber: cells[1]! };
}

export function membersCsv(from: number, to: number, change = (_n: number) => ''): string {
  const lines = [MEMBERS_HEADER];
  for (let n = from; n < to; n++) lines.push(memberLine(n, change(n)));
  return lines.join('\n') + '\n';
}

export function ensureOperator(desk: Desk, name = 'Dana Rep'): void {
  if (!desk.operators.current()) desk.operators.save({ name, role: 'rep', pin: '2468' });
}

/** A whole call: start, hold, resume, a note, end, wrap-up. */
export async function doCall(desk: Desk, n = 0): Promise<string> {
  ensureOperator(desk);
  const s = await call(desk, 'app:call.start', { callerType: n % 2 ? 'resident' : 'agent', caseNumber: String(100_300_000 + n) });
  const id = s.call.id as string;
  await call(desk, 'app:call.hold', { callId: id });
  await call(desk, 'app:call.resume', { callId: id });
  await call(desk, 'app:call.notes.save', { callId: id, notes: `Call ${n}: asked about renewal.`, baseRevision: 0 });
  await call(desk, 'app:call.end', { callId: id });
  await call(desk, 'app:call.wrapUp', { callId: id, disposition: 'resolved' });
  return id;
}

/**
 * An association with electronic consent accepted, for a client found by case
 * number (the desk's cache must hold the case: `memberLine`).
 */
type Pair = { firstName: string; lastName: string; dateOfBirth: string; sex: string; caseNumber: string; agentId: string };

/** A new association up to the consent step: the Agent, the client on the line and found, the situation. */
async function toConsent(desk: Desk, p: Pair): Promise<{ id: string }> {
  ensureOperator(desk);
  const s = await call(desk, 'app:association.start', {});
  await call(desk, 'app:association.agent', { sessionId: s.id, agent: { name: `Agent ${p.agentId}`, agentId: p.agentId, agency: 'Bluegrass Benefits', trainingDone: true } });
  await call(desk, 'app:association.clientOnLine', { sessionId: s.id, onLine: true });
  await call(desk, 'app:association.identify', {
    sessionId: s.id,
    client: { firstName: p.firstName, lastName: p.lastName, sex: p.sex, dateOfBirth: p.dateOfBirth, caseNumber: p.caseNumber },
  });
  const situation = { sessionId: s.id, situation: 'existing-application-or-case' };
  const r = await desk.router.dispatch('app:association.situation', situation, { via: 'test' });
  // Another desk may have associated an Agent with this case first (the central store
  // shares associations): the rep asks, and this client keeps them.
  if (!r.ok && r.error.fieldErrors?.otherAgents) await call(desk, 'app:association.situation', { ...situation, otherAgents: 'keeping' });
  else if (!r.ok) throw new Error(`app:association.situation: ${JSON.stringify(r.error)}`);
  return s;
}

export async function doAssociation(desk: Desk, p: Pair): Promise<{ sessionId: string; recordId: string }> {
  const s = await toConsent(desk, p);
  await call(desk, 'app:association.consentStart', { sessionId: s.id, contact: 'electronic' });
  await call(desk, 'app:association.consentRequest', { sessionId: s.id });
  const accepted = await call(desk, 'app:association.consentOutcome', { sessionId: s.id, outcome: 'accepted' });
  await call(desk, 'app:association.confirm', { sessionId: s.id });
  const open = (await call(desk, 'app:call.current', {})).call;
  if (open) {
    await call(desk, 'app:call.end', { callId: open.id });
    await call(desk, 'app:call.wrapUp', { callId: open.id, disposition: 'association_completed' });
  }
  return { sessionId: s.id, recordId: accepted.consent.recordId };
}

/** Electronic consent started and requested, then left pending (counts toward the 3). */
export async function requestConsent(desk: Desk, p: Pair, awaitCount = false): Promise<any> {
  const s = await toConsent(desk, p);
  let started = await call(desk, 'app:association.consentStart', { sessionId: s.id, contact: 'electronic' });
  // The central store's count arrives in the background (a rep takes longer than this to get here).
  for (let i = 0; awaitCount && started.consent.requestsCounted === 'this-desk' && i < 100; i++) {
    await new Promise((r) => setTimeout(r, 50));
    started = await call(desk, 'app:association.current', {});
  }
  if (!started.consent.electronic.allowed) return started;
  return call(desk, 'app:association.consentRequest', { sessionId: s.id });
}

export { call as dispatch };

/**
 * Everything a lookup reads from a desk's member cache, by member id (not by row id or SSN
 * block): two caches that compare equal answer every lookup alike, however each was filled.
 */
export function cacheSnapshot(d: Desk) {
  const db = d.db;
  const members = db
    .prepare(
      'SELECT member_id, case_number, application_number, first_name, middle_name, last_name, suffix, date_of_birth, sex, head_of_household FROM match_member ORDER BY member_id',
    )
    .all() as { member_id: string }[];
  return {
    members,
    ssns: members.map((m) => d.services.match.store.ssnOf(m.member_id)),
    keys: db.prepare('SELECT m.member_id, k.key FROM match_key k JOIN match_member m ON m.id = k.member ORDER BY 1, 2').raw().all(),
    names: db.prepare('SELECT part, name, members FROM match_name_count ORDER BY part, name').raw().all(),
    cases: db.prepare('SELECT case_number, status FROM match_case ORDER BY 1').raw().all(),
    applications: db.prepare('SELECT application_number, case_number, submitted_on FROM match_application ORDER BY 1').raw().all(),
  };
}

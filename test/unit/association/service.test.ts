import { afterEach, describe, expect, it } from 'vitest';
import { importChunks } from '../../../shared/node/match/importer';
import { openTestDesk } from '../../helpers/temp';
import { dispatcher } from '../../helpers/dispatch';
import { callFacts, suggestDispositions } from '../../../shared/common/calls/facts';
import { defaultDispositions } from '../../../shared/common/calls/dispositions';

const MEMBERS = `member_id,case_number,application_number,first_name,middle_name,last_name,suffix,date_of_birth,sex,ssn,head_of_household,case_status,application_submitted_on
M-1001,100300113,A-5551,John,Q,Doe,,1977-02-03,M,123456789,true,Active,2026-11-18
M-1002,100300113,A-5551,Jane,,Doe,,1979-06-11,F,234567891,false,Active,2026-11-18
`;
const agent = { name: 'Maria West', agentId: 'NPN1234567', agency: 'Bluegrass Benefits', trainingDone: true };
const client = { firstName: 'John', lastName: 'Doe', sex: 'M', dateOfBirth: '1977-02-03', ssn: '123456789' };

let t: ReturnType<typeof openTestDesk> | undefined;
afterEach(() => t?.close());

const { call, refusedBy } = dispatcher(() => t!.desk);

async function atConsent() {
  const { id, view: identified } = await atSituation(client, MEMBERS);
  const s = { id };
  expect(identified.lookup.level).toBe('full');
  expect(identified.client.matchedCaseNumber).toBe('100300113');
  const situated = await call('app:association.situation', { sessionId: s.id, situation: 'existing-application-or-case' });
  expect(situated.step).toBe('consent');
  return s.id;
}

describe('association service (main owns the wizard and consent)', () => {
  it('electronic consent accepted → consent record, association in the cache, confirmation, every step on the audit log', async () => {
    const id = await atConsent();
    await call('app:association.consentStart', { sessionId: id, contact: 'electronic' });
    const sent = await call('app:association.consentRequest', { sessionId: id });
    expect(sent.consent.pending).toMatchObject({ number: 1, expiresAt: new Date(t!.clock.now().getTime() + 90_000).toISOString() });
    t!.clock.advance(30_000);
    const accepted = await call('app:association.consentOutcome', { sessionId: id, outcome: 'accepted' });
    expect(accepted.step).toBe('confirm');
    expect(accepted.consent).toMatchObject({ status: 'accepted', method: 'electronic', recordId: expect.any(String) });
    const done = await call('app:association.confirm', { sessionId: id });
    expect(done.end.reason).toBe('associated');
    expect(done.end.guidance[0]).toContain('Maria West of Bluegrass Benefits is now associated with case 100300113 for John Doe');
    // Issue 12 point 2: one line per lookup (the association's, not also the match area's).
    const afterConfirm = t!.desk.services.calls.current().call!;
    const lookups = afterConfirm.timeline.filter((e) => e.kind === 'match.search' || /looked up/i.test(e.summary));
    expect(lookups.map((e) => e.summary)).toEqual(['Client looked up: Full match — case 100300113']);
    expect(t!.desk.audit.recent(40).filter((e) => e.action === 'match.lookup').length).toBeGreaterThan(0);
    // What the call learned, for its notes templates and the wrap-up suggestion.
    const facts = callFacts(afterConfirm);
    expect(facts).toMatchObject({ agentName: 'Maria West', agentNpn: 'NPN1234567', caseNumber: '100300113', matchLevel: 'full', consentMethod: 'electronic' });
    expect(facts).toMatchObject({ consentOutcome: 'accepted', associationOutcome: 'associated', clientOnLine: true, memberLookups: 1 });
    expect(suggestDispositions(facts, defaultDispositions).map((d) => d.code)).toEqual(['association_completed']);
    // The member-match lookup now shows the Agent on the case.
    const lookup = t!.desk.services.match.lookup.lookup({ firstName: '', lastName: '', dateOfBirth: '', sex: '', caseNumber: '100300113' } as never);
    expect(lookup.cases[0]!.agents.map((a) => a.agentName)).toContain('Maria West');
    expect(t!.desk.db.prepare('SELECT count(*) FROM agent_association').pluck().get()).toBe(1);
    // Issue 12 point 2: the case and the Agent calling become the open call's, so history finds it by case.
    const open = t!.desk.services.calls.current().call!;
    expect(open).toMatchObject({ caseNumber: '100300113', callerName: 'Maria West' });
    const found = t!.desk.services.calls.search({ caseNumber: '100300113' });
    expect(found.map((c) => c.id)).toEqual([open.id]);
    const actions = t!.desk.audit.recent(30).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['association.started', 'association.agent', 'consent.accepted', 'association.associated']));
    expect(t!.desk.audit.verify().ok).toBe(true);
  });

  it('every saved step raises the revision and a read does not, so a window can drop a late push', async () => {
    const id = await atConsent();
    const before = (await call('app:association.current', {})).revision;
    expect(before).toBeGreaterThan(0);
    const started = await call('app:association.consentStart', { sessionId: id, contact: 'electronic' });
    expect(started.revision).toBe(before + 1);
    expect((await call('app:association.current', {})).revision).toBe(before + 1);
  });

  it('the countdown is main\'s: a reload (get) after 90 s shows "did not respond" and offers verbal consent', async () => {
    const id = await atConsent();
    await call('app:association.consentStart', { sessionId: id, contact: 'electronic' });
    await call('app:association.consentRequest', { sessionId: id });
    t!.clock.advance(90_000);
    const view = await call('app:association.current', {});
    expect(view.id).toBe(id);
    expect(view.consent.pending).toBeNull();
    expect(view.consent.attempts[0].outcome).toBe('no-response');
    expect(view.consent.verbalTrigger).toBe('no-response');
    const late = await refusedBy('app:association.consentOutcome', { sessionId: id, outcome: 'accepted' });
    expect(late.message).toMatch(/90 seconds ran out/);
  });

  it('verbal consent in Spanish: Accept only after every acknowledgment is read and agreed; the record keeps the script hash', async () => {
    const id = await atConsent();
    await call('app:association.consentStart', { sessionId: id, contact: 'not-electronic' });
    const v = await call('app:association.verbalStart', { sessionId: id, locale: 'es' });
    expect(v.consent.verbal.intro).toContain('Maria West, de Bluegrass Benefits, está en la línea');
    expect(v.consent.verbal.intro).toContain('Dana Rep');
    expect((await refusedBy('app:association.verbalAccept', { sessionId: id })).message).toMatch(/Every acknowledgment must be read and agreed/);
    expect((await refusedBy('app:association.verbalAnswer', { sessionId: id, ackId: 'permission', answer: 'agree' })).fieldErrors?.ackId).toMatch(/Read the acknowledgment aloud/);
    let last;
    for (const a of v.consent.verbal.acknowledgments) {
      await call('app:association.verbalRead', { sessionId: id, ackId: a.id });
      last = await call('app:association.verbalAnswer', { sessionId: id, ackId: a.id, answer: 'agree' });
    }
    expect(last.consent.canAccept).toBe(true);
    const accepted = await call('app:association.verbalAccept', { sessionId: id });
    const records = await call('app:association.records', {});
    expect(records[0]).toMatchObject({ id: accepted.consent.recordId, method: 'verbal', outcome: 'accepted', clientName: 'John Doe', caseNumber: '100300113' });
    const fhir = JSON.parse((await call('app:association.recordFhir', { recordId: accepted.consent.recordId })).json);
    expect(fhir).toMatchObject({ resourceType: 'Consent', status: 'active', sourceAttachment: { language: 'es' } });
    expect(fhir.sourceAttachment.extension[0].valueString).toBe(v.consent.verbal.textSha256);
    expect(() => t!.desk.db.prepare("UPDATE consent_record SET outcome = 'refused'").run()).toThrow(/append-only/);
  });

  it('the 3-request limit holds across associations for the same client and Agent until access is processed', async () => {
    const first = await atConsent();
    await call('app:association.consentStart', { sessionId: first, contact: 'electronic' });
    for (let i = 0; i < 2; i++) {
      await call('app:association.consentRequest', { sessionId: first });
      t!.clock.advance(91_000);
    }
    // A new association for the same Agent and case (the rep started over): one request left.
    const s = await call('app:association.start', {});
    await call('app:association.agent', { sessionId: s.id, agent });
    await call('app:association.clientOnLine', { sessionId: s.id, onLine: true });
    await call('app:association.identify', { sessionId: s.id, client });
    await call('app:association.situation', { sessionId: s.id, situation: 'existing-application-or-case' });
    const started = await call('app:association.consentStart', { sessionId: s.id, contact: 'electronic' });
    expect(started.consent.requestsUsed).toBe(2);
    await call('app:association.consentRequest', { sessionId: s.id });
    t!.clock.advance(91_000);
    const fourth = await refusedBy('app:association.consentRequest', { sessionId: s.id });
    expect(fourth.message).toMatch(/3 electronic consent requests have already been sent/);
  });

  it('refusal ends with no association; the Agent leaving the Agent Portal screen expires a pending request as its own outcome (001:79)', async () => {
    const id = await atConsent();
    await call('app:association.consentStart', { sessionId: id, contact: 'electronic' });
    await call('app:association.consentRequest', { sessionId: id });
    const left = await call('app:association.consentAgentLeft', { sessionId: id });
    expect(left.consent.attempts[0].outcome).toBe('left-screen');
    expect(left.consent.verbalTrigger).toBeNull();
    expect(left.consent.electronic.allowed).toBe(true);
    expect(left.timeline.map((l: { summary: string }) => l.summary)).toContain('Electronic consent request 1: expired: the Agent left the Agent Portal screen');
    const refusedView = await call('app:association.consentRefuse', { sessionId: id, reason: 'Client changed their mind.' });
    expect(refusedView.end.reason).toBe('consent-refused');
    expect(t!.desk.db.prepare('SELECT count(*) FROM agent_association').pluck().get()).toBe(0);
    expect((await call('app:association.records', {}))[0]).toMatchObject({ outcome: 'refused' });
  });

  it('wizard branches through the contract: training not done, no client on the line, field errors', async () => {
    t = openTestDesk();
    t.desk.operators.save({ name: 'Dana Rep', role: 'rep', pin: '2468' });
    const a = await call('app:association.start', {});
    const bad = await refusedBy('app:association.agent', { sessionId: a.id, agent: { name: ' ', agentId: '', agency: 'X' } });
    expect(bad.fieldErrors).toMatchObject({
      'agent.name': 'Agent name is required.',
      'agent.agentId': 'Agent id or NPN is required.',
      'agent.trainingDone': expect.stringContaining('MyPurpose'),
    });
    const stopped = await call('app:association.agent', { sessionId: a.id, agent: { ...agent, trainingDone: false } });
    expect(stopped.end.reason).toBe('training-not-done');
    const b = await call('app:association.start', {});
    await call('app:association.agent', { sessionId: b.id, agent });
    const noClient = await call('app:association.clientOnLine', { sessionId: b.id, onLine: false });
    expect(noClient.end.guidance.join(' ')).toContain('Appendix B');
    const c = await call('app:association.start', {});
    await call('app:association.agent', { sessionId: c.id, agent });
    await call('app:association.clientOnLine', { sessionId: c.id, onLine: true });
    const missing = await refusedBy('app:association.identify', { sessionId: c.id, client: { caseNumber: '' } });
    expect(missing.fieldErrors).toMatchObject({ 'client.firstName': expect.stringContaining('required') });
  });

  it('happens inside a call: with none open it starts one for the Agent, which turns three-way when the client is on the line', async () => {
    t = openTestDesk();
    t.desk.operators.save({ name: 'Dana Rep', role: 'rep', pin: '2468' });
    const a = await call('app:association.start', {});
    const started = t.desk.services.calls.current().call!;
    expect(a.callId).toBe(started.id);
    expect(started).toMatchObject({ callerType: 'agent', clientOnLine: false, state: 'active' });
    await call('app:association.agent', { sessionId: a.id, agent });
    await call('app:association.clientOnLine', { sessionId: a.id, onLine: true });
    const now = t.desk.services.calls.current().call!;
    expect(now.clientOnLine).toBe(true);
    const lines = now.timeline.map((e) => `${e.kind}: ${e.summary}`);
    expect(lines).toEqual(expect.arrayContaining([expect.stringMatching(/^association: .*Maria West/), expect.stringMatching(/^call.client_joined: Client joined the line/)]));
    expect(lines.filter((l) => /joined/i.test(l))).toHaveLength(1);
    // A second association in the same call uses it, not a new one.
    const b = await call('app:association.start', {});
    expect(b.callId).toBe(started.id);
  });

  it('a call in wrap-up takes no association; ending the call ends an open association and expires its pending request', async () => {
    const id = await atConsent();
    const callId = t!.desk.services.calls.current().call!.id;
    await call('app:association.consentStart', { sessionId: id, contact: 'electronic' });
    await call('app:association.consentRequest', { sessionId: id });
    await call('app:call.end', { callId });
    const refused = await refusedBy('app:association.consentOutcome', { sessionId: id, outcome: 'accepted' });
    expect(refused.fieldErrors?.sessionId).toContain('The call ended');
    const view = t!.desk.services.association.get(id);
    expect(view.status).toBe('ended');
    expect(view.consent!.attempts[0]!.outcome).toBe('abandoned');
    expect(t!.desk.db.prepare('SELECT count(*) FROM agent_association').pluck().get()).toBe(0);
    const again = await refusedBy('app:association.start', {});
    expect(again.message).toContain('wrap-up');
  });
});

/** Seeded members on two cases (issue 12 §1): the same SSN and birth date, and the same name and birth date without an SSN. */
const TWO_CASES = `member_id,case_number,application_number,first_name,middle_name,last_name,suffix,date_of_birth,sex,ssn,head_of_household,case_status,application_submitted_on
M-1,200100001,A-2001,Thomas,,Miller,,1980-04-12,M,345678912,true,Active,2026-10-01
M-2,200100002,A-2002,Tom,,Miller,,1980-04-12,M,345678912,true,Active,2026-10-02
M-3,200100003,A-2003,Robert,,Caudill,,1966-09-30,M,,true,Active,2026-10-03
M-4,200100004,A-2004,Bob,,Caudill,,1966-09-30,M,,true,Active,2026-10-04
M-1001,100300113,A-5551,John,Q,Doe,,1977-02-03,M,123456789,true,Active,2026-11-18
`;
const ASSOCIATIONS = `agent_id,case_number,agent_name,associated_on
NPN7654321,100300113,Ann Hale,2026-01-05
`;

async function atSituation(query: Record<string, string>, members = TWO_CASES) {
  t = openTestDesk();
  t.desk.operators.save({ name: 'Dana Rep', role: 'rep', pin: '2468' });
  importChunks(t.desk.services.match.store, 'members', [members]);
  const s = await call('app:association.start', {});
  await call('app:association.agent', { sessionId: s.id, agent });
  await call('app:association.clientOnLine', { sessionId: s.id, onLine: true });
  return { id: s.id as string, view: await call('app:association.identify', { sessionId: s.id, client: query }) };
}

describe('a case identified with certainty (issue 11 §1, issue 12 §1; 003 §9)', () => {
  it('the same SSN and birth date on two cases: the rep is asked to choose with the reason shown, never the first case', async () => {
    const { id, view } = await atSituation({ firstName: 'Thomas', lastName: 'Miller', sex: 'M', dateOfBirth: '1980-04-12', ssn: '345678912' });
    expect(view.client.matchedCaseNumber).toBeNull();
    expect(view.certainty.kind).toBe('choose');
    expect(view.certainty.because).toMatch(/also appears? on case 200100002|more than one record/);
    const byCase = Object.fromEntries(view.certainty.options.map((o: { caseNumber: string }) => [o.caseNumber, o]));
    expect(byCase['200100001']).toMatchObject({ confirmable: true, memberName: 'Thomas Miller' });
    expect(byCase['200100002']).toMatchObject({ confirmable: false, memberName: 'Tom Miller' });
    expect(byCase['200100002'].reason).toMatch(/SSN agree.*first name is close: Thomas and Tom are the same name \(nickname\)/i);
    // Without a choice, and with a choice the member does not agree with, nothing is associated.
    expect((await refusedBy('app:association.situation', { sessionId: id, situation: 'existing-application-or-case' })).fieldErrors?.['choice.caseNumber']).toMatch(
      /Choose the case the client confirms/,
    );
    const notSure = await refusedBy('app:association.situation', {
      sessionId: id,
      situation: 'existing-application-or-case',
      choice: { caseNumber: '200100002', clientNumber: '200100002' },
    });
    expect(notSure.fieldErrors?.['choice.caseNumber']).toMatch(/not certain this is the client’s case/);
    // The number the client reads must be the chosen case's (or one of its applications).
    const wrong = await refusedBy('app:association.situation', {
      sessionId: id,
      situation: 'existing-application-or-case',
      choice: { caseNumber: '200100001', clientNumber: 'A-2002' },
    });
    expect(wrong.fieldErrors?.['choice.clientNumber']).toBe('That number belongs to case 200100002, not 200100001.');
    const ok = await call('app:association.situation', { sessionId: id, situation: 'existing-application-or-case', choice: { caseNumber: '200100001', clientNumber: 'A-2001' } });
    expect(ok.step).toBe('consent');
    expect(ok.client).toMatchObject({ matchedCaseNumber: '200100001', caseConfirmedBy: 'client-number' });
  });

  it('the same name and birth date on two cases with no SSN given (Bob / Robert Caudill): not certain until the client gives a number', async () => {
    const { id, view } = await atSituation({ firstName: 'Bob', lastName: 'Caudill', sex: 'M', dateOfBirth: '1966-09-30' });
    expect(view.certainty.kind).toBe('choose');
    expect(view.certainty.options.map((o: { caseNumber: string }) => o.caseNumber).sort()).toEqual(['200100003', '200100004']);
    const ended = await call('app:association.caseNotCertain', { sessionId: id });
    expect(ended.end.reason).toBe('case-not-certain');
    expect(ended.end.guidance.join(' ')).toMatch(/Reps, kynectors, and Agents.*Appendix B/);
    expect(t!.desk.db.prepare('SELECT count(*) FROM agent_association').pluck().get()).toBe(0);
  });

  it("a Partial match (no SSN given) is certain only by the client's number whose member agrees with name and date of birth", async () => {
    const { view } = await atSituation({ firstName: 'John', lastName: 'Doe', sex: 'M', dateOfBirth: '1977-02-03' });
    expect(view.lookup.level).toBe('partial');
    expect(view.certainty.kind).toBe('choose');
    expect(view.certainty.because).toMatch(/DCBS caseworkers must determine/);
    const byNumber = await atSituation({ firstName: 'John', lastName: 'Doe', sex: 'M', dateOfBirth: '1977-02-03', caseNumber: '100300113' });
    expect(byNumber.view.certainty).toMatchObject({ kind: 'certain', caseNumber: '100300113' });
    expect(byNumber.view.client).toMatchObject({ matchedCaseNumber: '100300113', caseConfirmedBy: 'client-number' });
    // Never a new application for a client on a case: the words the rep sees carry no seed number, the IPC error carries it as the source.
    const duplicate = await refusedBy('app:association.situation', { sessionId: byNumber.id, situation: 'new-applicant' });
    expect(duplicate.fieldErrors?.situation).toMatch(/on case 100300113\. Agents must not associate by creating a Prospect/);
    expect(duplicate.message).not.toMatch(/\(\d{3}\)/);
    expect(duplicate.source).toMatch(/\(000:9\)$/);
    // A name that is only close (Jon / John) is not certain even with the number.
    const close = await atSituation({ firstName: 'Jon', lastName: 'Doe', sex: 'M', dateOfBirth: '1977-02-03', ssn: '123456789', caseNumber: '100300113' });
    expect(close.view.certainty.kind).toBe('choose');
    expect(close.view.certainty.because).toMatch(/no member of it agrees with the client’s first name, last name and date of birth/);
    const refused = await refusedBy('app:association.situation', {
      sessionId: close.id,
      situation: 'existing-application-or-case',
      choice: { caseNumber: '100300113', clientNumber: '100300113' },
    });
    expect(refused.fieldErrors?.['choice.caseNumber']).toMatch(/not certain/);
  });

  it('No match: no case can be associated, whatever number is typed', async () => {
    const { id, view } = await atSituation({ firstName: 'Zed', lastName: 'Nobody', sex: 'M', dateOfBirth: '1990-01-01', caseNumber: '999999999' });
    expect(view.certainty.kind).toBe('none');
    expect((await refusedBy('app:association.situation', { sessionId: id, situation: 'existing-application-or-case' })).fieldErrors?.situation).toMatch(
      /identified with certainty/,
    );
    const again = await call('app:association.lookupAgain', { sessionId: id });
    expect(again.step).toBe('client');
  });

  it("the Agents already on the case are shown and the client's answer recorded; an Agent already on it is not recorded twice", async () => {
    const { id } = await atSituation({ firstName: 'John', lastName: 'Doe', sex: 'M', dateOfBirth: '1977-02-03', ssn: '123456789' });
    importChunks(t!.desk.services.match.store, 'associations', [ASSOCIATIONS]);
    const ask = await refusedBy('app:association.situation', { sessionId: id, situation: 'existing-application-or-case' });
    expect(ask.fieldErrors?.otherAgents).toBe('Case 100300113 already has Ann Hale (NPN7654321) since 2026-01-05: ask the client whether they are replacing them.');
    const v = await call('app:association.situation', { sessionId: id, situation: 'existing-application-or-case', otherAgents: 'replacing' });
    expect(v.caseAgents).toEqual([{ agentId: 'NPN7654321', agentName: 'Ann Hale', agency: null, since: '2026-01-05' }]);
    expect(v.timeline.at(-2).summary).toBe('Case already has Ann Hale (NPN7654321) since 2026-01-05: the client says the new Agent replaces them');
    await call('app:association.consentStart', { sessionId: id, contact: 'not-electronic' });
    const script = await call('app:association.verbalStart', { sessionId: id, locale: 'en' });
    for (const a of script.consent.verbal.acknowledgments) {
      await call('app:association.verbalRead', { sessionId: id, ackId: a.id });
      await call('app:association.verbalAnswer', { sessionId: id, ackId: a.id, answer: 'agree' });
    }
    await call('app:association.verbalAccept', { sessionId: id });
    await call('app:association.confirm', { sessionId: id });
    expect(t!.desk.db.prepare('SELECT count(*) FROM agent_association').pluck().get()).toBe(1);

    // The same Agent again, for the same client: nothing to record, no consent asked.
    const s2 = await call('app:association.start', {});
    await call('app:association.agent', { sessionId: s2.id, agent: { ...agent, agentId: 'npn 1234567' } });
    await call('app:association.clientOnLine', { sessionId: s2.id, onLine: true });
    await call('app:association.identify', { sessionId: s2.id, client });
    const again = await call('app:association.situation', { sessionId: s2.id, situation: 'existing-application-or-case', otherAgents: 'keeping' });
    expect(again.end).toMatchObject({ reason: 'already-associated', guidance: [expect.stringContaining('already associated with case 100300113, since November 22, 2026')] });
    expect(t!.desk.db.prepare('SELECT count(*) FROM agent_association').pluck().get()).toBe(1);
    expect(t!.desk.db.prepare('SELECT count(*) FROM match_association WHERE case_number = ?').pluck().get('100300113')).toBe(2);
  });
});

describe('consent by the three causes of 001, with no dead end', () => {
  it("no electronic method: Agent Portal's next steps, no script, and the association ends with the alternatives (001:114)", async () => {
    const id = await atConsent();
    const v = await call('app:association.consentStart', { sessionId: id, contact: 'no-electronic-method' });
    expect(v.consent.verbalTrigger).toBeNull();
    expect(v.consent.nextSteps.join(' ')).toMatch(/Agent Portal shows the Agent a message with the next steps/);
    expect((await refusedBy('app:association.verbalStart', { sessionId: id, locale: 'en' })).message).toMatch(/triggered only when/);
    const ended = await call('app:association.consentEnd', { sessionId: id });
    expect(ended.end.reason).toBe('consent-not-possible');
    expect(ended.end.guidance.join(' ')).toContain('Appendix B');
  });

  it('the 3 requests were used in an earlier association and the last ran out: the new one offers verbal consent (001:7, 001:72)', async () => {
    const first = await atConsent();
    await call('app:association.consentStart', { sessionId: first, contact: 'electronic' });
    for (let i = 0; i < 3; i++) {
      await call('app:association.consentRequest', { sessionId: first });
      t!.clock.advance(91_000);
    }
    const settled = await call('app:association.consentStart', { sessionId: first, contact: 'electronic' }).catch(() => null);
    expect(settled).toBeNull(); // already under way
    // The rep started over: the request count and how the last ended carry over.
    const s = await call('app:association.start', {});
    await call('app:association.agent', { sessionId: s.id, agent });
    await call('app:association.clientOnLine', { sessionId: s.id, onLine: true });
    await call('app:association.identify', { sessionId: s.id, client });
    await call('app:association.situation', { sessionId: s.id, situation: 'existing-application-or-case' });
    const v = await call('app:association.consentStart', { sessionId: s.id, contact: 'electronic' });
    expect(v.consent).toMatchObject({ requestsUsed: 3, verbalTrigger: 'no-response', blocked: null, electronic: { allowed: false } });
    expect((await call('app:association.verbalStart', { sessionId: s.id, locale: 'en' })).consent.verbal.version).toBe(2);
    const outcomes = t!.desk.db.prepare('SELECT outcome FROM consent_request ORDER BY sent_at').pluck().all();
    expect(outcomes).toEqual(['no-response', 'no-response', 'no-response']);
  });

  it('every electronic request and how it ended is on the call timeline, and the consent line names the script language and version', async () => {
    const id = await atConsent();
    await call('app:association.consentStart', { sessionId: id, contact: 'electronic' });
    await call('app:association.consentRequest', { sessionId: id });
    await call('app:association.consentAgentLeft', { sessionId: id });
    await call('app:association.consentRequest', { sessionId: id });
    t!.clock.advance(91_000);
    const v = await call('app:association.verbalStart', { sessionId: id, locale: 'es' });
    for (const a of v.consent.verbal.acknowledgments) {
      await call('app:association.verbalRead', { sessionId: id, ackId: a.id });
      await call('app:association.verbalAnswer', { sessionId: id, ackId: a.id, answer: 'agree' });
    }
    await call('app:association.verbalAccept', { sessionId: id });
    const callId = t!.desk.services.calls.current().call!.id;
    const text = t!.desk.services.calls.exportText(callId).text;
    expect(text).toContain('Electronic consent request 1 of 3 sent by the Agent from Agent Portal');
    expect(text).toContain('Electronic consent request 1: expired: the Agent left the Agent Portal screen');
    expect(text).toContain('Electronic consent request 2: the client did not respond within 90 seconds');
    expect(text).toContain(
      'Consent accepted (verbal, Spanish script v2) for Agent Maria West; electronic requests: 1 expired: the Agent left the Agent Portal screen, 2 the client did not respond within 90 seconds',
    );
    // Written once each, not again at every later step.
    expect(text.split('Electronic consent request 2: the client did not respond').length - 1).toBe(1);
  });
});

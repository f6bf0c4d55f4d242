import { afterEach, describe, expect, it } from 'vitest';
import { importChunks } from '../../../shared/node/match/importer';
import { openTestDesk } from '../../helpers/temp';
import { dispatcher } from '../../helpers/dispatch';

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
  t = openTestDesk();
  t.desk.operators.save({ name: 'Dana Rep', role: 'rep', pin: '2468' });
  importChunks(t.desk.services.match.store, 'members', [MEMBERS]);
  const s = await call('app:association.start', {});
  await call('app:association.agent', { sessionId: s.id, agent });
  await call('app:association.clientOnLine', { sessionId: s.id, onLine: true });
  const identified = await call('app:association.identify', { sessionId: s.id, client });
  expect(identified.lookup.level).toBe('full');
  expect(identified.client.matchedCaseNumber).toBe('100300113');
  const situated = await call('app:association.situation', { sessionId: s.id, situation: 'existing-application-or-case' });
  expect(situated.step).toBe('consent');
  return s.id as string;
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
    // The member-match lookup now shows the Agent on the case.
    const lookup = t!.desk.services.match.lookup.lookup({ firstName: '', lastName: '', dateOfBirth: '', sex: '', caseNumber: '100300113' } as never);
    expect(lookup.cases[0]!.agents.map((a) => a.agentName)).toContain('Maria West');
    expect(t!.desk.db.prepare('SELECT count(*) FROM agent_association').pluck().get()).toBe(1);
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

  it('refusal ends with no association; leaving the screen expires a pending request', async () => {
    const id = await atConsent();
    await call('app:association.consentStart', { sessionId: id, contact: 'electronic' });
    await call('app:association.consentRequest', { sessionId: id });
    const left = await call('app:association.consentLeave', { sessionId: id });
    expect(left.consent.attempts[0].outcome).toBe('left-screen');
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
    expect(bad.fieldErrors).toMatchObject({ 'agent.name': 'Agent name is required.', 'agent.agentId': 'Agent id or NPN is required.', 'agent.trainingDone': expect.stringContaining('MyPurpose') });
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
    expect(view.consent!.attempts[0]!.outcome).toBe('left-screen');
    expect(t!.desk.db.prepare('SELECT count(*) FROM agent_association').pluck().get()).toBe(0);
    const again = await refusedBy('app:association.start', {});
    expect(again.message).toContain('wrap-up');
  });
});

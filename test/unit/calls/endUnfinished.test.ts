import { afterEach, describe, expect, it } from 'vitest';
import { importChunks } from '../../../shared/node/match/importer';
import { openTestDesk } from '../../helpers/temp';
import { dispatcher } from '../../helpers/dispatch';

/** Issue 12.3: nothing is abandoned silently when a call ends. */
const MEMBERS = `member_id,case_number,application_number,first_name,middle_name,last_name,suffix,date_of_birth,sex,ssn,head_of_household,case_status,application_submitted_on
M-1001,100300113,A-5551,John,Q,Doe,,1977-02-03,M,123456789,true,Active,2026-11-18
`;
const agent = { name: 'Maria West', agentId: 'NPN1234567', agency: 'Bluegrass Benefits', trainingDone: true };
const client = { firstName: 'John', lastName: 'Doe', sex: 'M', dateOfBirth: '1977-02-03', ssn: '123456789' };

let t: ReturnType<typeof openTestDesk> | undefined;
afterEach(() => t?.close());
const { call } = dispatcher(() => t!.desk);

function begin() {
  t = openTestDesk();
  t.desk.operators.save({ name: 'Dana Rep', role: 'rep', pin: '2468' });
  importChunks(t.desk.services.match.store, 'members', [MEMBERS]);
}

async function atConsentRequested() {
  const s = await call('app:association.start', {});
  await call('app:association.agent', { sessionId: s.id, agent });
  await call('app:association.clientOnLine', { sessionId: s.id, onLine: true });
  await call('app:association.identify', { sessionId: s.id, client });
  await call('app:association.situation', { sessionId: s.id, situation: 'existing-application-or-case' });
  await call('app:association.consentStart', { sessionId: s.id, contact: 'electronic' });
  await call('app:association.consentRequest', { sessionId: s.id });
  return s.id as string;
}

describe('ending a call with work half done (issue 12.3)', () => {
  it('names the waiting consent and what ending does to it; after End the association says the call ended before consent was completed', async () => {
    begin();
    const id = await atConsentRequested();
    const callId = t!.desk.services.calls.current().call!.id;
    const items = await call('app:call.unfinished', { callId });
    expect(items).toEqual([
      {
        kind: 'consent',
        what: 'Consent for the association of Maria West with John Doe: electronic request 1 of 3 waiting for the client.',
        then: expect.stringContaining('no association is recorded, the waiting request expires'),
      },
    ]);

    const ended = await call('app:call.end', { callId });
    // Settled at once, not when next looked at: the answer to End already has the line.
    expect(ended.call.timeline.map((e: { summary: string }) => e.summary)).toContain('Association ended: the call ended before consent was completed');
    const view = t!.desk.services.association.get(id);
    expect(view.status).toBe('ended');
    expect(view.end).toEqual({
      reason: 'call-ended',
      guidance: ['The call ended before consent was completed: no association was made.', expect.stringContaining('new three-way call')],
    });
    expect(view.end!.guidance.join(' ')).not.toMatch(/not given|did not consent|refused/);
    expect(view.consent!.attempts[0]!.outcome).toBe('abandoned');
    expect(t!.desk.audit.recent(10).map((e) => e.action)).toContain('association.ended_with_call');
    // Looked at again in wrap-up, the association still says why it ended.
    expect(await call('app:association.current', {})).toMatchObject({ id, end: { reason: 'call-ended' } });
    // In wrap-up there is nothing left to ask about.
    expect(await call('app:call.unfinished', { callId })).toEqual([]);
  });

  it('an association before consent, an ESE draft and a partner consent are each named; the draft is kept, the partner consent set aside', async () => {
    begin();
    const s = await call('app:association.start', {});
    await call('app:association.agent', { sessionId: s.id, agent });
    const callId = t!.desk.services.calls.current().call!.id;
    await call('app:ese.draft.save', { key: `call:${callId}`, draft: { firstName: 'Rosa', lastName: 'Diaz' } });
    expect((await call('app:call.unfinished', { callId })).map((i: { kind: string; what: string }) => [i.kind, i.what])).toEqual([
      ['association', 'The association of Maria West, at step 2, the client on the line.'],
      ['ese-draft', 'An ESE intake draft for Rosa Diaz, not forwarded.'],
    ]);

    // A new association sets the first aside, said as that and not as a refusal.
    const second = await call('app:association.start', {});
    expect(t!.desk.services.association.get(s.id).end!.reason).toBe('restarted');

    const p = await call('app:partner.start', {
      organization: 'Hope Center of Lexington',
      clientName: 'Rosa Diaz',
      caseNumber: '100300113',
      identifiers: ['full-name', 'date-of-birth', 'home-address'],
      referred: false,
      hasAccount: true,
      locale: 'en',
    });
    const kinds = (await call('app:call.unfinished', { callId })).map((i: { kind: string }) => i.kind);
    expect(kinds).toEqual(['association', 'partner-consent', 'ese-draft']);

    await call('app:call.end', { callId });
    expect(t!.desk.services.association.get(second.id).end!.guidance[0]).toBe('The call ended before consent was asked: no association was made.');
    const partner = t!.desk.services.partnerConsent.view(p.id);
    expect(partner).toMatchObject({ status: 'refused', refusal: 'Set aside: the call ended before consent was completed.', recordId: null });
    expect(t!.desk.db.prepare('SELECT count(*) FROM consent_record').pluck().get()).toBe(0);
    // The draft stays with the call, to be forwarded in wrap-up.
    expect((await call('app:ese.draft.get', { key: `call:${callId}` })).draft).toMatchObject({ firstName: 'Rosa' });
  });

  it('a call with nothing begun has nothing to ask about', async () => {
    begin();
    const callId = (await call('app:call.start', { callerType: 'resident' })).call.id;
    expect(await call('app:call.unfinished', { callId })).toEqual([]);
  });
});

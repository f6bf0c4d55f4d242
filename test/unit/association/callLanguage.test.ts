import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { importChunks } from '../../../shared/node/match/importer';
import { openTestDesk } from '../../helpers/temp';
import { dispatcher } from '../../helpers/dispatch';

const MEMBERS = `member_id,case_number,application_number,first_name,middle_name,last_name,suffix,date_of_birth,sex,ssn,head_of_household,case_status,application_submitted_on
M-1001,100300113,A-5551,John,Q,Doe,,1977-02-03,M,123456789,true,Active,2026-11-18
`;
const agent = { name: 'Maria West', agentId: 'NPN1234567', agency: 'Bluegrass Benefits', trainingDone: true };
const client = { firstName: 'John', lastName: 'Doe', sex: 'M', dateOfBirth: '1977-02-03', ssn: '123456789' };
const sha = (lines: string[]) => createHash('sha256').update(lines.join('\n'), 'utf8').digest('hex');

let t: ReturnType<typeof openTestDesk> | undefined;
afterEach(() => t?.close());
const { call } = dispatcher(() => t!.desk);

/** An association in a call whose language is set first, as the call bar does. */
async function started(language: 'en' | 'es') {
  t = openTestDesk();
  t.desk.operators.save({ name: 'Dana Rep', role: 'rep', pin: '2468' });
  importChunks(t.desk.services.match.store, 'members', [MEMBERS]);
  const s = await call('app:association.start', {});
  await call('app:call.language.set', { callId: s.callId, language });
  await call('app:association.agent', { sessionId: s.id, agent });
  return s.id as string;
}

async function associatedIn(language: 'en' | 'es') {
  const id = await started(language);
  await call('app:association.clientOnLine', { sessionId: id, onLine: true });
  await call('app:association.identify', { sessionId: id, client });
  await call('app:association.situation', { sessionId: id, situation: 'existing-application-or-case' });
  await call('app:association.consentStart', { sessionId: id, contact: 'electronic' });
  await call('app:association.consentRequest', { sessionId: id });
  await call('app:association.consentOutcome', { sessionId: id, outcome: 'accepted' });
  return call('app:association.confirm', { sessionId: id });
}

describe('association texts follow the call language (issue 13.1)', () => {
  it('a Spanish call: the confirmation is read in Spanish, and the session, the call timeline and the audit log record which text, version and words', async () => {
    const done = await associatedIn('es');
    expect(done.end.reason).toBe('associated');
    expect(done.end.guidance).toEqual([
      'A partir del 22 de noviembre de 2026, queda registrada la asociación de Maria West, de Bluegrass Benefits, con el caso 100300113 de John Doe. Desde ahora, Maria West puede ayudar a John con este caso según corresponda.',
    ]);
    expect(done.end.text).toEqual({ id: 'association.confirmation', version: 1, locale: 'es', sha256: sha(done.end.guidance) });
    const timeline = t!.desk.services.calls.current().call!.timeline;
    expect(timeline.find((e) => e.summary.startsWith('Agent Maria West associated'))?.details).toMatchObject({ text: done.end.text });
    const audit = t!.desk.audit.recent(40).find((e) => e.action === 'association.associated');
    expect(audit?.details).toMatchObject({ text: done.end.text });
  });

  it('an English call keeps the English wording, with the date as it is said', async () => {
    const done = await associatedIn('en');
    expect(done.end.guidance[0]).toBe(
      'Maria West of Bluegrass Benefits is now associated with case 100300113 for John Doe as of November 22, 2026. Maria West may now assist John with this case as applicable.',
    );
    expect(done.end.text).toMatchObject({ id: 'association.confirmation', locale: 'en' });
  });

  it('the client not on the line: the alternatives are read in the call language, with the numbers unchanged', async () => {
    const id = await started('es');
    const ended = await call('app:association.clientOnLine', { sessionId: id, onLine: false });
    expect(ended.end.reason).toBe('client-not-on-line');
    expect(ended.end.guidance).toHaveLength(4);
    expect(ended.end.guidance[1]).toBe('El cliente puede llamar por su cuenta al Centro de Contacto al 1-855-459-6328 (TTY 1-855-326-4654) para agregar al Agente a su caso.');
    expect(ended.end.guidance.join(' ')).toContain('"Reps, kynectors, and Agents"');
    expect(ended.end.text).toEqual({ id: 'association.client-not-on-line', version: 2, locale: 'es', sha256: sha(ended.end.guidance) });
  });

  it('a stored session keeps the words it was read in, even after the call language changes', async () => {
    const done = await associatedIn('es');
    await call('app:call.language.set', { callId: done.callId, language: 'en' });
    const again = t!.desk.services.association.get(done.id);
    expect(again.end).toEqual(done.end);
  });
});

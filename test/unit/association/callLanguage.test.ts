import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { importChunks } from '../../../shared/node/match/importer';
import { renderText } from '../../../shared/common/texts/catalogue';
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

  /** An association at the situation step, in a call in `language`, the client looked up as given. */
  async function atSituation(language: 'en' | 'es', who: Record<string, string> = client) {
    const id = await started(language);
    await call('app:association.clientOnLine', { sessionId: id, onLine: true });
    await call('app:association.identify', { sessionId: id, client: who });
    return id;
  }
  const noSsn = { firstName: 'John', lastName: 'Doe', sex: 'M', dateOfBirth: '1977-02-03' };
  const said = (action: string) => t!.desk.audit.recent(60).find((e) => e.action === `association.${action}`)?.details;

  it('the Agent without MyPurpose training hears it in the call language, recorded with its hash', async () => {
    t = openTestDesk();
    t.desk.operators.save({ name: 'Dana Rep', role: 'rep', pin: '2468' });
    const s = await call('app:association.start', {});
    await call('app:call.language.set', { callId: s.callId, language: 'es' });
    const ended = await call('app:association.agent', { sessionId: s.id, agent: { ...agent, trainingDone: false } });
    expect(ended.end.reason).toBe('training-not-done');
    expect(ended.end.guidance).toEqual([
      'Los Agentes deben completar la capacitación para Agentes en MyPurpose antes de que se les pueda asociar con un cliente.',
      'Pídale al Agente que complete la capacitación y que vuelva a llamar con el cliente en la línea.',
    ]);
    expect(ended.end.text).toEqual({ id: 'association.training-not-done', version: 1, locale: 'es', sha256: sha(ended.end.guidance) });
    expect(said('agent')).toMatchObject({ text: ended.end.text });
  });

  it('no case identified with certainty: why and the alternatives in Spanish, no seed number and no case number read out', async () => {
    const id = await atSituation('es', noSsn);
    const ended = await call('app:association.caseNotCertain', { sessionId: id });
    expect(ended.end.reason).toBe('case-not-certain');
    expect(ended.end.guidance).toEqual([
      'No todos los datos de identificación coinciden exactamente. Un trabajador de casos del DCBS debe determinar si el cliente ya existe en kynect, por lo que no se puede suponer cuál es el caso.',
      'Solo se puede asociar al Agente con un caso identificado con certeza; una coincidencia parcial (Partial match) la resuelve un trabajador de casos del DCBS y nunca se da por supuesta.',
      'Pídale al cliente el número de caso o el número de solicitud (aparece en los avisos de kynect) y vuelva a buscar al cliente con ese número.',
      'El cliente puede agregar al Agente en kynect benefits, buscándolo en la sección "Reps, kynectors, and Agents".',
      'El cliente puede llenar el formulario Appendix B (Apéndice B) del sitio web de kynect benefits y enviarlo a su oficina local del DCBS.',
    ]);
    expect(ended.end.guidance.join(' ')).not.toMatch(/\(\d{3}|§|100300113/);
    expect(ended.end.text).toEqual({ id: 'association.case-not-certain', version: 1, locale: 'es', sha256: sha(ended.end.guidance) });
    const timeline = t!.desk.services.calls.current().call!.timeline;
    expect(timeline.find((e) => e.summary.startsWith('No case identified with certainty'))?.details).toMatchObject({ text: ended.end.text });
    expect(said('case_not_certain')).toMatchObject({ text: ended.end.text });
  });

  it('the reason read is the one the lookup gave: a case number found on no case, in English', async () => {
    const id = await atSituation('en', { ...noSsn, caseNumber: '999999999' });
    const ended = await call('app:association.caseNotCertain', { sessionId: id });
    expect(ended.end.guidance[0]).toBe('No case on file here has the case number the client gave.');
    expect(ended.end.guidance).toEqual(renderText('association.case-not-certain', 'en', { caseNumberNotFound: 'yes' }).lines);
    expect(ended.end.text).toMatchObject({ id: 'association.case-not-certain', locale: 'en', sha256: sha(ended.end.guidance) });
  });

  it('a new applicant after a Partial match: the Agent Portal guidance and what follows, in Spanish', async () => {
    const id = await atSituation('es', noSsn);
    const ended = await call('app:association.situation', { sessionId: id, situation: 'new-applicant' });
    expect(ended.end.reason).toBe('new-applicant');
    expect(ended.end.guidance).toHaveLength(4);
    expect(ended.end.guidance[1]).toContain('"Initiate an Application for Individual"');
    expect(ended.end.guidance[3]).toMatch(/^La búsqueda encontró un posible registro \(Partial match, coincidencia parcial\)/);
    expect(ended.end.text).toEqual({ id: 'association.new-applicant', version: 2, locale: 'es', sha256: sha(ended.end.guidance) });
  });

  it("no electronic method: Agent Portal's next steps shown and recorded in Spanish, and the end's alternatives too", async () => {
    const id = await atSituation('es');
    await call('app:association.situation', { sessionId: id, situation: 'existing-application-or-case' });
    const v = await call('app:association.consentStart', { sessionId: id, contact: 'no-electronic-method' });
    const next = renderText('consent.agent-portal-next-steps', 'es', { noElectronicMethod: 'yes' });
    expect(v.consent.nextSteps).toEqual(next.lines);
    expect(v.consent.nextStepsLocale).toBe('es');
    expect(next.lines[0]).toMatch(/^Como el cliente no tiene un medio de comunicación electrónico, Agent Portal le muestra al Agente/);
    const use = { id: 'consent.agent-portal-next-steps', version: 1, locale: 'es', sha256: sha(next.lines) };
    const timeline = () => t!.desk.services.calls.current().call!.timeline;
    expect(timeline().find((e) => e.summary.includes('Agent Portal shows the Agent next steps'))?.details).toMatchObject({ text: use });
    expect(said('consent_started')).toMatchObject({ text: use });
    const ended = await call('app:association.consentEnd', { sessionId: id });
    expect(ended.end.reason).toBe('consent-not-possible');
    expect(ended.end.guidance).toEqual(renderText('association.consent-not-possible', 'es', { noElectronicMethod: 'yes', nextSteps: 'yes' }).lines);
    expect(ended.end.guidance).toHaveLength(4);
    expect(ended.end.text).toEqual({ id: 'association.consent-not-possible', version: 1, locale: 'es', sha256: sha(ended.end.guidance) });
  });

  it('electronic consent accepted in a Spanish call: the record keeps the Spanish wording, with its script, language and hash', async () => {
    const done = await associatedIn('es');
    const json = t!.desk.db.prepare('SELECT record_json FROM consent_record ORDER BY created_at DESC LIMIT 1').pluck().get() as string;
    const record = JSON.parse(json);
    expect(record.method).toBe('electronic');
    expect(record.scope).toBe('Asociación del Agente con el caso del cliente en kynect (000, 001)');
    const words = [record.scope, record.purpose, record.duration, record.revoke];
    expect(record.wording).toEqual({ scriptId: 'agent-association', version: 2, locale: 'es', sha256: sha(words) });
    const fhir = JSON.parse(t!.desk.services.association.recordFhir(record.id).json);
    expect(fhir.extension.find((e: { url: string }) => e.url.endsWith('/wording')).extension).toContainEqual({ url: 'language', valueCode: 'es' });
    expect(done.end.text.locale).toBe('es');
    t!.close();
    const en = await associatedIn('en');
    const enRecord = JSON.parse(t!.desk.db.prepare('SELECT record_json FROM consent_record ORDER BY created_at DESC LIMIT 1').pluck().get() as string);
    expect(enRecord.wording).toMatchObject({ locale: 'en' });
    expect(en.end.text.locale).toBe('en');
  });
});

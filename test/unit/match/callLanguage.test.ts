import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { memberColumns } from '../../../shared/common/match/schemas';
import { importChunks } from '../../../shared/node/match/importer';
import { threeDayGuidance } from '../../../shared/node/match/lookupService';
import { dispatcher } from '../../helpers/dispatch';
import { openTestDesk } from '../../helpers/temp';

const members = [memberColumns.join(','), 'M1,100300113,T900,John,,Doe,,1977-02-03,M,123456789,true,Active,2026-11-18'].join('\n');
const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

let t: ReturnType<typeof openTestDesk> | undefined;
afterEach(() => t?.close());
const { call } = dispatcher(() => t!.desk);

async function lookupInCall(language: 'en' | 'es' | null) {
  t = openTestDesk();
  t.desk.operators.save({ name: 'Dana Rep', role: 'psl', pin: '2468' });
  importChunks(t.desk.services.match.store, 'members', [members]);
  if (language) {
    const started = await call('app:call.start', { callerType: 'agent' });
    await call('app:call.language.set', { callId: started.call.id, language });
  }
  return call('app:match.lookup', { firstName: 'John', lastName: 'Doe', dateOfBirth: '1977-02-03', sex: 'M', ssn: '123456789' });
}

describe('what the Agent hears from the PSL follows the call language (issue 13.1; 003 §9.1)', () => {
  it('a Spanish call: the three-day guidance, the PSL line and the Dire Need mailbox in Spanish, with the same numbers; the rep’s level text stays English', async () => {
    const r = await lookupInCall('es');
    expect(r.levelText).toBe('Full match');
    const app = r.cases[0].applications[0];
    expect(app.guidanceLocale).toBe('es');
    expect(app.guidance).toBe('Se presentó hace 4 días.');
    expect(r.agentGuidance.threeDay).toBe(
      'Si el Agente no puede encontrar el número de solicitud o de caso después de tres días, llame a la Línea de Servicios Profesionales (Professional Services Line, PSL) al 1-855-326-4650 para verificar la asociación con el caso; es posible que el Agente tenga que asociarse con el caso nuevo siguiendo los procedimientos actuales de asociación de Agentes.',
    );
    expect(r.agentGuidance.locale).toBe('es');
    expect(r.agentGuidance.psl).toContain('al 1-855-326-4650');
    expect(r.agentGuidance.direNeed).toContain('kynectdireneed@ky.gov');
    expect(r.agentGuidance.direNeed).toMatch(/^Para las solicitudes que necesitan atención dentro de 24 horas/);
    // Which words were read is on the call's timeline and in the audit log.
    const entry = t!.desk.services.calls.current().call!.timeline.find((e) => e.kind === 'match.search');
    const texts = (entry?.details as { texts: { id: string; locale: string; sha256: string }[] }).texts;
    expect(texts.map((x) => `${x.id}/${x.locale}`)).toEqual(['match.psl/es', 'match.dire-need/es', 'match.three-day/es']);
    expect(texts[0]!.sha256).toBe(sha(r.agentGuidance.psl));
    expect(t!.desk.audit.recent(10).find((e) => e.action === 'match.lookup')?.details).toMatchObject({ texts });
  });

  it('an English call, and no call at all, give the English', async () => {
    for (const language of ['en', null] as const) {
      const r = await lookupInCall(language);
      expect(r.cases[0].applications[0].guidanceLocale).toBe('en');
      expect(r.agentGuidance).toMatchObject({ locale: 'en', psl: expect.stringContaining('Agents and kynectors with questions about a member match') });
      t!.close();
      t = undefined;
    }
  });

  it('says today, one day and no date in each language, never "0 days ago" (issue 12.6)', () => {
    expect(threeDayGuidance(0, 'en')).toBe('Submitted today.');
    expect(threeDayGuidance(0, 'es')).toBe('Se presentó hoy.');
    expect(threeDayGuidance(1, 'en')).toBe('Submitted 1 day ago.');
    expect(threeDayGuidance(1, 'es')).toBe('Se presentó hace 1 día.');
    expect(threeDayGuidance(391, 'en')).toBe('Submitted 391 days ago.');
    expect(threeDayGuidance(null, 'es')).toBe('No hay fecha de presentación en el expediente.');
    expect(threeDayGuidance(null)).toBe('No submission date on file.');
  });
});

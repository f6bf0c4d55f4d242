import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { closingScript, closingScriptLocale } from '../../../shared/common/ese';
import { openTestDesk } from '../../helpers/temp';
import { dispatcher } from '../../helpers/dispatch';
import { validIntakeInput } from './support/intakes';

let t: ReturnType<typeof openTestDesk> | undefined;
afterEach(() => t?.close());
const { call } = dispatcher(() => t!.desk);
const sha = (lines: string[]) => createHash('sha256').update(lines.join('\n'), 'utf8').digest('hex');

function desk() {
  t = openTestDesk();
  t.desk.operators.save({ name: 'Dana Rep', role: 'rep', pin: '2468' });
}

async function callIn(language: 'en' | 'es') {
  const started = await call('app:call.start', { callerType: 'resident' });
  await call('app:call.language.set', { callId: started.call.id, language });
  return started.call.id as string;
}

describe('the ESE closing script follows the call language (issue 13.1)', () => {
  it('a Spanish call: the closing script is read in Spanish, and the intake, the call timeline and the audit log keep its version, language and hash', async () => {
    desk();
    const callId = await callIn('es');
    const r = await call('app:ese.submit', { intake: validIntakeInput({ language: 'English' }) });
    expect(r.closingScriptLocale).toBe('es');
    expect(r.closingScript[0]).toBe('Dana, he enviado los detalles de esta llamada al personal de Kentucky Health Benefit Exchange (KHBE).');
    expect(r.closingScript.join(' ')).toContain('kynectESE@ky.gov');
    expect(r.closingScript).toContain(`El número de referencia de su solicitud es ${r.reference.split('').join(' ')}. Por favor, guárdelo por si nos vuelve a llamar.`);
    const use = { id: 'ese.closing', version: 3, locale: 'es', sha256: sha(r.closingScript) };
    const stored = t!.desk.db.prepare('SELECT closing_text_json FROM ese_intake WHERE id = ?').pluck().get(r.id) as string;
    expect(JSON.parse(stored)).toEqual(use);
    const entry = t!.desk.services.calls.current().call!.timeline.find((e) => e.kind === 'ese.intake');
    expect(entry?.callId).toBe(callId);
    expect(entry?.details).toMatchObject({ closingText: use });
    expect(t!.desk.audit.recent(20).find((e) => e.action === 'ese.intake.submitted')?.details).toMatchObject({ closingText: use });
    // Opened again later, after the call language changed: the words it was read with.
    await call('app:call.language.set', { callId, language: 'en' });
    const again = await call('app:ese.intake.get', { id: r.id });
    expect(again.closingScript).toEqual(r.closingScript);
    expect(again.closingScriptLocale).toBe('es');
  });

  it('an English call stays English, even when the resident prefers Spanish: the call language is the one chosen', async () => {
    desk();
    await callIn('en');
    const r = await call('app:ese.submit', { intake: validIntakeInput({ language: 'Spanish' }) });
    expect(r.closingScriptLocale).toBe('en');
    expect(r.closingScript[0]).toBe('Dana, I have forwarded the details of this call to the Kentucky Health Benefit Exchange (KHBE) staff.');
  });

  it('with no call open, the resident’s preferred language decides', async () => {
    desk();
    const r = await call('app:ese.submit', { intake: validIntakeInput({ language: 'Español' }) });
    expect(r.callId).toBeNull();
    expect(r.closingScriptLocale).toBe('es');
    expect(closingScriptLocale(null, 'Spanish')).toBe('es');
    expect(closingScriptLocale(null, 'Vietnamese')).toBe('en');
    expect(closingScriptLocale('en', 'Spanish')).toBe('en');
  });

  it('an intake taken before closing scripts were recorded (migration 0017) shows the English version 2 it was read with', async () => {
    desk();
    await callIn('es');
    const r = await call('app:ese.submit', { intake: validIntakeInput() });
    t!.desk.db.prepare('UPDATE ese_intake SET closing_text_json = NULL WHERE id = ?').run(r.id);
    const old = await call('app:ese.intake.get', { id: r.id });
    expect(old.closingScriptLocale).toBe('en');
    expect(old.closingScript).toEqual(closingScript({ residentFirstName: 'Dana', reference: r.reference }, 'en', 2));
  });
});

import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { ConsentRecord } from '../../../shared/common/consent/record';
import { openTestDesk } from '../../helpers/temp';
import { dispatcher } from '../../helpers/dispatch';

/** kynect resources partner access (issue 6, seed 002): verbal consent read from the versioned script. */
let t: ReturnType<typeof openTestDesk> | undefined;
afterEach(() => t?.close());

const { call, refusedBy } = dispatcher(() => t!.desk);

const input = {
  organization: 'Hope Center of Lexington',
  clientName: 'Rosa Diaz',
  caseNumber: '100300113',
  identifiers: ['full-name', 'date-of-birth', 'home-address'],
  referred: false,
  hasAccount: true,
  locale: 'en',
};

function begin() {
  t = openTestDesk();
  t.desk.operators.save({ name: 'Dana Rep', role: 'rep', pin: '2468' });
}

function storedRecord(id: string) {
  return ConsentRecord.parse(JSON.parse(t!.desk.db.prepare('SELECT record_json FROM consent_record WHERE id = ?').pluck().get(id) as string));
}

describe('partner-access consent', () => {
  it('reads the script with the names filled in, accepts only when all is read and agreed, and records it', async () => {
    begin();
    const v = await call('app:partner.start', input);
    expect(v.status).toBe('open');
    expect(v.script.intro).toContain('Hope Center of Lexington has asked to view your full record in kynect resources');
    expect(v.script.acknowledgments.map((a: { id: string }) => a.id)).toEqual(['view', 'verbal', 'revoke', 'identity']);
    expect(v.script.acknowledgments[2].text).toContain('"Privacy Settings"');
    expect(v.script.acknowledgments[3].text).toBe('You confirm that you are Rosa Diaz.');
    expect(v.revoke).toMatch(/Privacy Settings/);
    // Inside a call: none was open, so one started with the resident.
    const callNow = t!.desk.services.calls.current().call!;
    expect(v.callId).toBe(callNow.id);
    expect(callNow.callerType).toBe('resident');

    expect((await refusedBy('app:partner.answer', { consentId: v.id, ackId: 'view', answer: 'agree' })).fieldErrors?.ackId).toMatch(/Read the acknowledgment aloud/);
    expect((await refusedBy('app:partner.accept', { consentId: v.id })).message).toMatch(/Every acknowledgment must be read and agreed/);
    let last = v;
    for (const a of v.script.acknowledgments) {
      await call('app:partner.read', { consentId: v.id, ackId: a.id });
      last = await call('app:partner.answer', { consentId: v.id, ackId: a.id, answer: 'agree' });
    }
    expect(last.canAccept).toBe(true);
    t!.clock.advance(1000);
    const done = await call('app:partner.accept', { consentId: v.id });
    expect(done).toMatchObject({ status: 'accepted', canAccept: false });
    expect(done.recordId).toEqual(expect.any(String));

    const record = storedRecord(done.recordId);
    expect(record).toMatchObject({
      kind: 'kynect-resources-partner-access',
      organization: 'Hope Center of Lexington',
      agent: null,
      client: { name: 'Rosa Diaz', caseNumber: '100300113' },
      method: 'verbal',
      verbalTrigger: 'chose-verbal',
      outcome: 'accepted',
      callId: callNow.id,
      rep: { name: 'Dana Rep' },
      script: { id: 'kynect-resources-partner-access', version: 2, locale: 'en' },
    });
    expect(record.acknowledgments.every((a) => a.readAt && a.answer === 'agree')).toBe(true);
    // The hash is of exactly the text shown: title, intro, numbered acknowledgments, closing.
    const shown = [done.script.title, done.script.intro, ...done.script.acknowledgments.map((a: { text: string }, i: number) => `${i + 1}. ${a.text}`), done.script.closing].join(
      '\n',
    );
    expect(record.script!.textSha256).toBe(createHash('sha256').update(shown, 'utf8').digest('hex'));

    // Listed with the others and exported as FHIR, the partner as the information recipient.
    const list = await call('app:association.records', { limit: 10 });
    expect(list[0]).toMatchObject({ id: record.id, organization: 'Hope Center of Lexington', agentName: null, clientName: 'Rosa Diaz' });
    const fhir = JSON.parse((await call('app:association.recordFhir', { recordId: record.id })).json);
    expect(fhir.provision.actor[0].reference.display).toBe('Hope Center of Lexington');
    expect(fhir.provision.type).toBe('permit');

    const timeline = t!.desk.services.calls.current().call!.timeline.map((e: { summary: string }) => e.summary);
    expect(timeline).toContain('kynect resources consent accepted (verbal, English script v2) for Hope Center of Lexington');
    expect(timeline).toContain(
      'kynect resources consent for Hope Center of Lexington: English script v2 read; resident identified by full name, date of birth, home address; has kynect resources account',
    );
    const actions = t!.desk.audit.recent(30).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['partner_consent.started', 'partner_consent.read', 'partner_consent.answered', 'consent.accepted']));
    expect(JSON.stringify(t!.desk.audit.recent(30))).not.toContain('Rosa Diaz');
    // Decided: no more steps, and the desk has no open one.
    expect((await refusedBy('app:partner.read', { consentId: v.id, ackId: 'view' })).fieldErrors?.consentId).toMatch(/already decided/);
    expect(await call('app:partner.current', {})).toBeNull();
  });

  it('a refusal (in Spanish) is recorded too, with the reason, and denies access', async () => {
    begin();
    const v = await call('app:partner.start', { ...input, caseNumber: '', locale: 'es' });
    expect(v.script.title).toBe('Consentimiento verbal: acceso de un socio de kynect resources');
    expect(v.script.acknowledgments[3].text).toBe('Usted confirma que es Rosa Diaz.');
    await call('app:partner.read', { consentId: v.id, ackId: 'view' });
    await call('app:partner.answer', { consentId: v.id, ackId: 'view', answer: 'disagree' });
    const done = await call('app:partner.refuse', { consentId: v.id, reason: 'Does not want the organization to see referrals.' });
    expect(done.status).toBe('refused');
    const record = storedRecord(done.recordId);
    expect(record).toMatchObject({ outcome: 'refused', refusal: 'Does not want the organization to see referrals.', script: { locale: 'es' }, client: { caseNumber: null } });
    const fhir = JSON.parse((await call('app:association.recordFhir', { recordId: record.id })).json);
    expect(fhir.provision.type).toBe('deny');
    // Append-only, as every consent record.
    expect(() => t!.desk.db.prepare('DELETE FROM consent_record WHERE id = ?').run(record.id)).toThrow(/append-only/);
  });

  it('explains bad input at the field, survives a restart, and sets an unfinished one aside when a new one starts', async () => {
    begin();
    const bad = await refusedBy('app:partner.start', { organization: ' ', clientName: '', caseNumber: 'no spaces please', identifiers: [], locale: 'fr' });
    expect(Object.keys(bad.fieldErrors ?? {}).sort()).toEqual(['caseNumber', 'clientName', 'hasAccount', 'identifiers', 'locale', 'organization', 'referred']);
    const first = await call('app:partner.start', input);
    await call('app:partner.read', { consentId: first.id, ackId: 'view' });

    // main owns the state: a reopened desk finds the consent where it was.
    const dbPath = t!.desk.dbPath;
    t!.desk.close();
    const { openDesk } = await import('../../../shared/node/host/desk');
    const { silentLogger } = await import('../../../shared/node/log');
    t!.desk = openDesk({ dbPath, host: 'cli', log: silentLogger, env: {}, clock: t!.clock });
    const again = await call('app:partner.current', {});
    expect(again.id).toBe(first.id);
    expect(again.script.acknowledgments[0].readAt).toEqual(expect.any(String));

    const second = await call('app:partner.start', { ...input, organization: 'Appalachian Food Bank' });
    expect((await call('app:partner.current', {})).id).toBe(second.id);
    expect(t!.desk.services.partnerConsent.view(first.id)).toMatchObject({ status: 'refused', refusal: 'Set aside: a new partner consent was started.', recordId: null });
    expect(t!.desk.db.prepare('SELECT count(*) FROM consent_record').pluck().get()).toBe(0);
  });

  it('a call in wrap-up cannot take a consent', async () => {
    begin();
    const started = t!.desk.services.calls.start({ callerType: 'resident' }).call!;
    t!.desk.services.calls.command(started.id, { type: 'end' });
    expect((await refusedBy('app:partner.start', input)).message).toMatch(/wrap-up/);
  });

  it('three pieces of identifying information before a search (002 Q40): two are refused at the field, and only the kinds are kept', async () => {
    begin();
    const two = await refusedBy('app:partner.start', { ...input, identifiers: ['full-name', 'full-name', 'phone-number'] });
    expect(two.fieldErrors?.identifiers).toBe('The resident has to have given 3 pieces of identifying information before a search (002 Q40).');
    const v = await call('app:partner.start', input);
    expect(v.identifiers).toEqual(['full-name', 'date-of-birth', 'home-address']);
  });

  it('a resident referred to the organization: no verbal path, only the email or text function (002 Q40, Q42)', async () => {
    begin();
    const r = await refusedBy('app:partner.start', { ...input, referred: true });
    expect(r.fieldErrors?.referred).toMatch(/may only use the contact email or text function in kynect resources to gain consent \(002 Q40\)/);
    expect(t!.desk.db.prepare('SELECT count(*) FROM partner_consent').pluck().get()).toBe(0);
  });

  it('"Opt Out" is read only to a resident with a kynect resources account (002 Q41); without one, what an account needs (Q40)', async () => {
    begin();
    const v = await call('app:partner.start', { ...input, hasAccount: false });
    expect(v.hasAccount).toBe(false);
    expect(v.script.acknowledgments.map((a: { id: string }) => a.id)).toEqual(['view', 'verbal', 'no-account', 'identity']);
    expect(v.script.intro).toContain('I will read 4 statements');
    expect(v.script.acknowledgments[2].text).toContain('an account needs an email address and internet access');
    expect(JSON.stringify(v.script)).not.toContain('you can select \\"Opt Out\\"');
  });
});

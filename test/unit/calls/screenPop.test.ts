import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { callerTypes } from '../../../shared/common/calls/callerTypes';
import { describeOffer, parseScreenPopLink, screenPopLink } from '../../../shared/common/calls/screenPop';
import { runCliProcess } from '../../helpers/cli';
import { importCsv } from '../../helpers/seed';
import { openTestDesk } from '../../helpers/temp';

let t: ReturnType<typeof openTestDesk> | undefined;
afterEach(() => t?.close());

const MEMBERS = `member_id,case_number,application_number,first_name,middle_name,last_name,suffix,date_of_birth,sex,ssn,head_of_household,case_status,application_submitted_on
M-1,100300113,,John,,Doe,,1977-02-03,M,123456789,true,Active,2026-11-18
M-2,100300113,,Jane,,Doe,,1979-06-30,F,,false,Active,
`;

describe('screen-pop links (issue 12.9)', () => {
  it('reads the forms softphones and CTI connectors write', () => {
    expect(parseScreenPopLink('kynect-desk://call?number=5025550134&case=100300113&type=agent')).toEqual({
      ok: true,
      value: { callbackNumber: '5025550134', caseNumber: '100300113', callerType: 'agent' },
    });
    expect(parseScreenPopLink('KYNECT-DESK:call?ani=%2B1%20(502)%20555-0134')).toEqual({ ok: true, value: { callbackNumber: '5025550134' } });
    expect(parseScreenPopLink('kynect-desk://call/?case=13002543&name=Pat+Agent&number=')).toEqual({ ok: true, value: { caseNumber: '13002543', callerName: 'Pat Agent' } });
  });

  it('refuses what it cannot trust, saying which parameter and why', () => {
    const refused = (link: string) => {
      const r = parseScreenPopLink(link);
      if (r.ok) throw new Error(`accepted ${link}`);
      return r.fieldErrors;
    };
    expect(refused('kynect-desk://call?number=12')).toEqual({ number: 'A callback number has 10 digits, like 502-555-0134.' });
    expect(refused('kynect-desk://call?case=ABC')).toEqual({ case: 'A case number is 6 to 12 digits, like 100300113.' });
    expect(refused('kynect-desk://call?number=5025550134&type=boss')).toHaveProperty('type');
    expect(refused('kynect-desk://call?number=5025550134&ssn=123456789')).toEqual({ ssn: expect.stringContaining('does not know: "ssn"') });
    expect(refused('kynect-desk://call?number=5025550134&number=5025550135')).toEqual({ number: 'The link gives "number" twice.' });
    expect(refused('kynect-desk://call?type=agent')).toEqual({ number: "A screen pop needs the caller's number or a case number." });
    expect(refused('https://example.org/call?number=5025550134')).toEqual({ link: 'A screen-pop link starts with kynect-desk:.' });
    expect(refused('kynect-desk://settings?x=1')).toHaveProperty('link');
    expect(refused('kynect-desk://call?number=%E0%A4%A')).toEqual({ link: 'The link has a broken %-escape.' });
    expect(refused(`kynect-desk://call?name=${'x'.repeat(3000)}`)).toHaveProperty('link');
    expect(refused('not a link')).toHaveProperty('link');
  });

  it('makes links it reads back the same, for any valid pop', () => {
    const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''));
    fc.assert(
      fc.property(
        fc.record(
          {
            callbackNumber: digits(10),
            caseNumber: fc.integer({ min: 6, max: 12 }).chain(digits),
            callerType: fc.constantFrom(...callerTypes),
            callerName: fc.string({ minLength: 1, maxLength: 80 }).filter((s) => s.trim() === s && s.length > 0),
          },
          { requiredKeys: ['callbackNumber'] },
        ),
        (pop) => {
          expect(parseScreenPopLink(screenPopLink(pop))).toEqual({ ok: true, value: pop });
        },
      ),
    );
  });
});

describe('the screen pop in the desk', () => {
  function desk() {
    t = openTestDesk();
    t.desk.operators.save({ name: 'Rita Rep', role: 'rep', pin: '2468' });
    return t.desk;
  }
  const audits = (d: ReturnType<typeof desk>) => d.audit.recent(20).filter((e) => e.action.startsWith('screen_pop.'));

  it('waits for the rep, then starts the call with what the link said and runs the case lookup at once', async () => {
    const d = desk();
    await importCsv(d, 'members', MEMBERS);
    const events: unknown[] = [];
    d.events.subscribe((name, payload) => name === 'app:screenPop.changed' && events.push(payload));
    const offer = d.services.screenPop.offer('kynect-desk://call?number=5025550134&case=100300113&type=agent', 'test');
    expect(d.services.calls.current().call).toBeNull(); // nothing recorded before the rep confirms
    expect(d.services.screenPop.pending()).toEqual(offer);
    expect(describeOffer(offer)).toBe('Agent from 502-555-0134, about case 100300113');
    const r = (await d.router.dispatch('app:screenPop.accept', { offerId: offer.id }, { via: 'test' })) as {
      ok: true;
      value: { call: { call: Record<string, unknown> }; lookup: { level: string; candidates: unknown[] } };
    };
    expect(r.ok).toBe(true);
    expect(r.value.call.call).toMatchObject({ callerType: 'agent', callbackNumber: '5025550134', caseNumber: '100300113' });
    expect(r.value.lookup.candidates).toHaveLength(2);
    expect(d.services.screenPop.pending()).toBeNull();
    expect(events).toEqual([offer, null]);
    expect(d.audit.recent(30).map((e) => e.action)).toEqual(expect.arrayContaining(['screen_pop.offered', 'screen_pop.accepted', 'call.started']));
    // The audit says a pop came, never from which number.
    expect(JSON.stringify(audits(d))).not.toContain('5550134');
  });

  it('keeps the pop waiting while another call is open, and lets it go with nothing recorded', async () => {
    const d = desk();
    const first = d.services.calls.start({ callerType: 'resident' }).call!.id;
    const offer = d.services.screenPop.offer('kynect-desk://call?number=5025550134', 'test');
    expect(await d.router.dispatch('app:screenPop.accept', { offerId: offer.id }, { via: 'test' })).toMatchObject({
      ok: false,
      error: { code: 'refused', message: expect.stringContaining('already open') },
    });
    expect(d.services.screenPop.pending()?.id).toBe(offer.id);
    expect(d.services.calls.current().call!.id).toBe(first);
    // The phone rings again: the newer pop replaces the older.
    const again = d.services.screenPop.offer('kynect-desk://call?number=5025550199', 'test');
    expect(await d.router.dispatch('app:screenPop.dismiss', { offerId: offer.id }, { via: 'test' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await d.router.dispatch('app:screenPop.dismiss', { offerId: again.id }, { via: 'test' })).toMatchObject({ ok: true });
    expect(d.db.prepare('SELECT count(*) FROM call').pluck().get()).toBe(1);
    expect(audits(d).map((e) => e.action)).toEqual(['screen_pop.dismissed', 'screen_pop.offered', 'screen_pop.replaced', 'screen_pop.offered']);
    expect(await d.router.dispatch('app:screenPop.offer', { link: 'kynect-desk://call?number=1' }, { via: 'test' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_request', fieldErrors: { number: expect.any(String) } },
    });
  });

  it('is made and checked from the CLI', () => {
    const ok = runCliProcess(['call', 'pop', '--number', '(502) 555-0134', '--case', '100300113', '--type', 'kynector']);
    expect(ok.code).toBe(0);
    expect(ok.stdout.trim()).toBe('kynect-desk://call?number=5025550134&case=100300113&type=kynector');
    const bad = runCliProcess(['call', 'pop', '--link', 'kynect-desk://call?number=5025550134&pin=1', '--json']);
    expect(bad.code).not.toBe(0);
    expect(JSON.parse(bad.stderr)).toMatchObject({ error: { code: 'invalid_request', fieldErrors: { pin: expect.any(String) } } });
  });
});

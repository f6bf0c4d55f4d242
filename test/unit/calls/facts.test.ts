import { describe, expect, it } from 'vitest';
import { defaultDispositions } from '../../../shared/common/calls/dispositions';
import { callFacts, fillTemplate, suggestDispositions } from '../../../shared/common/calls/facts';
import { findTemplate } from '../../../shared/common/calls/notes';
import type { TimelineEntry } from '../../../shared/common/calls/timeline';

let id = 0;
const at = '2026-12-03T15:00:00.000Z';
const entry = (kind: TimelineEntry['kind'], summary: string, details: Record<string, unknown> | null = null): TimelineEntry => ({
  id: ++id,
  callId: 'c-1',
  at,
  kind,
  summary,
  refId: null,
  details,
});
const call = (timeline: TimelineEntry[], more: Partial<{ callerName: string | null; caseNumber: string | null; clientOnLine: boolean }> = {}) => ({
  callerName: null,
  caseNumber: null,
  clientOnLine: false,
  timeline,
  ...more,
});
const codes = (timeline: TimelineEntry[]) => suggestDispositions(callFacts(call(timeline)), defaultDispositions).map((s) => s.code);

describe('what the call learned (issue 12.2)', () => {
  it('a call where nothing happened suggests nothing: the rep chooses', () => {
    expect(codes([entry('call.started', 'Call started: Resident / client')])).toEqual([]);
  });

  it('each kind of work points to its disposition, several when several happened, in the order of the list’s specificity', () => {
    const timeline = [
      entry('match.search', 'Member match: Partial match (1 record)', { level: 'partial' }),
      entry('sep.summary', 'SEP Loss of coverage: …'),
      entry('ese.intake', 'ESE request ESE-1 forwarded', { reference: 'ESE-20261203-0001' }),
    ];
    const s = suggestDispositions(callFacts(call(timeline)), defaultDispositions);
    expect(s.map((x) => x.code)).toEqual(['ese_forwarded', 'sep_information', 'member_match_psl']);
    expect(s[0]).toMatchObject({ label: 'ESE request forwarded to KHBE', because: 'ESE request ESE-20261203-0001 forwarded to KHBE.' });
    expect(s[2]!.because).toBe('Member match looked up (Partial match).');
  });

  it('an association names its outcome; its own lookup is not a separate PSL lookup', () => {
    const a = { agentName: 'Maria West', agentNpn: 'NPN1234567', clientOnLine: true };
    const done = [
      entry('association', 'Client looked up: Full match — case 100300113', { step: 'client', association: { ...a, matchLevel: 'full', caseNumber: '100300113' } }),
      entry('consent.record', 'Consent accepted (electronic) for Agent Maria West', { method: 'electronic', outcome: 'accepted' }),
      entry('association', 'Agent Maria West associated with case 100300113', {
        step: 'confirm',
        association: { ...a, caseNumber: '100300113', consentOutcome: 'accepted', outcome: 'associated' },
      }),
    ];
    const s = suggestDispositions(callFacts(call(done)), defaultDispositions);
    expect(s).toEqual([{ code: 'association_completed', label: 'Agent associated (client on the line)', because: 'Agent Maria West was associated with case 100300113.' }]);
    const notOnLine = [
      entry('association', 'Client not on the line', { step: 'client-on-line', association: { agentName: 'Maria West', clientOnLine: false, outcome: 'client-not-on-line' } }),
    ];
    expect(codes(notOnLine)).toEqual(['association_not_done']);
    const refused = [
      entry('consent.record', 'Consent refused (verbal)', { method: 'verbal', outcome: 'refused' }),
      entry('association', 'Consent refused (verbal): no association', { step: 'consent', association: { consentOutcome: 'refused', outcome: 'consent-refused' } }),
    ];
    const r = suggestDispositions(callFacts(call(refused)), defaultDispositions);
    expect(r.map((x) => [x.code, x.because])).toEqual([['association_not_done', 'The client refused consent: no association.']]);
  });

  it('a consent recorded outside an association (kynect resources) is its own disposition', () => {
    expect(codes([entry('consent.record', 'kynect resources consent accepted (verbal, English script v1) for Legal Aid')])).toEqual(['consent_recorded']);
  });

  it('only codes the configured list has are suggested', () => {
    const list = [
      { code: 'resolved', label: 'Resolved' },
      { code: 'sep_information', label: 'SEP info' },
    ];
    const facts = callFacts(call([entry('ese.intake', 'ESE', { reference: 'ESE-1' }), entry('sep.summary', 'SEP')]));
    expect(suggestDispositions(facts, list)).toEqual([{ code: 'sep_information', label: 'SEP info', because: 'An SEP summary was given.' }]);
  });
});

describe('notes templates filled from the call (issue 12.2)', () => {
  const facts = callFacts(
    call(
      [
        entry('association', 'Client looked up', {
          step: 'client',
          association: { agentName: 'Maria West', agentNpn: 'NPN1234567', clientOnLine: true, matchLevel: 'full', caseNumber: '100300113' },
        }),
        entry('association', 'Consent accepted (verbal)', { step: 'consent', association: { consentMethod: 'verbal', consentOutcome: 'accepted' } }),
      ],
      { callerName: 'Maria West' },
    ),
  );

  it('the three-way template takes the Agent, NPN, case, consent method; what is not known yet stays for the rep', () => {
    const text = fillTemplate(findTemplate('three_way_association')!, facts);
    expect(text.split('\n').slice(0, 7)).toEqual([
      'THREE-WAY ASSOCIATION',
      'Agent: Maria West (NPN NPN1234567)',
      'Client on the line: yes',
      'Client confirmed they want the Agent associated with their case: yes',
      'Consent method: verbal',
      'Case number: 100300113',
      'Outcome: associated / not associated',
    ]);
  });

  it('the PSL template takes the caller, the match result and the case', () => {
    const text = fillTemplate(findTemplate('psl_member_match')!, facts);
    expect(text).toContain('Caller (Agent / kynector): Maria West\nMatch result: Full match\nApplication or case number: 100300113\n');
    expect(text).toContain('Next step: ___');
  });

  it('with nothing known a template is unchanged', () => {
    const t = findTemplate('three_way_association')!;
    expect(fillTemplate(t, callFacts(call([])))).toBe(t.body);
    const sep = findTemplate('sep_question')!;
    expect(fillTemplate(sep, facts)).toBe(sep.body);
  });
});

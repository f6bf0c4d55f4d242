import { describe, expect, it } from 'vitest';
import {
  alreadyAssociated,
  associated,
  caseNotCertain,
  caseOf,
  chooseSituation,
  confirmCase,
  confirmClientOnLine,
  consentDecided,
  identifyClient,
  startWizard,
  submitAgent,
  WizardRefusal,
  type ClientInfo,
} from '../../../shared/common/association/wizard';
import { INTERNAL_CODE } from '../../../shared/common/texts/readable';

const now = new Date('2026-11-22T15:00:00Z');
const agent = { name: 'Maria West', agentId: 'NPN 1234567', agency: 'Bluegrass Benefits', trainingDone: true };
const client = (over: Partial<ClientInfo> = {}): ClientInfo => ({
  firstName: 'John',
  lastName: 'Doe',
  sex: 'M',
  dateOfBirth: '1977-02-03',
  caseNumber: null,
  applicationNumber: null,
  matchLevel: 'full',
  matchedCaseNumber: '100300113',
  ...over,
});
const atClient = () => confirmClientOnLine(submitAgent(startWizard(), agent, now), true, now);

describe('the three-way association wizard', () => {
  it('stops when the Agent has not completed MyPurpose training, with that guidance', () => {
    const s = submitAgent(startWizard(), { ...agent, trainingDone: false }, now);
    expect(s.step).toBe('ended');
    expect(s.end?.reason).toBe('training-not-done');
    expect(s.end?.guidance.join(' ')).toContain('MyPurpose');
    expect(s.timeline.at(-1)?.summary).toContain('training not completed');
  });

  it('cannot associate without the client on the line: gives the three alternatives and ends', () => {
    const s = confirmClientOnLine(submitAgent(startWizard(), agent, now), false, now);
    expect(s.end?.reason).toBe('client-not-on-line');
    const g = s.end!.guidance.join('\n');
    expect(g).toContain('call the Contact Center');
    expect(g).toContain('"Reps, kynectors, and Agents"');
    expect(g).toContain('Appendix B form');
    expect(g).toContain('DCBS office');
  });

  it('existing case: associate here after consent, with a confirmation to read to both parties', () => {
    let s = identifyClient(atClient(), client(), now);
    expect(s.timeline.at(-1)?.summary).toBe('Client looked up: Full match — case 100300113');
    s = chooseSituation(s, 'existing-application-or-case', now);
    expect(s.step).toBe('consent');
    s = consentDecided(s, 'accepted', 'consent-1', 'verbal', now);
    s = associated(s, now);
    expect(s.end?.reason).toBe('associated');
    expect(s.end?.guidance[0]).toContain('Maria West of Bluegrass Benefits is now associated with case 100300113 for John Doe as of November 22, 2026');
    expect(s.timeline.map((l) => l.step)).toEqual(['agent', 'client-on-line', 'client', 'situation', 'consent', 'confirm']);
  });

  it('a case number typed but not confirmed is not a case to associate with (issue 11 §1: only a case identified with certainty)', () => {
    const s = identifyClient(atClient(), client({ matchLevel: 'none', matchedCaseNumber: null, caseNumber: '100200300' }), now);
    expect(() => chooseSituation(s, 'healthcare-gov-enrollment', now)).toThrow(/only with a case identified with certainty/);
    expect(() => caseOf(s)).toThrow(WizardRefusal);
  });

  it('a case the client confirmed by number is associated, and the timeline says how it was identified', () => {
    let s = identifyClient(atClient(), client({ matchLevel: 'partial', matchedCaseNumber: null }), now);
    s = confirmCase(s, '100300113', now);
    expect(s.client?.caseConfirmedBy).toBe('client-number');
    s = chooseSituation(s, 'healthcare-gov-enrollment', now);
    expect(s.step).toBe('consent');
    expect(s.timeline.map((l) => l.summary)).toContain('Case 100300113 chosen and confirmed by the number the client gave');
  });

  it("no case certain: ends with the seed's alternatives (000) and no association", () => {
    const s = caseNotCertain(identifyClient(atClient(), client({ matchLevel: 'partial', matchedCaseNumber: null }), now), 'partial', now);
    expect(s.end?.reason).toBe('case-not-certain');
    expect(s.end?.guidance[0]).toMatch(/^Not every identifying detail matches exactly\. A DCBS caseworker must determine/);
    expect(s.end?.guidance).toHaveLength(5);
    expect(s.end?.guidance.join(' ')).toContain('Reps, kynectors, and Agents');
    expect(s.end?.guidance.join(' ')).toContain('Appendix B');
    expect(s.end?.text).toEqual({ id: 'association.case-not-certain', version: 1, locale: 'en' });
  });

  it('an Agent already on the case ends with nothing to record', () => {
    const s = alreadyAssociated(identifyClient(atClient(), client(), now), '100300113', '2026-01-05', now);
    expect(s.end).toMatchObject({ reason: 'already-associated', guidance: [expect.stringContaining('already associated with case 100300113, since January 5, 2026')] });
    expect(s.end?.text).toEqual({ id: 'association.already-associated', version: 1, locale: 'en' });
  });

  it('says "already associated" and "did not consent" in the call’s language, and records which words (issue 13.1)', () => {
    const already = alreadyAssociated(identifyClient(atClient(), client(), now), '100300113', '2026-01-05', now, 'es');
    expect(already.end?.guidance).toEqual([expect.stringMatching(/con el caso 100300113 ya existe desde el 5 de enero de 2026: no hay nada que registrar/)]);
    expect(already.end?.text).toEqual({ id: 'association.already-associated', version: 1, locale: 'es' });
    let s = chooseSituation(identifyClient(atClient(), client(), now), 'existing-application-or-case', now);
    s = consentDecided(s, 'refused', 'c', 'electronic', now, 'es');
    expect(s.end).toMatchObject({ reason: 'consent-refused', guidance: ['El cliente no dio su consentimiento: no se hizo la asociación.'] });
    expect(s.end?.text).toEqual({ id: 'association.consent-refused', version: 1, locale: 'es' });
  });

  it('the confirmation promises only what 000:22 says, and gives the Contact Center with its TTY line where it gives the number (000, 001)', () => {
    let s = chooseSituation(identifyClient(atClient(), client(), now), 'existing-application-or-case', now);
    s = associated(consentDecided(s, 'accepted', 'c', 'verbal', now), now);
    expect(s.end!.guidance[0]).toContain('may now assist John with this case as applicable');
    expect(s.end!.guidance[0]).not.toMatch(/remove/i);
    const alone = confirmClientOnLine(submitAgent(startWizard(), agent, now), false, now);
    expect(alone.end!.guidance.join(' ')).toContain('1-855-459-6328 (TTY 1-855-326-4654)');
  });

  it('new applicant with no match: guidance to initiate the application in Agent Portal, and the end', () => {
    const s = chooseSituation(identifyClient(atClient(), client({ matchLevel: 'none', matchedCaseNumber: null }), now), 'new-applicant', now);
    expect(s.end?.reason).toBe('new-applicant');
    expect(s.end?.guidance.join(' ')).toContain('Initiate an Application for Individual');
  });

  it('never a new application where the lookup found the client', () => {
    const s = identifyClient(atClient(), client({ matchLevel: 'full', matchedCaseNumber: '100300113' }), now);
    expect(() => chooseSituation(s, 'new-applicant', now)).toThrow(/must not associate by creating a Prospect or a new benefits application/);
    // The words name no seed: the rep may read them to the Agent; the seed line goes with them as the source (issue 12.6).
    const refusal = (() => {
      try {
        chooseSituation(s, 'new-applicant', now);
      } catch (e) {
        return e as WizardRefusal;
      }
    })()!;
    expect(refusal.message).toBe(
      'The lookup found this client on case 100300113. Agents must not associate by creating a Prospect or a new benefits application when there is an existing enrollment or benefits application.',
    );
    expect(refusal.message).not.toMatch(INTERNAL_CODE);
    expect(refusal.source).toBe('Agent Portal: Association With Clients Enrolled Through HealthCare.gov (000:9)');
    const maybe = identifyClient(atClient(), client({ matchLevel: 'full', matchedCaseNumber: null }), now);
    expect(() => chooseSituation(maybe, 'new-applicant', now, { exactOnCase: true, possible: true })).toThrow(/on an existing case/);
  });

  it("a new applicant after a Partial match is told what follows: a DCBS caseworker task, off the Agent's dashboard (003 §9)", () => {
    const s = chooseSituation(identifyClient(atClient(), client({ matchLevel: 'partial', matchedCaseNumber: null }), now), 'new-applicant', now, {
      exactOnCase: false,
      possible: true,
    });
    expect(s.end?.guidance.join(' ')).toMatch(/task for a DCBS caseworker.*removed from the Agent's dashboard/);
  });

  it('associating here needs a case identified with certainty', () => {
    const s = identifyClient(atClient(), client({ matchLevel: 'none', matchedCaseNumber: null }), now);
    expect(() => chooseSituation(s, 'existing-application-or-case', now)).toThrow(/identified with certainty/);
  });

  it('a refused consent ends with no association', () => {
    let s = chooseSituation(identifyClient(atClient(), client(), now), 'existing-application-or-case', now);
    s = consentDecided(s, 'refused', 'consent-2', 'electronic', now);
    expect(s.end?.reason).toBe('consent-refused');
    expect(() => associated(s, now)).toThrow(WizardRefusal);
  });

  it('refuses steps out of order', () => {
    expect(() => confirmClientOnLine(startWizard(), true, now)).toThrow('This is the "agent" step, not "client-on-line".');
  });
});

import { describe, expect, it } from 'vitest';
import {
  associated,
  chooseSituation,
  confirmClientOnLine,
  consentDecided,
  identifyClient,
  startWizard,
  submitAgent,
  WizardRefusal,
  type ClientInfo,
} from '../../../shared/common/association/wizard';

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
    expect(s.end?.guidance[0]).toContain('Maria West of Bluegrass Benefits is now associated with case 100300113 for John Doe as of 2026-11-22');
    expect(s.timeline.map((l) => l.step)).toEqual(['agent', 'client-on-line', 'client', 'situation', 'consent', 'confirm']);
  });

  it('HealthCare.gov enrollment with the case number given also associates here', () => {
    const s = chooseSituation(identifyClient(atClient(), client({ matchLevel: 'none', matchedCaseNumber: null, caseNumber: '100200300' }), now), 'healthcare-gov-enrollment', now);
    expect(s.step).toBe('consent');
  });

  it('new applicant with no match: guidance to initiate the application in Agent Portal, and the end', () => {
    const s = chooseSituation(identifyClient(atClient(), client({ matchLevel: 'none', matchedCaseNumber: null }), now), 'new-applicant', now);
    expect(s.end?.reason).toBe('new-applicant');
    expect(s.end?.guidance.join(' ')).toContain('Initiate an Application for Individual');
  });

  it('never a new application where the lookup found the client', () => {
    const s = identifyClient(atClient(), client({ matchLevel: 'partial', matchedCaseNumber: '100300113' }), now);
    expect(() => chooseSituation(s, 'new-applicant', now)).toThrow(/must not associate by creating a Prospect or a new benefits application/);
  });

  it('associating here needs a case', () => {
    const s = identifyClient(atClient(), client({ matchLevel: 'none', matchedCaseNumber: null }), now);
    expect(() => chooseSituation(s, 'existing-application-or-case', now)).toThrow(/case must be found/);
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

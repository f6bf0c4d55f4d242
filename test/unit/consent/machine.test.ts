import { describe, expect, it } from 'vitest';
import {
  acceptVerbal,
  canAcceptVerbal,
  ConsentRefusal,
  crossedMilestone,
  abandonPending,
  agentLeftScreen,
  agentPortalNextSteps,
  consentBlocked,
  electronicAllowed,
  markRead,
  pendingAttempt,
  recordAnswer,
  recordElectronicOutcome,
  refuseVerbal,
  requestElectronic,
  settle,
  startConsent,
  startVerbal,
  verbalTrigger,
  type ClientContact,
  type ConsentState,
} from '../../../shared/common/consent/machine';

const t0 = new Date('2026-11-22T15:00:00.000Z');
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
const script = { id: 'agent-association', version: 2, locale: 'en' as const, textSha256: 'a'.repeat(64), acknowledgmentIds: ['permission', 'access', 'revoke', 'identity'] };

function verbalReady(state: ConsentState, now: Date): ConsentState {
  let s = startVerbal(state, script, now);
  for (const id of script.acknowledgmentIds) s = recordAnswer(markRead(s, id, now), id, 'agree', now);
  return s;
}

describe('electronic consent: 90 seconds', () => {
  it('counts from the stored send time: pending at 89 s, still pending just before 90, no response at 90 and 91', () => {
    const s = requestElectronic(startConsent({ contact: 'electronic' }), t0);
    expect(s.attempts[0]).toMatchObject({ number: 1, sentAt: t0.toISOString(), expiresAt: at(90).toISOString(), outcome: 'pending' });
    expect(pendingAttempt(s, at(89))).not.toBeNull();
    expect(pendingAttempt(s, new Date(at(90).getTime() - 1))).not.toBeNull();
    expect(pendingAttempt(s, at(90))).toBeNull();
    expect(settle(s, at(91)).attempts[0]).toMatchObject({ outcome: 'no-response', resolvedAt: at(90).toISOString() });
  });

  it('accepted within the window: consent accepted, method electronic', () => {
    const s = recordElectronicOutcome(requestElectronic(startConsent({ contact: 'electronic' }), t0), 'accepted', at(89));
    expect(s).toMatchObject({ status: 'accepted', method: 'electronic', decidedAt: at(89).toISOString() });
  });

  it('an acceptance recorded after the 90 seconds is refused with the reason', () => {
    const s = requestElectronic(startConsent({ contact: 'electronic' }), t0);
    expect(() => recordElectronicOutcome(s, 'accepted', at(91))).toThrow(/90 seconds ran out at 15:01:30 UTC/);
  });

  it('declined: consent refused, no association', () => {
    const s = recordElectronicOutcome(requestElectronic(startConsent({ contact: 'electronic' }), t0), 'declined', at(20));
    expect(s).toMatchObject({ status: 'refused', method: 'electronic' });
    expect(() => requestElectronic(s, at(30))).toThrow(ConsentRefusal);
  });

  it('a technical failure opens verbal consent', () => {
    const s = recordElectronicOutcome(requestElectronic(startConsent({ contact: 'electronic' }), t0), 'technical-failure', at(5));
    expect(s.status).toBe('open');
    expect(verbalTrigger(s, at(6))).toBe('technical-failure');
  });

  it('refuses a second request while one is waiting', () => {
    const s = requestElectronic(startConsent({ contact: 'electronic' }), t0);
    expect(() => requestElectronic(s, at(30))).toThrow('A request is already waiting for the client.');
  });
});

describe('at most 3 electronic requests to the same client for the same Agent', () => {
  it('allows 3 and refuses the 4th with the reason', () => {
    let s = startConsent({ contact: 'electronic' });
    for (let i = 0; i < 3; i++) s = requestElectronic(s, at(i * 100));
    expect(s.attempts.map((a) => a.number)).toEqual([1, 2, 3]);
    expect(() => requestElectronic(s, at(400))).toThrow(/3 electronic consent requests have already been sent.*Use verbal consent/);
    expect(electronicAllowed(s, at(400))).toMatchObject({ allowed: false });
  });

  it('counts requests sent before this session while access is not processed', () => {
    let s = startConsent({ contact: 'electronic', priorRequests: 2 });
    s = requestElectronic(s, t0);
    expect(s.attempts[0]!.number).toBe(3);
    expect(() => requestElectronic(s, at(100))).toThrow(/3 electronic consent requests/);
  });

  it('a request expired because the Agent left the Agent Portal screen still counts (001:72 makes no exception for it)', () => {
    let s = startConsent({ contact: 'electronic' });
    s = agentLeftScreen(requestElectronic(s, t0), at(10));
    s = agentLeftScreen(requestElectronic(s, at(20)), at(30));
    s = requestElectronic(s, at(40));
    expect(s.attempts.map((a) => a.outcome)).toEqual(['left-screen', 'left-screen', 'pending']);
    expect(() => requestElectronic(s, at(200))).toThrow(/3 electronic consent requests/);
  });

  it('refuses a negative or fractional prior count', () => {
    expect(() => startConsent({ contact: 'electronic', priorRequests: -1 })).toThrow(ConsentRefusal);
    expect(() => startConsent({ contact: 'electronic', priorRequests: 1.5 })).toThrow(ConsentRefusal);
  });
});

describe('the Agent leaving the Agent Portal screen (001:79)', () => {
  it('expires a pending request as its own outcome, not "did not respond"; it cannot then be accepted', () => {
    const s = agentLeftScreen(requestElectronic(startConsent({ contact: 'electronic' }), t0), at(30));
    expect(s.attempts[0]).toMatchObject({ outcome: 'left-screen', resolvedAt: at(30).toISOString() });
    expect(verbalTrigger(s, at(31))).toBeNull();
    expect(() => recordElectronicOutcome(s, 'accepted', at(31))).toThrow('The last request is already closed.');
    // The Agent can send another: 2 of 3 left.
    expect(electronicAllowed(s, at(31))).toEqual({ allowed: true });
  });
  it('is refused when nothing is waiting', () => {
    expect(() => agentLeftScreen(startConsent({ contact: 'electronic' }), t0)).toThrow(/nothing for the Agent to have expired/);
  });
  it('an association ending while a request waits marks it abandoned, and changes nothing otherwise', () => {
    const s = startConsent({ contact: 'electronic' });
    expect(abandonPending(s, t0)).toEqual(s);
    expect(abandonPending(requestElectronic(s, t0), at(5)).attempts[0]!.outcome).toBe('abandoned');
  });
});

describe('verbal consent: when it is offered', () => {
  it('communication preference not electronic → verbal at once, electronic refused (001:99)', () => {
    const s = startConsent({ contact: 'not-electronic' });
    expect(verbalTrigger(s, t0)).toBe('not-electronic');
    expect(() => requestElectronic(s, t0)).toThrow(/Electronic consent cannot be sent/);
    expect(startVerbal(s, script, t0).verbal?.trigger).toBe('not-electronic');
  });

  it.each<ClientContact>(['no-electronic-method', 'unknown-to-system'])(
    'client %s is not a trigger: Agent Portal shows the Agent next steps (001:114), never the script',
    (contact) => {
      const s = startConsent({ contact });
      expect(verbalTrigger(s, t0)).toBeNull();
      expect(() => startVerbal(s, script, t0)).toThrow(ConsentRefusal);
      expect(() => requestElectronic(s, t0)).toThrow(/Agent Portal shows the Agent a message with the next steps/);
      expect(agentPortalNextSteps(contact)!.join(' ')).toMatch(/Ask the Agent to read it to you/);
      expect(consentBlocked(s, t0)?.reason).toMatch(/next steps/);
    },
  );

  it('no response within 90 seconds → verbal', () => {
    const s = requestElectronic(startConsent({ contact: 'electronic' }), t0);
    expect(() => startVerbal(s, script, at(60))).toThrow(/still waiting for the client/);
    expect(startVerbal(s, script, at(90)).verbal?.trigger).toBe('no-response');
  });

  it('technical failure → verbal', () => {
    const s = recordElectronicOutcome(requestElectronic(startConsent({ contact: 'electronic' }), t0), 'technical-failure', at(3));
    expect(startVerbal(s, script, at(4)).verbal?.trigger).toBe('technical-failure');
  });

  it('not before an electronic request for a client who prefers electronic, nor after the Agent left the screen alone', () => {
    expect(() => startVerbal(startConsent({ contact: 'electronic' }), script, t0)).toThrow(/Ask the Agent to send the electronic request from Agent Portal first/);
    const left = agentLeftScreen(requestElectronic(startConsent({ contact: 'electronic' }), t0), at(5));
    expect(verbalTrigger(left, at(6))).toBeNull();
  });

  it('a request that ran out stays a trigger after a later one expired because the Agent left the screen (001:7)', () => {
    let s = requestElectronic(startConsent({ contact: 'electronic' }), t0);
    s = agentLeftScreen(requestElectronic(s, at(100)), at(110));
    expect(s.attempts.map((a) => a.outcome)).toEqual(['no-response', 'left-screen']);
    expect(verbalTrigger(s, at(111))).toBe('no-response');
  });
});

describe('no dead end after three requests (001:7, 001:72)', () => {
  it('the third request ran out: no more electronic, and verbal consent is offered and can start', () => {
    let s = startConsent({ contact: 'electronic' });
    for (let i = 0; i < 3; i++) s = requestElectronic(s, at(i * 100));
    expect(electronicAllowed(s, at(400))).toMatchObject({ allowed: false, reason: expect.stringContaining('Use verbal consent') });
    expect(verbalTrigger(s, at(400))).toBe('no-response');
    expect(consentBlocked(s, at(400))).toBeNull();
    expect(startVerbal(s, script, at(400)).verbal?.trigger).toBe('no-response');
  });

  it('the 3 were used in earlier associations and the last ran out: verbal at once in the new one', () => {
    const s = startConsent({ contact: 'electronic', priorRequests: 3, priorLastOutcome: 'no-response' });
    expect(electronicAllowed(s, t0)).toMatchObject({ allowed: false });
    expect(verbalTrigger(s, t0)).toBe('no-response');
    expect(startVerbal(s, script, t0).verbal?.trigger).toBe('no-response');
  });

  it('the third expired because the Agent left the screen: no "Use verbal consent" that then refuses — it says consent cannot be completed in this call', () => {
    let s = startConsent({ contact: 'electronic', priorRequests: 2, priorLastOutcome: 'left-screen' });
    s = agentLeftScreen(requestElectronic(s, t0), at(10));
    const allowed = electronicAllowed(s, at(11));
    expect(allowed.allowed).toBe(false);
    expect(allowed.allowed ? '' : allowed.reason).not.toContain('Use verbal consent');
    expect(verbalTrigger(s, at(11))).toBeNull();
    expect(consentBlocked(s, at(11))?.reason).toMatch(/cannot be completed in this call/);
    // What the end reads (association.consent-not-possible): the 3 requests, how the last ended.
    expect(consentBlocked(s, at(11))?.needs).toEqual(['maxRequests', 'lastLeftScreen']);
  });

  it("Agent Portal's next steps are a caller text: English or Spanish as the call is, the same lines and no seed number", () => {
    const en = agentPortalNextSteps('unknown-to-system', 'en')!;
    const es = agentPortalNextSteps('unknown-to-system', 'es')!;
    expect(en[0]).toBe('Because the client is not known to the system, Agent Portal shows the Agent a message with the next steps. Ask the Agent to read it to you and follow it.');
    expect(es[0]).toBe(
      'Como el sistema no reconoce al cliente, Agent Portal le muestra al Agente un mensaje con los pasos a seguir. Pídale al Agente que le lea ese mensaje y que siga esos pasos.',
    );
    expect(es).toHaveLength(en.length);
    expect([...en, ...es].join(' ')).not.toMatch(/\(\d{3}|§/);
    expect(agentPortalNextSteps('electronic', 'es')).toBeNull();
    expect(consentBlocked(startConsent({ contact: 'no-electronic-method' }), t0)?.needs).toEqual(['noElectronicMethod', 'nextSteps']);
  });
});

describe('verbal consent: reading and answering', () => {
  const open = () => startVerbal(startConsent({ contact: 'not-electronic' }), script, t0);

  it('Accept only when every acknowledgment is read and agreed', () => {
    let s = open();
    expect(canAcceptVerbal(s)).toBe(false);
    for (const id of script.acknowledgmentIds.slice(0, 3)) s = recordAnswer(markRead(s, id, at(1)), id, 'agree', at(2));
    expect(canAcceptVerbal(s)).toBe(false);
    expect(() => acceptVerbal(s, at(3))).toThrow(/1 not yet: identity/);
    s = markRead(s, 'identity', at(4));
    expect(canAcceptVerbal(s)).toBe(false);
    s = recordAnswer(s, 'identity', 'agree', at(5));
    expect(canAcceptVerbal(s)).toBe(true);
    const done = acceptVerbal(s, at(6));
    expect(done).toMatchObject({ status: 'accepted', method: 'verbal', decidedAt: at(6).toISOString() });
    expect(done.verbal!.acknowledgments.every((a) => a.readAt && a.answeredAt)).toBe(true);
  });

  it('an answer before the acknowledgment is read is refused', () => {
    expect(() => recordAnswer(open(), 'access', 'agree', t0)).toThrow('Read the acknowledgment aloud before recording the answer.');
  });

  it('a disagreement keeps Accept disabled; refusing ends with no association', () => {
    let s = recordAnswer(markRead(verbalReady(startConsent({ contact: 'not-electronic' }), t0), 'access', at(1)), 'access', 'disagree', at(2));
    expect(canAcceptVerbal(s)).toBe(false);
    s = refuseVerbal(s, 'Client does not want the Agent to see income.', at(3));
    expect(s).toMatchObject({ status: 'refused', method: 'verbal', refusal: 'Client does not want the Agent to see income.' });
    expect(() => acceptVerbal(s, at(4))).toThrow(/already refused/);
  });

  it('keeps the first read time when read twice, and refuses unknown acknowledgments', () => {
    let s = markRead(open(), 'permission', at(1));
    s = markRead(s, 'permission', at(9));
    expect(s.verbal!.acknowledgments[0]!.readAt).toBe(at(1).toISOString());
    expect(() => markRead(s, 'nope', at(2))).toThrow('There is no acknowledgment "nope" in this script.');
  });

  it('cannot start twice', () => {
    expect(() => startVerbal(open(), script, at(1))).toThrow('Verbal consent is already in progress.');
  });
});

describe('countdown milestones for screen readers', () => {
  const expires = at(90).toISOString();
  it('announces 60, 30, 10 and expiry once each, never the ticks between', () => {
    const said: number[] = [];
    let prev = t0;
    for (let s = 1; s <= 95; s++) {
      const m = crossedMilestone(expires, prev, at(s));
      if (m !== null) said.push(m);
      prev = at(s);
    }
    expect(said).toEqual([60, 30, 10, 0]);
  });
  it('a long gap reports only the latest milestone crossed', () => {
    expect(crossedMilestone(expires, at(0), at(85))).toBe(10);
    expect(crossedMilestone(expires, at(31), at(40))).toBeNull();
  });
});

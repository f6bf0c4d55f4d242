import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../shared/common/clock';
import { defaultDispositions, dispositionLabel } from '../../../shared/common/calls/dispositions';
import { ActivityRecordInput, activityKinds, callEventKind, describeCallEvent, TimelineKind, timelineKindLabels, timelineKinds } from '../../../shared/common/calls/timeline';
import { apply, evolve, startCall, type CallEvent } from '../../../shared/common/calls/session';
import { callSummaryText, type CallView } from '../../../shared/common/calls/view';

describe('timeline kinds', () => {
  it('covers what other features record and every call event, each with a label', () => {
    expect(activityKinds).toEqual(['sep.summary', 'match.search', 'consent.record', 'association', 'ese.intake', 'note']);
    for (const k of timelineKinds) expect(timelineKindLabels[k]).toBeTruthy();
    for (const t of ['started', 'held', 'resumed', 'client_joined', 'client_left', 'details_changed', 'ended', 'closed', 'recovered'] as const)
      expect(TimelineKind.parse(callEventKind(t))).toBe(`call.${t}`);
  });

  it('validates what a feature records', () => {
    expect(ActivityRecordInput.parse({ kind: 'match.search', summary: ' Member match: Partial ', refId: 'm-1' })).toEqual({
      kind: 'match.search',
      summary: 'Member match: Partial',
      refId: 'm-1',
    });
    expect(ActivityRecordInput.safeParse({ kind: 'call.started', summary: 'x' }).success).toBe(false);
    expect(ActivityRecordInput.safeParse({ kind: 'note', summary: '  ' }).error?.issues[0]?.message).toBe('A timeline line needs a summary.');
  });
});

describe('call events on the timeline', () => {
  const at = '2026-03-02T14:00:00.000Z';
  it.each<[CallEvent, string]>([
    [
      { type: 'started', at, callerType: 'agent_three_way', callerName: 'Pat Agent', callbackNumber: null, caseNumber: '13002543' },
      'Call started: Agent with the client on the line (three-way), Pat Agent, case 13002543',
    ],
    [{ type: 'started', at, callerType: 'resident', callerName: null, callbackNumber: null, caseNumber: null }, 'Call started: Resident / client'],
    [{ type: 'held', at }, 'Caller put on hold'],
    [{ type: 'resumed', at }, 'Caller taken off hold'],
    [{ type: 'client_joined', at }, 'Client joined the line (three-way call)'],
    [{ type: 'client_left', at }, 'Client left the line'],
    [
      { type: 'details_changed', at, changes: { callerType: 'kynector', callbackNumber: '5025550134', caseNumber: null } },
      'Caller details changed (caller type: kynector; callback number: 502-555-0134; case number cleared)',
    ],
    [{ type: 'ended', at }, 'Call ended; wrap-up started'],
    [{ type: 'closed', at, disposition: 'ese_forwarded', followUpDate: '2026-03-09' }, 'Wrap-up complete: ESE request forwarded to KHBE; follow up on 2026-03-09'],
    [{ type: 'recovered', at }, 'The app restarted during this call; the call was recovered'],
  ])('%j reads "%s"', (event, text) => {
    expect(describeCallEvent(event, (c) => dispositionLabel(defaultDispositions, c))).toBe(text);
  });
});

describe('call summary text', () => {
  it('has caller, times, timers, disposition, timeline and notes, with SSNs masked', () => {
    const clock = new ManualClock('2026-03-02T14:00:00Z');
    const events: CallEvent[] = [startCall({ callerType: 'agent', callerName: 'Pat Agent', callbackNumber: '502-555-0134', caseNumber: '13002543' }, clock.now())];
    let s = evolve(null, events[0]!);
    const step = (ms: number, c: Parameters<typeof apply>[1]) => {
      clock.advance(ms);
      const r = apply(s, c, clock.now(), { dispositionCodes: ['association_completed'], today: '2026-03-02' });
      events.push(r.event);
      s = r.session;
    };
    step(20_000, { type: 'client_joined' });
    step(40_000, { type: 'hold' });
    step(30_000, { type: 'resume' });
    step(60_000, { type: 'end' });
    step(50_000, { type: 'close', disposition: 'association_completed', followUpDate: '2026-03-05' });
    const view: CallView = {
      ...s,
      id: 'c-1',
      operatorId: 1,
      operatorName: 'Rita Rep',
      notesRevision: 0,
      events,
      timeline: events.map((e, i) => ({ id: i + 1, callId: 'c-1', at: e.at, kind: callEventKind(e.type), summary: describeCallEvent(e), refId: null, details: null })),
      notes: 'Client gave SSN 123-45-6789 to confirm.\n',
      notesSavedAt: clock.now().toISOString(),
      recoveredAt: null,
      language: 'es',
    };
    const text = callSummaryText(view, defaultDispositions, new Date('2026-03-03T00:00:00Z'));
    expect(text).toContain('Call: c-1');
    expect(text).toContain('Status: Closed');
    expect(text).toContain('Caller: Agent with the client on the line (three-way): Pat Agent');
    expect(text).toContain('Callback number: 502-555-0134');
    expect(text).toContain('Case number: 13002543');
    expect(text).toContain('Language: Spanish (Español)');
    expect(text).toContain('Talk time: 2:00');
    expect(text).toContain('Hold time: 0:30 (1 hold)');
    expect(text).toContain('Wrap-up time: 0:50');
    expect(text).toContain('Disposition: Agent associated (client on the line)');
    expect(text).toContain('Follow-up date: 2026-03-05');
    expect(text).toContain('Client joined the line (three-way call)');
    expect(text).toContain('Client gave SSN ***-**-6789 to confirm.');
    expect(text).not.toContain('123-45-6789');
    expect(text.endsWith('\n')).toBe(true);
  });
});

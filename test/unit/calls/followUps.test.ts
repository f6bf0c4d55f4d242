import { afterEach, describe, expect, it } from 'vitest';
import { openTestDesk } from '../../helpers/temp';
import { testKeyEnv } from '../../helpers/deskKey';
import type { Desk } from '../../../shared/node/host/desk';
import { calendarDayIn } from '../../../shared/common/localTime';
import { daysBetween } from '../../../shared/common/calls/followUps';

const open: { close(): void }[] = [];
afterEach(() => open.splice(0).forEach((d) => d.close()));

/** 10:00 in Louisville on Sunday, November 22, 2026. */
const START = '2026-11-22T15:00:00.000Z';

function deskInLouisville() {
  const t = openTestDesk({ env: { ...testKeyEnv, KYNECT_TIME_ZONE: 'America/New_York' } });
  open.push(t);
  t.clock.set(START);
  t.desk.operators.save({ name: 'Rita Rep', role: 'rep', pin: '2468' });
  return t;
}

async function dispatch(desk: Desk, channel: Parameters<Desk['router']['dispatch']>[0], request: unknown) {
  return desk.router.dispatch(channel, request, { via: 'test' });
}

/** A whole call that closes with a follow-up date; its id. */
function callWithFollowUp(desk: Desk, followUpDate: string | null, caller = 'Pat Agent'): string {
  const calls = desk.services.calls;
  const id = calls.start({ callerType: 'agent', callerName: caller, callbackNumber: '502-555-0134', caseNumber: '13002543' }).call!.id;
  calls.command(id, { type: 'end' });
  calls.command(id, { type: 'close', disposition: 'callback_needed', followUpDate });
  return id;
}

const dueIds = (desk: Desk) => desk.services.calls.followUps().items.map((i) => i.callId);

describe('follow-up reminders (issue 12 §4)', () => {
  it('lists a follow-up due today, not one due tomorrow, nor a call without one', () => {
    const { desk } = deskInLouisville();
    const today = callWithFollowUp(desk, '2026-11-22');
    callWithFollowUp(desk, '2026-11-23');
    callWithFollowUp(desk, null);
    const list = desk.services.calls.followUps();
    expect(list.today).toBe('2026-11-22');
    expect(list.items).toEqual([
      expect.objectContaining({ callId: today, followUpDate: '2026-11-22', daysOverdue: 0, callerName: 'Pat Agent', callbackNumber: '5025550134', caseNumber: '13002543' }),
    ]);
    expect(desk.services.calls.followUpCount()).toEqual({ today: '2026-11-22', due: 1, overdue: 0 });
  });

  it("today is the desk's calendar day in its time zone, not UTC's", () => {
    const { desk, clock } = deskInLouisville();
    const tomorrow = callWithFollowUp(desk, '2026-11-23');
    // 22:30 in Louisville on the 22nd is already the 23rd in UTC.
    clock.set('2026-11-23T03:30:00.000Z');
    expect(desk.services.calls.today()).toBe('2026-11-22');
    expect(dueIds(desk)).toEqual([]);
    clock.set('2026-11-23T05:00:00.000Z');
    expect(dueIds(desk)).toEqual([tomorrow]);
  });

  it('a follow-up not done by its day stays, counted as overdue by calendar days', async () => {
    const { desk, clock } = deskInLouisville();
    const older = callWithFollowUp(desk, '2026-11-22');
    const newer = callWithFollowUp(desk, '2026-11-24');
    clock.set('2026-11-24T13:00:00.000Z');
    const list = await dispatch(desk, 'app:call.followUps.list', {});
    expect(list).toMatchObject({
      ok: true,
      value: {
        today: '2026-11-24',
        items: [
          { callId: older, daysOverdue: 2 },
          { callId: newer, daysOverdue: 0 },
        ],
      },
    });
    expect(await dispatch(desk, 'app:call.followUps.count', {})).toEqual({ ok: true, value: { today: '2026-11-24', due: 2, overdue: 1 } });
  });

  it('marking one done takes it off the list, audited and pushed; twice is refused', async () => {
    const { desk } = deskInLouisville();
    const id = callWithFollowUp(desk, '2026-11-22');
    const pushed: unknown[] = [];
    desk.events.subscribe((name, payload) => name === 'app:call.followUps.changed' && pushed.push(payload));
    const done = await dispatch(desk, 'app:call.followUps.done', { callId: id });
    expect(done).toEqual({ ok: true, value: { today: '2026-11-22', items: [] } });
    expect(pushed).toEqual([{ today: '2026-11-22', due: 0, overdue: 0 }]);
    const audit = desk.db.prepare("SELECT subject, details FROM audit_log WHERE action = 'call.follow_up_done'").all() as { subject: string; details: string }[];
    expect(audit).toHaveLength(1);
    expect(audit[0]!.subject).toBe(`call:${id}`);
    expect(JSON.parse(audit[0]!.details)).toEqual({ followUpDate: '2026-11-22', early: false });
    expect(await dispatch(desk, 'app:call.followUps.done', { callId: id })).toMatchObject({ ok: false, error: { code: 'refused', message: 'That follow-up is already done.' } });
    expect(desk.services.calls.followUpCount().due).toBe(0);
  });

  it("another operator's follow-ups are not shown, nor can they be done or started here", async () => {
    const { desk } = deskInLouisville();
    const mine = callWithFollowUp(desk, '2026-11-22');
    const theirs = callWithFollowUp(desk, '2026-11-22', 'Lee Agent');
    const other = desk.db.prepare("INSERT INTO operator (name, role, created_at, updated_at) VALUES ('Omar Other', 'rep', ?, ?)").run(START, START).lastInsertRowid;
    desk.db.prepare('UPDATE call SET operator_id = ? WHERE id = ?').run(other, theirs);
    expect(dueIds(desk)).toEqual([mine]);
    expect(await dispatch(desk, 'app:call.followUps.done', { callId: theirs })).toMatchObject({ ok: false, error: { code: 'refused' } });
    expect(await dispatch(desk, 'app:call.followUps.start', { callId: theirs })).toMatchObject({ ok: false, error: { code: 'refused' } });
  });

  it('starts the follow-up call with the caller and case prefilled; the reminder stays until done', async () => {
    const { desk, clock } = deskInLouisville();
    const id = callWithFollowUp(desk, '2026-11-23');
    clock.set('2026-11-23T14:00:00.000Z');
    const started = await dispatch(desk, 'app:call.followUps.start', { callId: id });
    expect(started).toMatchObject({
      ok: true,
      value: { call: { state: 'active', callerType: 'agent', callerName: 'Pat Agent', callbackNumber: '5025550134', caseNumber: '13002543' } },
    });
    const call = (started as { value: { call: { timeline: { summary: string; refId: string | null }[] } } }).value.call;
    expect(call.timeline.map((t) => t.summary)).toContain('Follow-up of the call of 2026-11-22 (follow-up date 2026-11-23)');
    expect(dueIds(desk)).toEqual([id]);
    // A second start while that call is open is refused like any other start.
    expect(await dispatch(desk, 'app:call.followUps.start', { callId: id })).toMatchObject({ ok: false, error: { code: 'refused' } });
  });

  it('a follow-up date before today, on the desk calendar, is refused at wrap-up', () => {
    const { desk, clock } = deskInLouisville();
    // 21:00 on the 22nd in Louisville: the 22nd is still allowed although UTC is on the 23rd.
    clock.set('2026-11-23T02:00:00.000Z');
    expect(() => callWithFollowUp(desk, '2026-11-22')).not.toThrow();
    const id = desk.services.calls.start({ callerType: 'resident' }).call!.id;
    desk.services.calls.command(id, { type: 'end' });
    expect(() => desk.services.calls.command(id, { type: 'close', disposition: 'resolved', followUpDate: '2026-11-21' })).toThrow('The follow-up date cannot be in the past.');
  });

  it('calendar helpers count days on the calendar', () => {
    expect(calendarDayIn(new Date('2026-03-08T04:30:00Z'), 'America/Chicago')).toBe('2026-03-07');
    expect(daysBetween('2026-03-07', '2026-03-09')).toBe(2);
    expect(daysBetween('2026-11-01', '2026-11-02')).toBe(1);
  });
});

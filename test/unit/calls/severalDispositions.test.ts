import { afterEach, describe, expect, it } from 'vitest';
import { openTestDesk } from '../../helpers/temp';
import { DispositionList, combinationRefusal, defaultDispositions } from '../../../shared/common/calls/dispositions';

const open: { close(): void }[] = [];
afterEach(() => open.splice(0).forEach((d) => d.close()));

describe('a call closed with several dispositions (issue 12 §2)', () => {
  it('a stored list without the flag parses as one code per call', () => {
    const list = DispositionList.parse([{ code: 'resolved', label: 'Resolved' }]);
    expect(list[0]!.combinable).toBe(false);
    expect(combinationRefusal(list, 'resolved', ['resolved'])).toContain('closes a call on its own');
  });

  it('records the primary and the combinable extra codes; refuses a code that stands alone', () => {
    const t = openTestDesk();
    open.push(t);
    const { desk } = t;
    desk.operators.save({ name: 'Rita Rep', role: 'rep', pin: '2468' });
    desk.settings.set('calls.dispositions', DispositionList, defaultDispositions);
    const calls = desk.services.calls;
    const id = calls.start({ callerType: 'resident' }).call!.id;
    calls.command(id, { type: 'end' });
    expect(() => calls.command(id, { type: 'close', disposition: 'sep_information', additionalDispositions: ['resolved'] })).toThrow('cannot be combined');
    calls.command(id, { type: 'close', disposition: 'sep_information', additionalDispositions: ['ese_forwarded'] });
    const view = calls.view(id).call!;
    expect(view).toMatchObject({ disposition: 'sep_information', additionalDispositions: ['ese_forwarded'] });
    expect(view.timeline.at(-1)!.summary).toBe('Wrap-up complete: SEP information given; also ESE request forwarded to KHBE');
    expect(calls.exportText(id).text).toContain('Disposition: SEP information given; also ESE request forwarded to KHBE');
    expect(calls.search({ disposition: 'ese_forwarded' }).map((c) => c.id)).toEqual([id]);
    const body = JSON.parse(desk.db.prepare("SELECT body FROM sync_outbox WHERE kind = 'call.closed' AND id = ?").pluck().get(id) as string) as Record<string, unknown>;
    expect(body.additional_dispositions).toEqual(['ese_forwarded']);
  });
});

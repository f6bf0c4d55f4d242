import fs from 'node:fs';
import path from 'node:path';
import { defaultDispositions, dispositionLabel } from '../../shared/common/calls/dispositions';
import { callerTypeLabel } from '../../shared/common/supervisor/drill';
import { CenterKey } from '../../shared/node/central/centerKey';
import { loadMembers } from '../../shared/node/central/memberLoad';
import type { Desk } from '../../shared/node/host/desk';
import { startTestCentral, type TestCentral, type TestStore } from '../helpers/central';
import { testKeyEnv } from '../helpers/deskKey';
import { dispatch, doAssociation, doCall, memberPerson, membersCsv } from '../helpers/deskWork';
import { openTestDesk } from '../helpers/temp';
import { expect, expectAxeClean, ManualClock, test as base } from './fixtures';

/**
 * Issue 18 §6: the Supervisor area in Chromium against a real PostgreSQL that three desks
 * write to through their own sync path (each its own SQLite file and desk login). The floor
 * shows every desk's open call, the figures equal SQL counts over the central tables, the
 * search finds what the desks recorded, and every view is axe-clean.
 */
const CENTER_KEY = Buffer.alloc(32, 0x33).toString('base64');
const NOW = '2026-11-22T15:00:00.000Z';
let central: TestCentral;
let store: TestStore;
const desks: ReturnType<typeof openTestDesk>[] = [];

// The harness's desk reads the store under the supervisor login, known once the store is made.
const test = base.extend({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern; it has none
  deskEnv: async ({}, use) => use({ KYNECT_CENTRAL_SUPERVISOR_URL: store.supervisorUrl }),
});

async function agentCall(desk: Desk, agentName: string, agentId: string, member: number) {
  const person = memberPerson(member);
  await dispatch(desk, 'app:call.start', { callerType: 'agent', callerName: agentName, caseNumber: person.caseNumber });
  await doAssociation(desk, { ...person, agentId });
}

test.beforeAll(async () => {
  // A cluster and three desks' work: a CI machine 2-3x slower than this one needs the room.
  test.setTimeout(300_000);
  central = await startTestCentral();
  store = await central.store();
  const csv = path.join(central.cluster.dir, 'floor-members.csv');
  fs.writeFileSync(csv, membersCsv(0, 120));
  const admin = await store.admin();
  await loadMembers(admin, csv, new CenterKey(Buffer.from(CENTER_KEY, 'base64')));
  await admin.end();
  for (const [i, name] of ['North desk', 'South desk', 'River desk'].entries()) {
    const login = await store.deskLogin();
    const t = openTestDesk({
      clock: new ManualClock(NOW),
      env: { ...testKeyEnv, KYNECT_CENTRAL_URL: login.url, KYNECT_CENTRAL_KEY: CENTER_KEY, KYNECT_CENTRAL_DESK_NAME: name },
    });
    desks.push(t);
    t.desk.operators.save({ name: `Operator ${i + 1}`, role: 'rep', pin: '2468' });
    expect((await t.desk.services.central.syncNow()).status.state).toBe('synced');
    // A closed call or two each, then one call left open in a different state.
    if (i < 2) await agentCall(t.desk, 'Grace Hopper', 'NPN8000001', 30 + i * 30);
    t.clock.advance(60_000);
    await doCall(t.desk, 10 + i);
    t.clock.advance(60_000);
    const open = await dispatch(t.desk, 'app:call.start', { callerType: i === 1 ? 'agent' : 'resident' });
    t.clock.advance(30_000);
    if (i === 1) await dispatch(t.desk, 'app:call.hold', { callId: open.call.id });
    if (i === 2) await dispatch(t.desk, 'app:call.end', { callId: open.call.id });
    expect((await t.desk.services.central.syncNow()).status).toMatchObject({ state: 'synced', waiting: 0 });
  }
});
test.afterAll(() => {
  for (const t of desks.splice(0)) t.close();
  central?.stop();
});

test.describe('a supervisor on the central store', () => {
  test.use({
    operator: { name: 'Sam Supervisor', role: 'supervisor' },
    clock: new ManualClock('2026-11-22T15:10:00.000Z'),
  });

  test('sees every desk’s open call, figures that equal SQL counts, and searches across desks; axe on every view', async ({ page, app }) => {
    // Eight views, each checked by axe, over a store three desks wrote to: slow on CI, not hung.
    test.slow();
    await app.open();
    await page.keyboard.press('Alt+6');
    const floor = page.getByTestId('supervisor-floor');
    await expect(floor.getByTestId('floor-scope')).toHaveText('Every desk, from the central store.');
    await expect(floor).toContainText('3 open calls');
    // The caller type in words, never its code (issue 12 §6).
    for (const [desk, state, caller] of [
      ['North desk', 'Talking', 'Resident / client'],
      ['South desk', 'On hold', 'Agent'],
      ['River desk', 'Wrap-up', 'Resident / client'],
    ] as const) {
      const row = floor.getByRole('row').filter({ hasText: desk });
      await expect(row).toContainText(state);
      await expect(row.getByRole('cell').nth(2)).toHaveText(caller);
    }
    const open = await store.query<{ n: number }>(`SELECT count(*)::int AS n FROM kd_floor($1::timestamptz - interval '12 hours', $1)`, ['2026-11-22T15:10:00Z']);
    expect(open[0]!.n).toBe(3);
    await expectAxeClean(page, 'supervisor floor, central');

    const figures = page.getByTestId('supervisor-figures');
    const from = '2026-11-22T05:00:00.000Z';
    const [total] = await store.query<{ n: number }>('SELECT count(*)::int AS n FROM call_closed WHERE started_at >= $1', [from]);
    const byType = await store.query<{ caller_type: string; n: number }>('SELECT caller_type, count(*)::int AS n FROM call_closed WHERE started_at >= $1 GROUP BY 1 ORDER BY 1', [
      from,
    ]);
    expect(total!.n).toBe(5);
    await expect(figures.getByTestId('chart-callsPerHour-summary')).toContainText(`${total!.n} closed calls today`);
    // The hour chart's table, summed by caller type, equals the store's count of each.
    const hours = figures.getByTestId('chart-callsPerHour');
    await hours.getByText('Table: closed calls per hour').click();
    const cells = await hours
      .getByRole('table')
      .locator('tbody tr')
      .evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td, th')].map((c) => c.textContent ?? '')));
    const shown = new Map<string, number>();
    for (const [, type, calls] of cells) shown.set(type!, (shown.get(type!) ?? 0) + Number(calls));
    expect(Object.fromEntries(shown)).toEqual(Object.fromEntries(byType.map((r) => [callerTypeLabel(r.caller_type), r.n])));
    const mix = await store.query<{ disposition: string; n: number }>('SELECT disposition, count(*)::int AS n FROM call_closed WHERE started_at >= $1 GROUP BY 1', [from]);
    const mixCard = figures.getByTestId('chart-dispositions');
    await mixCard.getByText('Table: disposition mix').click();
    const dispositions = mixCard.getByRole('table');
    for (const m of mix) await expect(dispositions.getByRole('row').filter({ hasText: dispositionLabel(defaultDispositions, m.disposition) })).toContainText(String(m.n));

    const search = page.getByTestId('supervisor-search');
    await search.getByRole('button', { name: 'Search' }).click();
    await expect(search.getByLabel('Case number')).toHaveAccessibleDescription(/Give a case number, an Agent or a date range to search by\./);
    await expect(search.getByLabel('Case number')).toHaveAttribute('aria-invalid', 'true');
    await expectAxeClean(page, 'supervisor search, a field to fix');

    await search.getByLabel('Search in').selectOption('associations');
    await search.getByLabel('Agent').fill('NPN8000001');
    await search.getByRole('button', { name: 'Search' }).click();
    const results = search.getByTestId('search-results');
    await expect(results.getByRole('row')).toHaveCount(3);
    await expect(results).toContainText('North desk');
    await expect(results).toContainText('South desk');
    await expect(search.getByTestId('search-scope')).toHaveText('Every desk, from the central store.');
    await expectAxeClean(page, 'supervisor search, associations');
    await results
      .getByRole('button', { name: /^Open association of / })
      .first()
      .click();
    await expect(search.getByTestId('search-detail')).toContainText('NPN8000001');
    await expectAxeClean(page, 'supervisor search, an association opened');

    await search.getByLabel('Search in').selectOption('consents');
    await search.getByRole('button', { name: 'Search' }).click();
    await expect(results.getByRole('row')).toHaveCount(3);
    await results
      .getByRole('button', { name: /^Open consent record of / })
      .first()
      .click();
    await expect(search.getByTestId('search-detail')).toContainText('Electronic requests sent');
    await expectAxeClean(page, 'supervisor search, a consent record opened');

    await search.getByLabel('Search in').selectOption('calls');
    await search.getByRole('button', { name: 'Search' }).click();
    await expect(results.getByRole('row')).toHaveCount(3);
    await results
      .getByRole('button', { name: /^Open call of / })
      .first()
      .click();
    const detail = search.getByTestId('search-detail');
    await expect(detail.getByRole('heading', { level: 3 })).toBeFocused();
    await expect(detail).toContainText('Timeline');
    await expectAxeClean(page, 'supervisor search, a call opened');

    const audited = await store.query<{ view: string }>('SELECT view FROM supervisor_view ORDER BY id');
    expect(audited.map((a) => a.view)).toEqual(
      expect.arrayContaining(['floor', 'figures', 'search.associations', 'result.associations', 'search.consents', 'result.consents', 'search.calls', 'result.calls']),
    );
  });
});

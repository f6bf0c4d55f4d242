import { randomUUID } from 'node:crypto';
import { startTestCentral, type TestCentral, type TestStore } from '../helpers/central';
import { seedCentralWeek } from '../helpers/supervisorSeed';
import { expect, expectAxeClean, ManualClock, test } from './fixtures';

/**
 * Issue 18 §2, §3 across desks: the charts read a real PostgreSQL (started here, on
 * 127.0.0.1) holding three desks' week, under the supervisor login; a bar's calls come
 * from every desk, and each view is audited in the central store.
 */
const NOW = '2026-12-03T15:00:00.000Z';
let central: TestCentral;
let store: TestStore;

test.beforeAll(async () => {
  central = await startTestCentral();
  store = await central.store();
  const admin = await store.admin();
  try {
    const desks = [randomUUID(), randomUUID(), randomUUID()];
    for (const [i, id] of desks.entries()) await admin.query('INSERT INTO desk (desk_id, name, app_version) VALUES ($1, $2, $3)', [id, `Desk ${i + 1}`, 'test']);
    await seedCentralWeek(admin, desks, NOW);
  } finally {
    await admin.end();
  }
});
test.afterAll(() => central?.stop());

test.describe('a supervisor with the central store', () => {
  test.use({
    operator: { name: 'Sam Supervisor', role: 'supervisor' },
    clock: new ManualClock(NOW),
    // The desk's day is Eastern time's (the counts below start at 05:00Z), whatever this machine's zone.
    // The supervisor login exists only once the store is made, after the options are read: a fixture, then.
    // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from its destructured first argument.
    deskEnv: async ({}, use) => use({ KYNECT_CENTRAL_SUPERVISOR_URL: store.supervisorUrl, KYNECT_TIME_ZONE: 'America/New_York' }),
  });

  test("reads every desk's figures, drills into a bar by keyboard, and each view is audited centrally", async ({ page, app }) => {
    await app.open();
    await page.keyboard.press('Alt+6');
    const figures = page.getByTestId('supervisor-figures');
    await expect(figures).toContainText('Every desk, from the central store.');
    const n = (await store.query<{ n: number }>(`SELECT count(*)::int AS n FROM call_closed WHERE started_at >= '2026-12-03T05:00:00Z' AND started_at < $1`, [NOW]))[0]!.n;
    await expect(page.getByTestId('chart-callsPerHour-summary')).toContainText(`${n} closed calls today`);
    await expectAxeClean(page, 'supervisor charts, central');

    // The disposition chart's first bar (reached by Tab in supervisor.spec.ts), then the next by arrow.
    const bar = page.getByTestId('chart-dispositions').getByRole('button').first();
    await bar.focus();
    await page.keyboard.press('ArrowDown');
    const label = (await page.locator(':focus').getAttribute('aria-label'))!;
    const calls = Number(/: (\d+) calls?,/.exec(label)![1]);
    await page.keyboard.press('Enter');
    const drill = page.getByTestId('supervisor-drill');
    await expect(drill.getByTestId('drill-table').locator('tbody tr')).toHaveCount(calls);
    for (const desk of ['Desk 1', 'Desk 2', 'Desk 3']) await expect(drill.getByRole('cell', { name: desk, exact: true }).first()).toBeVisible();
    await expect(drill).not.toContainText(/\d{3}-\d{2}-\d{4}/);
    await expectAxeClean(page, 'supervisor drill-down, central');

    const viewed = await store.query<{ view: string; operator: string }>(`SELECT view, operator FROM supervisor_view ORDER BY id`);
    expect(viewed.map((v) => v.view)).toEqual(expect.arrayContaining(['floor', 'figures', 'drill']));
    expect(new Set(viewed.map((v) => v.operator))).toEqual(new Set(['Sam Supervisor']));
  });
});

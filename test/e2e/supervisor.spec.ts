import fs from 'node:fs';
import { seedSupervisorData } from '../helpers/supervisorSeed';
import { expect, expectAxeClean, ManualClock, test } from './fixtures';

// Issue 18, stand-alone: with no central store the Supervisor area shows this desk only
// and says so. (The floor across desks is tested against real PostgreSQL in
// test/unit/supervisor/service.test.ts and its charts' numbers in drillCentral.test.ts.)
test.describe('a supervisor', () => {
  test.use({ operator: { name: 'Sam Supervisor', role: 'supervisor' } });

  test('reaches the Supervisor area by Alt+6 and sees this desk only, with its open call', async ({ page, app }) => {
    const started = await app.harness.desk.router.dispatch('app:call.start', { callerType: 'resident' }, { via: 'test' });
    expect(started.ok).toBe(true);
    await app.open();
    await page.keyboard.press('Alt+6');
    await expect(page.getByRole('heading', { level: 1, name: 'Supervisor' })).toBeVisible();
    const floor = page.getByTestId('supervisor-floor');
    await expect(floor.getByTestId('floor-scope')).toHaveText('No central store is configured: this is this desk only.');
    await expect(floor).toContainText('1 open call');
    await expect(floor.getByRole('row')).toHaveCount(2);
    await expect(floor.getByRole('cell', { name: 'Talking' })).toBeVisible();
    await expect(page.getByTestId('supervisor-figures')).toBeVisible();
    await expectAxeClean(page, 'supervisor area, stand-alone');

    // The period is a radio group: arrow keys change it, and the figures follow.
    await page.getByRole('radio', { name: 'Today' }).focus();
    await page.keyboard.press('ArrowDown');
    await expect(page.getByRole('radio', { name: 'This week' })).toBeChecked();
    await expectAxeClean(page, 'supervisor area, this week');
  });
});

// Thursday 3 December 2026, 10:00 in Kentucky.
const NOW = new Date('2026-12-03T15:00:00.000Z');

test.describe('a supervisor reading the charts', () => {
  // The desk's day is Eastern time's (the counts below start at 05:00Z), whatever this machine's zone.
  test.use({ operator: { name: 'Sam Supervisor', role: 'supervisor' }, clock: new ManualClock(NOW.toISOString()), deskEnv: { KYNECT_TIME_ZONE: 'America/New_York' } });

  test('reaches a bar by keyboard, drills down with Enter, exports the list, and every view is axe-clean', async ({ page, app }) => {
    seedSupervisorData(app.harness.desk.db, NOW);
    await app.open();
    await page.keyboard.press('Alt+6');
    const hours = page.getByTestId('chart-callsPerHour');
    await expect(hours.getByRole('group', { name: /^Closed calls per hour, by caller type/ })).toBeVisible();
    await expect(page.getByTestId('chart-callsPerHour-summary')).toContainText(/^\d+ closed calls today over \d+ hours; the busiest hour was/);
    for (const f of ['dispositions', 'handleTime', 'eseByState', 'consentMix']) await expect(page.getByTestId(`chart-${f}`).getByRole('button').first()).toBeVisible();
    // The bars' numbers, as their names say them, add up to what SQL counts.
    const names = await hours.getByRole('button', { name: /: \d+ calls?$/ }).evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
    const counted = app.harness.desk.db
      .prepare("SELECT count(*) FROM call WHERE state = 'closed' AND started_at >= '2026-12-03T05:00:00.000Z' AND started_at < ?")
      .pluck()
      .get(NOW.toISOString()) as number;
    expect(names.reduce((s, n) => s + Number(/: (\d+) calls?$/.exec(n)![1]), 0)).toBe(counted);
    // The area scrolls inside the window: a tall viewport shows all of it in one picture.
    await page.setViewportSize({ width: 1366, height: 2400 });
    await page.screenshot({ path: test.info().outputPath('supervisor-charts-1366.png') });
    await page.setViewportSize({ width: 1366, height: 820 });
    await expectAxeClean(page, 'supervisor charts, today');

    // From the period to the first bar is one Tab: each chart is one tab stop.
    await page.getByRole('radio', { name: 'Today' }).focus();
    await page.keyboard.press('Tab');
    const focused = page.locator(':focus');
    await expect(focused).toHaveAttribute('role', 'button');
    await expect(focused).toHaveAttribute('aria-label', /^\d\d:00, .+: \d+ calls?$/);
    const first = await focused.getAttribute('aria-label');
    await page.keyboard.press('ArrowRight');
    await expect(focused).not.toHaveAttribute('aria-label', first!);
    const label = (await focused.getAttribute('aria-label'))!;
    await expect(hours.getByTestId('chart-readout')).toHaveText(`${label}. Enter or click lists them.`);
    await hours.screenshot({ path: test.info().outputPath('supervisor-bar-focused.png') });
    const calls = Number(/: (\d+) calls?$/.exec(label)![1]);
    await page.keyboard.press('Enter');
    const drill = page.getByTestId('supervisor-drill');
    await expect(drill.getByRole('heading', { level: 4 })).toBeFocused();
    await expect(drill.getByTestId('drill-count')).toContainText(`${calls} ${calls === 1 ? 'row' : 'rows'}`);
    await expect(drill.getByTestId('drill-table').locator('tbody tr')).toHaveCount(calls);
    // The list's times are the contact center's wall clock, as the bar's hour is.
    const hh = Number(label.slice(0, 2));
    await expect(drill.getByTestId('drill-table').locator('tbody tr td').first()).toContainText(new RegExp(`, ${hh % 12 || 12}:\\d\\d ${hh < 12 ? 'AM' : 'PM'}$`));
    await expect(page.getByTestId('announcer')).toContainText('listed');
    await expectAxeClean(page, 'supervisor drill-down list');
    await page.screenshot({ path: test.info().outputPath('supervisor-drill-1366.png') });

    // Export by keyboard: Tab from the list's heading to "Export list as CSV".
    const downloading = page.waitForEvent('download');
    const csvButton = drill.getByRole('button', { name: 'Export list as CSV' });
    for (let i = 0; i < 5 && !(await csvButton.evaluate((b) => b === document.activeElement)); i++) await page.keyboard.press('Tab');
    await expect(csvButton).toBeFocused();
    await page.keyboard.press('Enter');
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^kynect-supervisor-callsPerHour-calls-today-20261203-1000\.csv$/);
    const csv = fs.readFileSync(await download.path(), 'utf8');
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(calls + 1);
    expect(csv).not.toMatch(/\d{3}-\d{2}-\d{4}/);
    await expect(page.getByTestId('announcer')).toContainText('exported as CSV');
    expect(app.harness.desk.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'supervisor.exported'").pluck().get()).toBe(1);

    // Escape closes the list and gives focus back to the bar it came from.
    await drill.getByRole('heading', { level: 4 }).focus();
    await page.keyboard.press('Escape');
    await expect(drill).toHaveCount(0);
    await expect(focused).toHaveAttribute('aria-label', label);

    // A figure's PDF, and its table alternative opened.
    const pdfDownload = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export PDF: Disposition mix' }).click();
    expect(
      fs
        .readFileSync(await (await pdfDownload).path())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    await page.getByTestId('chart-eseByState').getByText('Table: ESE intakes by state and age').click();
    await expect(page.getByTestId('chart-eseByState').getByRole('table')).toBeVisible();
    await expectAxeClean(page, 'supervisor charts with a table open');

    await page.getByRole('radio', { name: 'This week' }).check();
    await expect(page.getByRole('heading', { name: 'Figures this week' })).toBeVisible();
    await expectAxeClean(page, 'supervisor charts, this week');
    await page.setViewportSize({ width: 1366, height: 2400 });
    await page.screenshot({ path: test.info().outputPath('supervisor-charts-week-1366.png') });
  });
});

test.describe('a rep', () => {
  test('never reaches the Supervisor area: not in the menu, not by Alt+6', async ({ page, app }) => {
    await app.open();
    await expect(page.getByRole('heading', { level: 1, name: 'Call' })).toBeVisible();
    await expect(page.getByRole('navigation').getByText('Supervisor')).toHaveCount(0);
    await page.keyboard.press('Alt+6');
    await expect(page.getByTestId('supervisor-area')).toHaveCount(0);
    expect((await app.harness.desk.router.dispatch('app:supervisor.floor', {}, { via: 'test' })).ok).toBe(false);
  });
});

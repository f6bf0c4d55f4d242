import { expect, expectAxeClean, test } from './fixtures';

// Issue 18, stand-alone: with no central store the Supervisor area shows this desk only
// and says so. (The floor across desks is tested against real PostgreSQL in
// test/unit/supervisor/service.test.ts; charts, drill-down and export are not built yet.)
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

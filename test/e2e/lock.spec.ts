import { expect, expectAxeClean, ManualClock, OPERATOR_PIN, test } from './fixtures';

const MIN = 60_000;

test.describe('the idle lock', () => {
  const clock = new ManualClock('2026-11-22T15:00:00Z');
  test.use({ clock });

  test('warns first, locks after the idle time showing nothing of the app, and unlocks with the PIN only', async ({ page, app }) => {
    // A call goes on behind the lock: the lock screen says so and for how long, never who is on it.
    app.harness.desk.services.calls.start({ callerType: 'resident', callerName: 'Rosa Diaz', callbackNumber: '502-555-0134' });
    await app.open();
    await expect(page.getByRole('heading', { level: 1, name: 'Call' })).toBeVisible();

    // 14 minutes 40 seconds without activity: the warning, with focus on "Stay signed in".
    clock.advance(14 * MIN + 40_000);
    const warning = page.getByRole('alertdialog', { name: 'Are you still there?' });
    await expect(warning).toBeVisible();
    await expect(page.getByRole('button', { name: 'Stay signed in' })).toBeFocused();
    await expect(page.locator('[role=alert][aria-live=assertive]')).toContainText(/will lock in 30 seconds/);
    await expectAxeClean(page, 'idle warning');
    await page.keyboard.press('Enter');
    await expect(warning).toBeHidden();

    // Idle again, all the way: locked.
    clock.advance(16 * MIN);
    const lockScreen = page.getByTestId('lock-screen');
    await expect(lockScreen).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Areas' })).toHaveCount(0);
    await expect(page.getByTestId('statusbar')).toHaveCount(0);
    await expect(page.getByLabel('Your PIN')).toBeFocused();
    await expect(page.getByTestId('lock-call')).toHaveText('A call is in progress on this desk, for 30 minutes. It goes on while the window is locked.');
    await expect(lockScreen).not.toContainText('Rosa');
    await expect(lockScreen).not.toContainText('555');
    await expectAxeClean(page, 'lock screen');

    // A reload cannot get around it: main owns the lock.
    await page.reload();
    await expect(page.getByTestId('lock-screen')).toBeVisible();

    await page.getByLabel('Your PIN').focus();
    await page.keyboard.type('0000');
    await page.keyboard.press('Enter');
    await expect(page.getByText('That PIN is not right.')).toBeVisible();
    await page.keyboard.type(OPERATOR_PIN);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('navigation', { name: 'Areas' })).toBeVisible();
    // The Call area's own history view may be audited in between: the session's entries, in order.
    const actions = app.harness.desk.audit
      .recent(10)
      .map((e) => e.action)
      .filter((a) => a.startsWith('session.'));
    expect(actions.slice(0, 3)).toEqual(['session.unlocked', 'session.unlock_failed', 'session.locked']);
  });
});

test('Alt+L locks at once', async ({ page, app }) => {
  await app.open();
  await page.keyboard.press('Alt+L');
  await expect(page.getByRole('heading', { level: 1, name: 'kynect Desk is locked' })).toBeVisible();
  await page.getByLabel('Your PIN').fill(OPERATOR_PIN);
  await page.getByRole('button', { name: 'Unlock' }).press('Enter');
  await expect(page.getByRole('navigation', { name: 'Areas' })).toBeVisible();
});

import type { Page } from '@playwright/test';
import { ManualClock, OPERATOR_PIN, expect, expectAxeClean, test } from './fixtures';

/** Issue 12 §4: a follow-up date set at wrap-up comes back as a reminder on that day, by keyboard. */
// 15:00 UTC is 10:00 in Louisville (Eastern) on Monday, November 23.
const clock = new ManualClock('2026-11-23T15:00:00.000Z');
test.use({ clock, deskEnv: { KYNECT_TIME_ZONE: 'America/New_York' } });

async function press(page: Page, name: string | RegExp) {
  await page.getByRole('button', { name }).focus();
  await page.keyboard.press('Enter');
}

/** The desk opens again the next morning: locked after the night, unlocked by PIN. */
async function nextMorning(page: Page) {
  await page.reload();
  await expect(page.getByLabel('Your PIN')).toBeFocused();
  await page.keyboard.type(OPERATOR_PIN);
  await page.keyboard.press('Enter');
  await expect(page.locator('body[data-ready]')).toHaveCount(1);
  await expect(page.getByTestId('statusbar')).toContainText('Database ready');
}

test('a follow-up set at wrap-up is reminded on its day, said overdue the next, starts its call prefilled and is marked done — keyboard, axe clean', async ({ page, app }) => {
  await app.open();
  const announcer = page.getByTestId('announcer');
  const pill = page.getByTestId('follow-ups-status');

  // A call by keyboard: the start form, Alt+X, wrap-up with a follow-up date for tomorrow.
  await page.keyboard.press('Alt+1');
  await expect(page.getByLabel(/^Who is calling/)).toBeFocused();
  await page.getByLabel(/^Who is calling/).selectOption('agent');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Pat Agent');
  await page.keyboard.press('Tab');
  await page.keyboard.type('5025550134');
  await page.keyboard.press('Tab');
  await page.keyboard.type('13002543');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('callbar-state')).toHaveText(/Active/);
  await page.keyboard.press('Alt+X');
  const wrap = page.getByTestId('wrap-up');
  await expect(wrap.getByLabel('Disposition')).toBeFocused();
  await wrap.getByLabel('Disposition').selectOption('callback_needed');
  await page.keyboard.press('Tab');
  await expect(wrap.getByLabel(/^Follow-up date/)).toBeFocused();
  await page.keyboard.type('2026-11-24');
  await press(page, 'Complete wrap-up');
  await expect(announcer).toContainText('Wrap-up complete. Call closed.');
  const first = app.harness.desk.db.prepare('SELECT id, follow_up_date FROM call').get() as { id: string; follow_up_date: string };
  expect(first.follow_up_date).toBe('2026-11-24');
  // Tomorrow's follow-up is not a reminder today.
  await expect(page.getByTestId('follow-ups')).toHaveCount(0);
  await expect(pill).toHaveCount(0);

  // The next morning, the desk opens with the reminder: counted, listed and said once.
  clock.set('2026-11-24T13:30:00.000Z');
  await nextMorning(page);
  await expect(pill).toHaveText(/Follow-ups: 1 due$/);
  await expect(announcer).toContainText('1 follow-up is due. They are listed in the Call area, under Follow-ups due.');
  await expect(page.getByTestId('follow-up')).toContainText('Pat Agent (Agent), case 13002543, callback 502-555-0134. Due today. Earlier call: Nov 23, 2026, Callback needed.');

  // A day later, not done: overdue, in words.
  clock.set('2026-11-25T13:30:00.000Z');
  await nextMorning(page);
  await expect(pill).toHaveText(/Follow-ups: 1 due, 1 overdue/);
  await expect(announcer).toContainText('1 follow-up is due, 1 of them overdue.');
  await expect(page.getByTestId('follow-up-when')).toHaveText('Overdue: was due Nov 24, 2026 (1 day ago)');

  // The status bar count is a button to the list.
  await pill.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Follow-ups due' })).toBeFocused();
  await expectAxeClean(page, 'follow-ups due, one overdue');

  // Tab to "Start the follow-up call": the call starts with the earlier caller and case.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Start the follow-up call' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('callbar-state')).toHaveText(/Active/);
  await expect(page.getByTestId('callbar-caller')).toHaveText('Agent: Pat Agent');
  await expect(announcer).toContainText('Follow-up call with Pat Agent started');
  await expect(page.getByTestId('call-timeline')).toContainText('Follow-up of the call of 2026-11-23 (follow-up date 2026-11-24)');
  const second = app.harness.desk.services.calls.current().call!;
  expect(second).toMatchObject({ callerType: 'agent', callerName: 'Pat Agent', callbackNumber: '5025550134', caseNumber: '13002543' });
  // The reminder stays until it is marked done; another call cannot start meanwhile.
  await expect(page.getByRole('button', { name: 'Start the follow-up call' })).toBeDisabled();
  await expectAxeClean(page, 'follow-up call open');

  await page.keyboard.press('Alt+X');
  await expect(wrap.getByLabel('Disposition')).toBeFocused();
  await wrap.getByLabel('Disposition').selectOption('resolved');
  await press(page, 'Complete wrap-up');
  await expect(announcer).toContainText('Wrap-up complete. Call closed.');

  await press(page, 'Mark done');
  await expect(announcer).toContainText('Follow-up with Pat Agent marked done.');
  await expect(page.getByTestId('follow-ups')).toContainText('All follow-ups due today are done.');
  await expect(page.getByRole('heading', { name: 'Follow-ups due' })).toBeFocused();
  await expect(pill).toHaveCount(0);
  await expectAxeClean(page, 'follow-ups all done');
  const audit = app.harness.desk.db.prepare("SELECT subject FROM audit_log WHERE action = 'call.follow_up_done'").pluck().all();
  expect(audit).toEqual([`call:${first.id}`]);

  // Done stays done after a reload.
  await page.reload();
  await expect(page.locator('body[data-ready]')).toHaveCount(1);
  await expect(page.getByTestId('statusbar')).toContainText('Database ready');
  await expect(page.getByTestId('follow-ups')).toHaveCount(0);
  await expect(pill).toHaveCount(0);
});

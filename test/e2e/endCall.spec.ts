import type { Page } from '@playwright/test';
import { expect, expectAxeClean, ManualClock, test } from './fixtures';

/** Issue 12.3: ending a call with work half done asks first, by keyboard, and lands on wrap-up. */
test.use({ clock: new ManualClock('2026-11-22T15:00:00Z') });

async function agentStepDone(page: Page) {
  await page.keyboard.press('Alt+2');
  await page.getByRole('button', { name: 'Start a three-way association' }).press('Enter');
  await page.getByLabel('Agent name').fill('Maria West');
  await page.getByLabel('Agent id or NPN').fill('NPN1234567');
  await page.getByLabel('Agency').fill('Bluegrass Benefits');
  await page.getByLabel(/MyPurpose/).selectOption('yes');
  await page.getByLabel('Agency').press('Enter');
  await expect(page.getByRole('heading', { name: '2. Is the client on the line?' })).toBeFocused();
}

test('Alt+X with an association and an ESE draft half done asks first; Escape keeps the call, End lands on wrap-up — axe clean', async ({ page, app }) => {
  await app.open();
  await agentStepDone(page);
  const callId = app.harness.desk.services.calls.current().call!.id;
  app.harness.desk.services.ese.saveDraft(`call:${callId}`, { firstName: 'Rosa', lastName: 'Diaz' });
  const announcer = page.getByTestId('announcer');

  const onLine = page.getByRole('button', { name: 'Yes, the client is on the line' });
  await onLine.focus();
  await page.keyboard.press('Alt+X');
  const dialog = page.getByTestId('end-call-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('unfinished-association')).toContainText('The association of Maria West, at step 2');
  await expect(dialog.getByTestId('unfinished-association')).toContainText('no Agent is recorded on a case');
  await expect(dialog.getByTestId('unfinished-ese-draft')).toContainText('An ESE intake draft for Rosa Diaz, not forwarded.');
  await expect(dialog.getByTestId('unfinished-ese-draft')).toContainText('It is kept with this call');
  await expect(announcer).toContainText('not finished');
  // Focus starts on the safe answer and stays inside the dialog.
  const keep = dialog.getByRole('button', { name: /Keep the call/ });
  const end = dialog.getByRole('button', { name: 'End the call' });
  await expect(keep).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(end).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(keep).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(end).toBeFocused();
  await expectAxeClean(page, 'end call dialog');

  // Escape cancels: the call goes on and focus returns where it was.
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('callbar-state')).toHaveText(/Active/);
  await expect(onLine).toBeFocused();
  await expect(announcer).toContainText('The call goes on; nothing was ended.');
  expect(app.harness.desk.services.calls.current().call!.state).toBe('active');

  // End for real: wrap-up, its disposition focused, and the association says why it ended.
  await page.keyboard.press('Alt+X');
  await expect(keep).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('callbar-state')).toHaveText(/Wrap-up/);
  await expect(page.getByTestId('wrap-up').getByLabel('Disposition')).toBeFocused();
  await expect(announcer).toContainText('Wrap-up started');
  await expect(page.getByTestId('call-timeline')).toContainText('Association ended: the call ended before consent was asked');
  await expectAxeClean(page, 'wrap-up after the dialog');
  await page.keyboard.press('Alt+2');
  await expect(page.getByTestId('assoc-ended')).toContainText('No association: the call ended first');
  await expect(page.getByTestId('assoc-ended')).toContainText('The call ended before consent was asked: no association was made.');
});

test('Alt+X with nothing half done ends at once and lands on wrap-up', async ({ page, app }) => {
  app.harness.desk.services.calls.start({ callerType: 'resident' });
  await app.open();
  await expect(page.getByTestId('callbar-state')).toHaveText(/Active/);
  await page.keyboard.press('Alt+5');
  await expect(page.getByLabel('Search qualifying events')).toBeFocused();
  await page.keyboard.press('Alt+X');
  await expect(page.getByTestId('callbar-state')).toHaveText(/Wrap-up/);
  await expect(page.getByTestId('end-call-dialog')).toHaveCount(0);
  await expect(page.getByTestId('wrap-up').getByLabel('Disposition')).toBeFocused();
});

test('text typed into an association step survives a reload, except the SSN', async ({ page, app }) => {
  await app.open();
  await page.keyboard.press('Alt+2');
  await page.getByRole('button', { name: 'Start a three-way association' }).press('Enter');
  await expect(page.getByRole('heading', { name: '1. The Agent' })).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.type('Maria West');
  await page.keyboard.press('Tab');
  await page.keyboard.type('NPN1234567');
  await page.reload();
  await expect(page.locator('body[data-ready]')).toHaveCount(1);
  await expect(page.getByLabel('Agent name')).toHaveValue('Maria West');
  await expect(page.getByLabel('Agent id or NPN')).toHaveValue('NPN1234567');
  await page.getByLabel('Agency').fill('Bluegrass Benefits');
  await page.getByLabel(/MyPurpose/).selectOption('yes');
  await page.getByLabel('Agency').press('Enter');
  await page.getByRole('button', { name: 'Yes, the client is on the line' }).press('Enter');
  await expect(page.getByRole('heading', { name: /3\. The client/ })).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.type('John');
  await page.getByLabel('Date of birth').fill('1977-02-03');
  await page.getByLabel('SSN (optional)').fill('123456789');
  await page.reload();
  await expect(page.locator('body[data-ready]')).toHaveCount(1);
  await expect(page.getByLabel('First name')).toHaveValue('John');
  await expect(page.getByLabel('Date of birth')).toHaveValue('1977-02-03');
  await expect(page.getByLabel('SSN (optional)')).toHaveValue('');
  expect(await page.evaluate(() => JSON.stringify(window.sessionStorage))).not.toContain('123456789');
  await expectAxeClean(page, 'client step after a reload');
});

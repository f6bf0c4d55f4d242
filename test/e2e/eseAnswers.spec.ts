import { validIntakeInput } from '../unit/ese/support/intakes';
import { startSmtp } from '../unit/ese/support/smtp';
import { ManualClock, expect, expectAxeClean, test } from './fixtures';

/** Issue 12.4: every ESE action answers. */
test.use({ clock: new ManualClock('2026-11-23T15:00:00.000Z') });

test('"Send waiting messages now" with no mail server says why nothing was sent; a waiting message has no Resend', async ({ page, app }) => {
  const r = app.harness.desk.services.ese.submit({ intake: validIntakeInput() });
  await app.open();
  await expect(page.locator('body[data-ready]')).toHaveCount(1);
  await page.keyboard.press('Alt+3');
  await expect(page.getByLabel('First name (required)')).toBeFocused();
  await page.getByRole('button', { name: 'Forwarded and outbox' }).press('Enter');
  const row = page.getByTestId(`ese-row-${r.reference}`);
  await expect(row).toContainText('Waiting');
  await expect(page.getByTestId('ese-status')).toHaveText(/ESE email: 1 waiting/);
  // Waiting goes by itself: nothing for the rep to press.
  await expect(row.getByRole('button', { name: /^Resend/ })).toHaveCount(0);

  const send = page.getByRole('button', { name: 'Send waiting messages now' });
  await send.focus();
  await page.keyboard.press('Enter');
  const said = 'No SMTP server is configured, so nothing was sent: 1 message waits in the outbox. Set the server in Mail settings, or export a message as .eml.';
  await expect(page.getByTestId('ese-flush-result')).toHaveText(said);
  await expect(page.getByTestId('announcer')).toContainText(said);
  await expect(send).toBeFocused();
  await expectAxeClean(page, 'outbox after send-now with no server');
});

test('mail settings send a test message by keyboard to the sender address over real SMTP', async ({ page, app }) => {
  const smtp = await startSmtp();
  try {
    app.harness.desk.services.ese.saveSettings({ settings: { host: '127.0.0.1', port: smtp.port, security: 'none', sender: 'desk@contact.kynect.example' } });
    await app.open();
    await expect(page.locator('body[data-ready]')).toHaveCount(1);
    await page.keyboard.press('Alt+3');
    await page.getByRole('button', { name: 'Mail settings' }).press('Enter');
    const test = page.getByRole('button', { name: 'Send a test message' });
    await test.focus();
    await page.keyboard.press('Enter');
    const said = `Test message sent to desk@contact.kynect.example through 127.0.0.1:${smtp.port}.`;
    await expect(page.getByTestId('ese-test-result')).toHaveText(said);
    await expect(page.getByTestId('announcer')).toContainText(said);
    expect(smtp.received).toHaveLength(1);
    await expectAxeClean(page, 'mail settings after a test send');
  } finally {
    await smtp.close();
  }
});

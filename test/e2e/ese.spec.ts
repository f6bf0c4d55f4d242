import type { Page } from '@playwright/test';
import fs from 'node:fs';
import { startSmtp } from '../unit/ese/support/smtp';
import { ManualClock, expect, expectAxeClean, test } from './fixtures';

test.use({ clock: new ManualClock('2026-11-23T15:00:00.000Z') });

async function openEse(page: Page) {
  await expect(page.getByTestId('statusbar')).toContainText('Database ready');
  // After a reload the page can show the ESE area (kept in the address) before its shortcuts are registered.
  await expect(page.locator('body[data-ready]')).toHaveCount(1);
  await page.keyboard.press('Alt+3');
  await expect(page.getByLabel('First name (required)')).toBeFocused();
}

/** Types into a field found by its label, by keyboard. */
async function type(page: Page, label: string | RegExp, text: string) {
  const field = page.getByLabel(label, { exact: typeof label === 'string' });
  await field.focus();
  await page.keyboard.type(text);
}

async function fillValidIntake(page: Page) {
  await type(page, 'First name (required)', 'Dana');
  await type(page, 'Last name (required)', 'Whitfield');
  await type(page, /^Date of birth/, '1988-04-17');
  await type(page, /^Case or application number/, '100300113');
  await type(page, /^Phone/, '502-555-0123');
  await page.getByLabel(/^Preferred contact method/).selectOption('phone');
  await page.getByLabel(/^Circumstance/).selectOption('no_timely_notice');
  await type(page, /^Date of the triggering event/, '2026-09-30');
  await type(page, /^Date the resident knew or should have known/, '2026-10-20');
  await type(page, /^What happened/, 'The Medicaid end notice went to an old address; she learned on October 20 at the pharmacy.');
  await page.getByLabel('Notice that coverage ended').check();
  await page.getByLabel(/^Written request also sent/).selectOption('no');
}

test('an ESE intake by keyboard: field errors, the window, autosaved draft, forward, closing script, outbox and .eml', async ({ page, app }) => {
  await app.open();
  await openEse(page);
  await expect(page.getByTestId('ese-role-statement')).toContainText('You do not decide whether the resident is eligible');
  for (const role of ['textbox', 'checkbox', 'combobox', 'radio'] as const) await expect(page.getByRole(role, { name: /\b(in)?eligible\b/i })).toHaveCount(0);
  // Dire Need is not an ESE route (003:1111): no flag, no 24-hour promise anywhere in the intake.
  await expect(page.getByRole('main').getByText(/Dire Need|24 hours|kynectdireneed/)).toHaveCount(0);
  await expectAxeClean(page, 'ESE intake, empty');

  // Forward an empty form: every field says what is missing, the message takes focus.
  await page.getByRole('button', { name: 'Forward for committee review' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('form-error')).toBeFocused();
  await expect(page.getByTestId('form-error')).toContainText('fields need attention');
  await expect(page.getByText('First name is required.')).toBeVisible();
  await expect(page.getByText('Choose the circumstance the resident describes.')).toBeVisible();
  await expect(page.getByText('Say whether the resident also sent a written request.')).toBeVisible();
  await expect(page.getByLabel('First name (required)')).toHaveAttribute('aria-invalid', 'true');
  await expectAxeClean(page, 'ESE intake with errors');

  await fillValidIntake(page);
  await expect(page.getByTestId('ese-window')).toHaveText('The 60-day plan-selection window runs October 20, 2026 to December 19, 2026: 26 days left.');

  // The draft autosaves and survives a reload.
  await expect(page.getByTestId('ese-draft-saved')).toContainText('Draft saved');
  await expect.poll(() => app.harness.desk.services.ese.getDraft('desk').draft?.lastName).toBe('Whitfield');
  await page.reload();
  await openEse(page);
  await expect(page.getByLabel('Last name (required)')).toHaveValue('Whitfield');

  // A full SSN in the narrative is refused at the field.
  await type(page, /^What happened/, ' Her SSN is 123-45-6789.');
  await page.getByRole('button', { name: 'Forward for committee review' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByText(/looks like a full Social Security number/)).toBeVisible();
  await page.getByLabel(/^What happened/).fill('The Medicaid end notice went to an old address; she learned on October 20 at the pharmacy.');

  await page.getByRole('button', { name: 'Forward for committee review' }).focus();
  await page.keyboard.press('Enter');
  const done = page.getByTestId('ese-forwarded');
  await expect(done.getByRole('heading', { level: 2 })).toBeFocused();
  await expect(done.getByRole('heading', { level: 2 })).toHaveText(/^Forwarded: ESE-[0-9A-F]{8}$/);
  // 003 §7.5-7.6: the rep forwards the call's details to KHBE staff; the resident requests in writing.
  const closing = page.getByTestId('ese-closing-script');
  await expect(closing).toContainText('I have forwarded the details of this call to the Kentucky Health Benefit Exchange (KHBE) staff.');
  await expect(closing).toContainText('must be requested in writing to KHBE. To make your written request, email it, with any documents you have, to kynectESE@ky.gov.');
  await expect(closing).toContainText('A special ESE committee reviews each request and makes a recommendation to the KHBE Director, who makes the final decision.');
  await expect(closing).toContainText('You will be notified of the decision in writing.');
  await expect(closing).not.toContainText('24 hours');
  await expect(page.getByTestId('announcer')).toContainText('forwarded for committee review');
  await expectAxeClean(page, 'ESE forwarded');
  const [row] = app.harness.desk.services.ese.store.list({ limit: 10 });
  expect(row?.intake.lastName).toBe('Whitfield');
  expect(app.harness.desk.services.ese.getDraft('desk').draft).toBeNull();

  // The outbox: no SMTP server configured, so it waits and can be exported.
  await page.getByRole('button', { name: 'Forwarded and outbox' }).focus();
  await page.keyboard.press('Enter');
  const tableRow = page.getByTestId(`ese-row-${row!.reference}`);
  await expect(tableRow).toContainText('Waiting to send');
  await expect(tableRow).toContainText('Dana Whitfield');
  await expectAxeClean(page, 'ESE outbox');
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: `Export ${row!.reference} as .eml` }).focus();
  await page.keyboard.press('Enter');
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`${row!.reference}.eml`);
  const eml = fs.readFileSync(await download.path(), 'utf8').replace(/\r?\n[ \t]+/g, ' ');
  expect(eml).toContain(`Message-ID: ${row!.messageId}`);
  expect(eml).toContain('To: kynectESE@ky.gov');

  // The message as forwarded, and the filters.
  await page.getByRole('button', { name: `View ${row!.reference}` }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 3, name: `${row!.reference}: the message as forwarded` })).toBeFocused();
  await expect(page.getByTestId('ese-view')).toContainText('The representative has not determined eligibility.');
  await expectAxeClean(page, 'ESE message view');
  await page.getByLabel('Status').selectOption('sent');
  await expect(page.getByTestId('ese-outbox')).toContainText('No forwarded intakes match.');
  await page.getByLabel('Status').selectOption('queued');
  await expect(tableRow).toBeVisible();
  await page.getByLabel('Reference or name').fill('nobody');
  await expect(page.getByTestId('ese-outbox')).toContainText('No forwarded intakes match.');
  expect(app.harness.desk.audit.recent(50).some((e) => e.action === 'ese.intake.viewed')).toBe(true);
});

test('a message the server refuses shows failed with the reason, and resend delivers it', async ({ page, app }) => {
  const bad = await startSmtp({ reject: { code: 550, message: 'Mailbox unavailable' } });
  try {
    app.harness.desk.services.ese.saveSettings({ settings: { host: '127.0.0.1', port: bad.port, security: 'none', sender: 'desk@contact.kynect.example' } });
    await app.open();
    await openEse(page);
    await fillValidIntake(page);
    await page.getByRole('button', { name: 'Forward for committee review' }).click();
    await expect(page.getByTestId('ese-forwarded')).toBeVisible();
    await page.getByRole('button', { name: 'Forwarded and outbox' }).click();
    const row = page.getByTestId(/^ese-row-ESE-/);
    await expect(row).toContainText('Failed');
    await expect(row).toContainText('The mail server refused the message: 550 Mailbox unavailable');
    await expectAxeClean(page, 'ESE outbox with a failed message');

    const good = await startSmtp();
    try {
      app.harness.desk.services.ese.saveSettings({ settings: { host: '127.0.0.1', port: good.port, security: 'none', sender: 'desk@contact.kynect.example' } });
      await row.getByRole('button', { name: /^Resend/ }).focus();
      await page.keyboard.press('Enter');
      await expect(row).toContainText('Forwarded');
      await expect(page.getByTestId('announcer')).toContainText('forwarded to the ESE mailbox');
      expect(good.received).toHaveLength(1);
    } finally {
      await good.close();
    }
  } finally {
    await bad.close();
  }
});

test('mail settings by keyboard: errors at the field, saved, password from the environment', async ({ page, app }) => {
  await app.open();
  await openEse(page);
  await page.getByRole('button', { name: 'Mail settings' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 2, name: 'Mail settings' })).toBeVisible();
  await expect(page.getByLabel(/^ESE mailbox/)).toHaveValue('kynectESE@ky.gov');
  await expect(page.getByLabel(/^Dire Need mailbox/)).toHaveCount(0);
  await expect(page.getByTestId('ese-password-source')).toContainText('KYNECT_DESK_SMTP_PASSWORD (not set)');
  await expectAxeClean(page, 'ESE mail settings');

  await page.getByLabel(/^SMTP server/).fill('smtp.example.org');
  await page.getByLabel(/^Port/).fill('99999');
  await page.getByLabel(/^Sender address/).fill('desk');
  await page.getByRole('button', { name: 'Save mail settings' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByText('Port is a number from 1 to 65535.')).toBeVisible();
  await expect(page.getByText('Sender address: write an address like name@example.com.')).toBeVisible();
  await expect(page.getByLabel(/^Port/)).toHaveAttribute('aria-invalid', 'true');
  await expectAxeClean(page, 'ESE mail settings with errors');

  await page.getByLabel(/^Port/).fill('587');
  await page.getByLabel(/^Sender address/).fill('desk@contact.kynect.example');
  await page.getByRole('button', { name: 'Save mail settings' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('announcer')).toContainText('Mail settings saved.');
  expect(app.harness.desk.services.ese.mailSettings()).toMatchObject({ host: 'smtp.example.org', port: 587, sender: 'desk@contact.kynect.example' });
});

test('a draft belongs to its call: the next caller starts from an empty intake', async ({ page, app }) => {
  const calls = app.harness.desk.services.calls;
  const first = calls.start({ callerType: 'resident' }).call!;
  await app.open();
  // The window knows the open call before the rep goes to the intake (the form belongs to it).
  await expect(page.getByTestId('callbar-state')).toContainText('Active');
  await openEse(page);
  await type(page, 'Last name (required)', 'Whitfield');
  await expect.poll(() => app.harness.desk.services.ese.getDraft(`call:${first.id}`).draft?.lastName).toBe('Whitfield');

  // The call ends and closes; the next caller's intake is empty, and the first call's draft is kept under its call.
  calls.command(first.id, { type: 'end' });
  calls.command(first.id, { type: 'close', disposition: calls.dispositions()[0]!.code, followUpDate: null });
  calls.start({ callerType: 'resident' });
  await expect(page.getByTestId('callbar-state')).toContainText('Active');
  await expect(page.getByLabel('Last name (required)')).toHaveValue('');
  expect(app.harness.desk.services.ese.getDraft(`call:${first.id}`).draft?.lastName).toBe('Whitfield');
  await expectAxeClean(page, 'ESE intake in a new call');
});

test('what the rep types before the intake’s draft has loaded is kept, over the call’s prefill (no lost keystrokes)', async ({ page, app }) => {
  const calls = app.harness.desk.services.calls;
  const call = calls.start({ callerType: 'resident', callerName: 'Rosa Diaz' }).call!;
  await app.open();
  await expect(page.getByTestId('callbar-state')).toContainText('Active');
  // The real answer, held back 1.5 s on its way: a loaded machine answering late, made certain.
  let release: () => void = () => undefined;
  const held = new Promise<void>((r) => (release = r));
  await page.route('**/ipc/app%3Aese.draft.get', async (route) => {
    await held;
    await route.continue();
  });
  await page.keyboard.press('Alt+3');
  await expect(page.getByLabel('First name (required)')).toBeFocused();
  await page.keyboard.type('Rosalind');
  await page.getByLabel('Date of birth', { exact: false }).focus();
  await page.keyboard.type('1988-04-17');
  release();
  // The draft (here the call's prefill) arrives: the fields typed meanwhile keep what was typed, the others fill in.
  await expect(page.getByTestId('ese-prefilled')).toBeVisible();
  await expect(page.getByLabel('First name (required)')).toHaveValue('Rosalind');
  await expect(page.getByLabel(/^Date of birth/)).toHaveValue('1988-04-17');
  await expect(page.getByLabel('Last name (required)')).toHaveValue('Diaz');
  await expect.poll(() => app.harness.desk.services.ese.getDraft(`call:${call.id}`).draft?.firstName).toBe('Rosalind');
  await page.unroute('**/ipc/app%3Aese.draft.get');
});

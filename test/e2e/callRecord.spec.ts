import type { Page } from '@playwright/test';
import { leaves, parseMime } from '../unit/ese/support/mime';
import { startSmtp } from '../unit/ese/support/smtp';
import { ManualClock, expect, expectAxeClean, test } from './fixtures';

// 15:00 UTC is 10:00 in Louisville (Eastern): the desk says which.
test.use({ clock: new ManualClock('2026-11-23T15:00:00.000Z'), deskEnv: { KYNECT_TIME_ZONE: 'America/New_York' } });

async function ready(page: Page) {
  await expect(page.getByTestId('statusbar')).toContainText('Database ready');
  await expect(page.locator('body[data-ready]')).toHaveCount(1);
}

async function openEse(page: Page) {
  await page.keyboard.press('Alt+3');
  // The area shortcut lands on the intake's first field (issue 12.5).
  await expect(page.getByLabel('First name (required)')).toBeFocused();
}

/** Types into a field found by its label, by keyboard. */
async function type(page: Page, label: string | RegExp, text: string) {
  const field = page.getByLabel(label, { exact: typeof label === 'string' });
  await field.focus();
  await page.keyboard.type(text);
}

async function press(page: Page, name: string | RegExp) {
  await page.getByRole('button', { name }).focus();
  await page.keyboard.press('Enter');
}

/** The answers a call does not know. */
async function fillTheRest(page: Page) {
  await type(page, /^Date of birth/, '1988-04-17');
  await page.getByLabel(/^Preferred contact method/).selectOption('phone');
  await page.getByLabel(/^Circumstance/).selectOption('no_timely_notice');
  await type(page, /^Date of the triggering event/, '2026-09-30');
  await type(page, /^Date the resident knew or should have known/, '2026-10-20');
  await type(page, /^What happened/, 'The Medicaid end notice went to an old address; she learned on October 20 at the pharmacy.');
  await page.getByLabel('Notice that coverage ended').check();
  await page.getByLabel(/^Written request also sent/).selectOption('no');
}

test('an ESE intake with no call open starts one for its caller; its email says local time; wrap-up suggests, the rep confirms — axe clean', async ({ page, app }) => {
  const smtp = await startSmtp();
  try {
    app.harness.desk.services.ese.saveSettings({ settings: { host: '127.0.0.1', port: smtp.port, security: 'none', sender: 'desk@contact.kynect.example' } });
    await app.open();
    await ready(page);
    await openEse(page);
    const announcer = page.getByTestId('announcer');
    await type(page, 'First name (required)', 'Dana');
    await type(page, 'Last name (required)', 'Whitfield');
    await type(page, /^Phone/, '502-555-0123');
    await expect(page.getByTestId('ese-no-call')).toContainText('No call is open');
    await expectAxeClean(page, 'ESE intake with no call open');

    // Issue 12.4: one key starts the call with the intake's caller; what was typed stays.
    await press(page, 'Start a call for this intake');
    await expect(page.getByTestId('callbar-state')).toHaveText(/Active/);
    await expect(page.getByTestId('callbar-caller')).toHaveText('Resident / client: Dana Whitfield');
    await expect(announcer).toContainText('Call started with Dana Whitfield as the caller. This intake is now part of the call.');
    await expect(page.getByRole('heading', { level: 2, name: 'New ESE intake' })).toBeFocused();
    await expect(page.getByTestId('ese-no-call')).toHaveCount(0);
    await expect(page.getByLabel('Last name (required)')).toHaveValue('Whitfield');
    const call = app.harness.desk.services.calls.current().call!;
    expect(call).toMatchObject({ callerType: 'resident', callerName: 'Dana Whitfield', callbackNumber: '5025550123' });
    await expect.poll(() => app.harness.desk.services.ese.getDraft(`call:${call.id}`).draft?.lastName).toBe('Whitfield');
    expect(app.harness.desk.services.ese.getDraft('desk').draft).toBeNull();
    await expectAxeClean(page, 'ESE intake after its call started');

    await fillTheRest(page);
    await press(page, 'Forward for committee review');
    await expect(page.getByTestId('ese-forwarded')).toBeVisible();
    await app.harness.desk.services.ese.delivery.tick();
    await expect.poll(() => smtp.received.length).toBe(1);
    // Issue 12.4: the email says the desk's local date and time with its zone, and the window as dates.
    const parts = leaves(parseMime(smtp.received[0]!.raw));
    const body = parts.find((p) => p.headers.get('content-type')?.startsWith('text/plain'))!.body.toString('utf8');
    expect(body).toContain('Forwarded: November 23, 2026 at 10:00 AM EST by Dana Rep');
    expect(body).toContain('Plan-selection window: October 20, 2026 to December 19, 2026; the last day to select a plan is December 19, 2026.');
    expect(body).not.toMatch(/days left|2026-11-23T15:00/);

    // Wrap-up: a suggestion from what happened, applied only when the rep chooses it.
    await page.keyboard.press('Alt+X');
    const wrap = page.getByTestId('wrap-up');
    await expect(wrap).toBeVisible();
    const disposition = wrap.getByLabel(/^Disposition/);
    await expect(disposition).toHaveValue('');
    const suggestions = page.getByTestId('disposition-suggestions');
    await expect(suggestions).toContainText(/ESE request ESE-[0-9A-F]{8} forwarded to KHBE\./);
    await expectAxeClean(page, 'wrap-up with a suggestion');
    await press(page, 'Use “ESE request forwarded to KHBE”');
    await expect(disposition).toHaveValue('ese_forwarded');
    await expect(announcer).toContainText('Disposition chosen: ESE request forwarded to KHBE. Complete wrap-up to close the call.');
    // The list lets work codes go together: the rep adds one more by keyboard (issue 12.2).
    const also = wrap.getByTestId('disposition-also');
    await expect(also.getByRole('checkbox', { name: 'ESE request forwarded to KHBE' })).toHaveCount(0);
    await expect(also.getByRole('checkbox', { name: 'Resolved on the call' })).toHaveCount(0);
    await also.getByRole('checkbox', { name: 'SEP information given' }).focus();
    await page.keyboard.press('Space');
    await expect(also.getByRole('checkbox', { name: 'SEP information given' })).toBeChecked();
    await expectAxeClean(page, 'wrap-up with an additional disposition');
    await press(page, 'Complete wrap-up');
    await expect(page.getByTestId('callbar')).toContainText('No call');
    expect(app.harness.desk.services.calls.view(call.id).call!).toMatchObject({ disposition: 'ese_forwarded', additionalDispositions: ['sep_information'] });
  } finally {
    await smtp.close();
  }
});

test('a resident call pre-fills the ESE intake with its caller, callback and case; the rep can change them', async ({ page, app }) => {
  await app.open();
  await ready(page);
  await page.keyboard.press('Alt+N');
  await page.getByLabel('Who is calling').selectOption('resident');
  const start = page.getByTestId('call-start');
  await type(page, 'Caller name', 'Ana Soto');
  await type(page, /^Callback number/, '5025550134');
  await start.getByLabel(/^Case number/).focus();
  await page.keyboard.type('100300113');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('callbar-state')).toHaveText(/Active/);

  await openEse(page);
  await expect(page.getByTestId('ese-prefilled')).toHaveText('Filled in from the call: first name, last name, phone and case number. Change them if the resident’s are different.');
  await expect(page.getByLabel('First name (required)')).toHaveValue('Ana');
  await expect(page.getByLabel('Last name (required)')).toHaveValue('Soto');
  await expect(page.getByLabel(/^Phone/)).toHaveValue('502-555-0134');
  await expect(page.getByLabel(/^Case or application number/)).toHaveValue('100300113');
  await expect(page.getByTestId('ese-no-call')).toHaveCount(0);
  await expectAxeClean(page, 'ESE intake pre-filled from the call');
  // A pre-fill alone is not half-done work: nothing is stored until the rep types.
  const callId = app.harness.desk.services.calls.current().call!.id;
  expect(app.harness.desk.services.ese.getDraft(`call:${callId}`).draft).toBeNull();
  await page.getByLabel('First name (required)').fill('');
  await type(page, 'First name (required)', 'Anna');
  await expect.poll(() => app.harness.desk.services.ese.getDraft(`call:${callId}`).draft?.firstName).toBe('Anna');
  await page.reload();
  await ready(page);
  await openEse(page);
  await expect(page.getByLabel('First name (required)')).toHaveValue('Anna');
});

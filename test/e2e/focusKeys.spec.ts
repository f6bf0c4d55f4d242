import type { Page } from '@playwright/test';
import { importCsv } from '../helpers/seed';
import { expect, expectAxeClean, ManualClock, OPERATOR_PIN, test } from './fixtures';

/** Issue 12.5: focus and keys, all by keyboard. */

const MEMBERS = `member_id,case_number,application_number,first_name,middle_name,last_name,suffix,date_of_birth,sex,ssn,head_of_household,case_status,application_submitted_on
M-1001,100300113,A-5551,John,Q,Doe,,1977-02-03,M,123456789,true,Active,2026-11-18
`;

const ALL_AREAS = ['Call', 'Association & consent', 'ESE intake', 'Member match (PSL)', 'SEP rules', 'Supervisor'];

/** Focus is on a control or a heading, never on the page body (after React's effects and the focus keeper have run). */
async function expectFocusKept(page: Page, after: string) {
  await expect
    .poll(() => page.evaluate(() => document.activeElement !== null && document.activeElement !== document.body), { message: `focus dropped to the page body after ${after}` })
    .toBe(true);
}

async function shot(page: Page, name: string) {
  for (const width of [1024, 1366]) {
    await page.setViewportSize({ width, height: 800 });
    await page.screenshot({ path: `/tmp/keys-${name}-${width}.png`, fullPage: false });
  }
}

test.describe('first start', () => {
  test.use({ operator: null });
  test('after the setup form, focus is on the area the desk opens on, not the page', async ({ page, app }) => {
    await app.open();
    await page.getByLabel('Your name').focus();
    await page.keyboard.type('Dana Rep');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Contact');
    await page.keyboard.press('Tab');
    await page.keyboard.type(OPERATOR_PIN);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: 'Call' })).toBeFocused();
    await expectAxeClean(page, 'shell after setup');
  });
});

for (const [role, name, opensOn, areas] of [
  ['rep', 'Dana Rep', 'Call', ALL_AREAS.slice(0, 5)],
  ['psl', 'Pat PSL', 'Member match (PSL)', ALL_AREAS.slice(0, 5)],
  ['supervisor', 'Sam Super', 'Call', ALL_AREAS],
] as const) {
  test.describe(`a ${role}`, () => {
    test.use({ operator: { name, role } });
    test(`the menu is in Alt-number order and each Alt+digit lands on the area's first field or main action (${role})`, async ({ page, app }) => {
      await app.open();
      await expect(page.getByRole('heading', { level: 1, name: opensOn })).toBeVisible();
      const links = page.getByRole('navigation', { name: 'Areas' }).getByRole('link');
      await expect(links).toHaveText(areas.map((title, i) => `${title}Alt+${i + 1}`));
      for (const [i, title] of areas.entries()) {
        await page.keyboard.press(`Alt+${i + 1}`);
        await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
        const focused = page.getByRole('region', { name: `${title} area` }).locator(':focus');
        await expect(focused, `Alt+${i + 1} lands inside ${title}`).toHaveCount(1);
        expect(await focused.evaluate((el) => el.tagName)).toMatch(/^(INPUT|SELECT|TEXTAREA|BUTTON)$/);
      }
    });
  });
}

test('where each area shortcut lands for a rep, and `/` searches SEP rules from any area', async ({ page, app }) => {
  await app.open();
  await page.keyboard.press('Alt+1');
  await expect(page.getByLabel('Who is calling')).toBeFocused();
  await page.keyboard.press('Alt+2');
  await expect(page.getByRole('button', { name: 'Start a three-way association' })).toBeFocused();
  await page.keyboard.press('Alt+3');
  await expect(page.getByLabel('First name (required)')).toBeFocused();
  await page.keyboard.press('Alt+4');
  await expect(page.getByLabel('First name', { exact: true })).toBeFocused();
  await page.keyboard.press('Alt+5');
  await expect(page.getByLabel('Search qualifying events')).toBeFocused();
  await page.keyboard.press('Alt+1');
  // `/` is a bare key: typed into a field it is text, elsewhere it searches.
  await page.getByRole('heading', { level: 1, name: 'Call' }).focus();
  await page.keyboard.press('/');
  await expect(page.getByLabel('Search qualifying events')).toBeFocused();
  await expect(page.getByLabel('Search qualifying events')).toHaveValue('');
  await shot(page, 'sep-landing');
});

test('the `?` sheet lists `/`, tells Alt+0 from Alt+O in words, and has the notes and lookup keys', async ({ page, app }) => {
  await app.open();
  await page.keyboard.press('?');
  const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(sheet).toBeVisible();
  const row = (keys: string) =>
    sheet.getByRole('row').filter({ has: page.getByRole('rowheader').filter({ has: page.locator('kbd', { hasText: new RegExp(`^${keys.replace(/[+?/]/g, '\\$&')}$`) }) }) });
  await expect(row('/')).toContainText('Search SEP qualifying events');
  await expect(row('Alt+0')).toContainText('(Alt and the digit zero)');
  await expect(row('Alt+0')).toContainText('Jump to the navigation');
  await expect(row('Alt+O')).toContainText('(Alt and the letter O)');
  await expect(row('Alt+O')).toContainText('hold');
  await expect(row('Alt+T')).toContainText('Type in the call notes');
  await expect(row('Alt+A')).toContainText('to the call notes');
  await expect(row('Alt+C')).toContainText('Clear the member lookup');
  // One key, one action.
  const keys = await sheet.locator('tbody th kbd').allTextContents();
  expect(new Set(keys).size).toBe(keys.length);
  await expectAxeClean(page, 'cheat sheet');
  await shot(page, 'cheatsheet');
  await page.keyboard.press('Escape');
  await expect(sheet).toBeHidden();
});

test('Alt+T goes to the notes, Alt+A adds a match result to them, Alt+C clears the lookup', async ({ page, app }) => {
  await importCsv(app.harness.desk, 'members', MEMBERS);
  await app.open();
  // No call: the keys say why they do nothing.
  await page.keyboard.press('Alt+T');
  await expect(page.locator('[role=alert][aria-live=assertive]')).toContainText('No call is open: notes belong to a call.');
  app.harness.desk.services.calls.start({ callerType: 'resident' });
  await page.reload();
  await expect(page.locator('body[data-ready]')).toHaveCount(1);
  await page.keyboard.press('Alt+5');
  await page.keyboard.press('Alt+T');
  await expect(page.getByLabel('Call notes')).toBeFocused();
  // With a call open, the Call area's shortcut lands in the notes too.
  await page.keyboard.press('Alt+4');
  await page.keyboard.type('John');
  await page.getByLabel('Last name', { exact: true }).focus();
  await page.keyboard.type('Doe');
  await page.getByLabel('Sex').selectOption('M');
  await page.getByLabel('Date of birth').focus();
  await page.keyboard.type('1977-02-03');
  await page.getByRole('button', { name: 'Search', exact: true }).press('Enter');
  await expect(page.getByTestId('announcer')).toContainText(/match/i);
  await page.keyboard.press('Alt+A');
  await expect(page.getByTestId('announcer')).toContainText('The match result added to the call notes.');
  await page.keyboard.press('Alt+C');
  await expect(page.getByLabel('First name', { exact: true })).toBeFocused();
  await expect(page.getByLabel('First name', { exact: true })).toHaveValue('');
  await expect(page.getByLabel('Last name', { exact: true })).toHaveValue('');
  await page.keyboard.press('Alt+1');
  await expect(page.getByLabel('Call notes')).toBeFocused();
  await expect(page.getByLabel('Call notes')).not.toHaveValue('');
  // From another area, Alt+C opens a fresh lookup.
  await page.keyboard.press('Alt+C');
  await expect(page.getByRole('heading', { level: 1, name: 'Member match (PSL)' })).toBeVisible();
  await expect(page.getByLabel('First name', { exact: true })).toBeFocused();
  await expectAxeClean(page, 'member match with a call open');
});

test('an error summary links to each field it names', async ({ page, app }) => {
  await app.open();
  await page.keyboard.press('Alt+4');
  await page.getByRole('button', { name: 'Search', exact: true }).press('Enter');
  const summary = page.getByTestId('form-error');
  await expect(summary).toBeFocused();
  const links = summary.getByRole('list', { name: 'Fields to fix' }).getByRole('link');
  await expect(links).toHaveText(['First name', 'Last name', 'Sex', 'Date of birth']);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(links.nth(3)).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Date of birth')).toBeFocused();
  await expectAxeClean(page, 'error summary with links');
  await shot(page, 'error-summary');
});

test('Enter in a date field never submits, and every date field asks for YYYY-MM-DD', async ({ page, app }) => {
  await app.open();
  // Member match: the date of birth.
  await page.keyboard.press('Alt+4');
  const dob = page.getByLabel('Date of birth');
  await dob.focus();
  await page.keyboard.type('1977-02');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('form-error')).toHaveCount(0);
  await expect(dob).toBeFocused();
  await expect(dob).toHaveAccessibleDescription(/^YYYY-MM-DD/);
  // An Agent reading the portal's MM/DD/YYYY (seed 001, line 48): leaving the field shows the one format.
  await dob.fill('');
  await page.keyboard.type('2/14/1977');
  await page.keyboard.press('Tab');
  await expect(dob).toHaveValue('1977-02-14');
  // SEP calculator: Enter in the dates calculates nothing; the button does.
  await page.keyboard.press('Alt+5');
  await page.keyboard.type('got married');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 2, name: 'Marriage' })).toBeFocused();
  const event = page.getByLabel('Date of the marriage');
  await event.focus();
  await page.keyboard.type('2026-05-02');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  await page.keyboard.type('2026-05-10');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('sep-result')).toHaveCount(0);
  await expect(page.getByLabel('Plan-selection date')).toHaveAccessibleDescription(/^YYYY-MM-DD · leave empty for today/);
  await page.getByRole('button', { name: 'Calculate' }).press('Enter');
  await expect(page.getByTestId('sep-result')).toContainText('2026-06-01');
  // Every date field the areas show is one kind: text, YYYY-MM-DD, never the browser's locale picker.
  for (const area of [1, 3, 4, 5]) {
    await page.keyboard.press(`Alt+${area}`);
    await expect(page.locator('input[type=date]')).toHaveCount(0);
    for (const field of await page.locator('[data-date-field]').all()) await expect(field).toHaveAccessibleDescription(/YYYY-MM-DD/);
  }
  // Call history's range, typed.
  await page.keyboard.press('Alt+1');
  const from = page.getByLabel('From', { exact: true });
  await from.focus();
  await page.keyboard.type('2026-13-01');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('form-error')).toHaveCount(0);
  await page
    .getByRole('button', { name: /^Search/ })
    .first()
    .press('Enter');
  await expect(from).toHaveAccessibleDescription(/Use the form YYYY-MM-DD\.|That day does not exist\./);
  await expectAxeClean(page, 'call history with a date to fix');
});

test('the Profile page closes on Escape, back on its button, and sets the idle lock time', async ({ page, app }) => {
  await app.open();
  const profile = page.getByRole('button', { name: 'Profile' });
  await profile.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Your profile' })).toBeFocused();
  await expect(page.getByRole('button', { name: 'Cancel Esc' })).toHaveAttribute('aria-keyshortcuts', 'Escape');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('heading', { level: 1, name: 'Call' })).toBeVisible();
  await expect(profile).toBeFocused();

  await page.keyboard.press('Enter');
  const idle = page.getByLabel('Lock after (minutes without activity)');
  await expect(idle).toHaveValue('15');
  await expectAxeClean(page, 'profile with the idle lock');
  await shot(page, 'profile');
  for (const [typed, message] of [
    ['0', 'At least 1 minute.'],
    ['90', 'At most 60 minutes.'],
    ['ten', 'Give the idle time in minutes.'],
  ] as const) {
    await idle.focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.type(typed);
    await page.keyboard.press('Enter');
    await expect(idle).toHaveAccessibleDescription(new RegExp(message.replace('.', '\\.')));
    await expect(idle).toHaveAttribute('aria-invalid', 'true');
  }
  await idle.focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('5');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('announcer')).toContainText('kynect Desk now locks after 5 minutes without activity.');
  await expect(idle).not.toHaveAttribute('aria-invalid', 'true');
  expect(app.harness.desk.lock.tick().idleMinutes).toBe(5);
  expect(app.harness.desk.audit.recent(5)).toContainEqual(expect.objectContaining({ action: 'settings.changed', subject: 'lock.idleMinutes', details: { from: 15, minutes: 5 } }));
  // Escape from inside a field closes it too, and the setting stays.
  await page.keyboard.press('Escape');
  await expect(profile).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Lock after (minutes without activity)')).toHaveValue('5');
  await page.getByRole('button', { name: 'Save profile' }).press('Enter');
  await expect(profile).toBeFocused();
});

/** Through the association by keyboard, up to the electronic consent request waiting for the Agent. */
async function toElectronicConsent(page: Page) {
  await page.keyboard.press('Alt+2');
  await expect(page.getByRole('button', { name: 'Start a three-way association' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: '1. The Agent' })).toBeFocused();
  await page.getByLabel('Agent name').fill('Maria West');
  await page.getByLabel('Agent id or NPN').fill('NPN1234567');
  await page.getByLabel('Agency').fill('Bluegrass Benefits');
  await page.getByLabel(/training/i).selectOption('yes');
  await page.getByRole('button', { name: 'Continue' }).press('Enter');
  await expect(page.getByRole('heading', { name: '2. Is the client on the line?' })).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: /3\. The client/ })).toBeFocused();
  await page.getByLabel('First name').fill('John');
  await page.getByLabel('Last name').fill('Doe');
  await page.getByLabel('Sex').selectOption('M');
  await page.getByLabel('Date of birth').fill('1977-02-03');
  await page.getByLabel('SSN (optional)').fill('123456789');
  await page.getByLabel('SSN (optional)').press('Enter');
  await page.getByRole('combobox', { name: /^Situation/ }).selectOption('existing-application-or-case');
  await page.getByRole('button', { name: 'Continue' }).press('Enter');
  await expect(page.getByRole('heading', { name: '5. Consent' })).toBeFocused();
  await page.getByLabel('How can the client be reached?').selectOption('electronic');
  await page.getByRole('button', { name: 'Continue' }).press('Enter');
  await expect(page.getByRole('button', { name: 'The Agent sent the request' })).toBeVisible();
  await expectFocusKept(page, 'reaching the electronic consent step');
  // Sending the request: focus goes to the outcome the rep records next.
  await page.getByRole('button', { name: 'The Agent sent the request' }).press('Enter');
  await expect(page.getByRole('button', { name: 'Client Consent Received' })).toBeFocused();
}

test.describe('on a live call', () => {
  const clock = new ManualClock('2026-11-22T15:00:00Z');
  test.use({ clock });

  test('focus never drops to the page: import, Reveal SSN, consent step, sending a request, the Agent leaving, the script, unlock, wrap-up', async ({ page, app }) => {
    await app.open();
    // Member import by keyboard.
    await page.keyboard.press('Alt+4');
    await page.getByLabel('CSV file').setInputFiles({ name: 'members.csv', mimeType: 'text/csv', buffer: Buffer.from(MEMBERS) });
    await page.getByRole('button', { name: 'Import', exact: true }).press('Enter');
    await expect(page.getByTestId('import-report')).toContainText('Imported 1 row:');
    await expectFocusKept(page, 'the member import');

    // Reveal SSN.
    await page.getByLabel('First name', { exact: true }).focus();
    await page.keyboard.type('John');
    await page.getByLabel('Last name', { exact: true }).fill('Doe');
    await page.getByLabel('Sex').selectOption('M');
    await page.getByLabel('Date of birth').fill('1977-02-03');
    await page.getByRole('button', { name: 'Search', exact: true }).press('Enter');
    await page.getByRole('button', { name: 'Reveal SSN' }).first().press('Enter');
    await expect(page.getByTestId('ssn-revealed')).toBeVisible();
    await expectFocusKept(page, 'Reveal SSN');

    await toElectronicConsent(page);
    await expectAxeClean(page, 'consent request sent');
    await shot(page, 'consent-sent');

    // The request expires because the Agent left Agent Portal: its buttons go, focus stays in the step.
    await page.getByRole('button', { name: 'The Agent left the Agent Portal screen' }).press('Enter');
    await expect(page.getByText(/Request 1: .*Agent left/)).toBeVisible();
    await expectFocusKept(page, 'the request expired (the Agent left)');
    await expect(page.getByRole('button', { name: 'The Agent sent the request' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('button', { name: 'Client Consent Received' })).toBeFocused();
    await page.getByRole('button', { name: 'Technical failure' }).press('Enter');
    await expectFocusKept(page, 'a technical failure');

    // The verbal script: focus on its first statement.
    await page.getByRole('button', { name: 'Read the verbal consent script' }).press('Enter');
    await expect(page.getByRole('group', { name: 'Statement 1' }).getByRole('button', { name: 'Mark as read aloud' })).toBeFocused();
    await expectAxeClean(page, 'verbal script started');

    // Lock and unlock: back on the area, not the page.
    await page.keyboard.press('Alt+L');
    await expect(page.getByTestId('lock-screen')).toBeVisible();
    await page.keyboard.type(OPERATOR_PIN);
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('lock-screen')).toHaveCount(0);
    await expectFocusKept(page, 'unlock');
    await expect(page.getByRole('main').locator(':focus')).toHaveCount(1);

    // End the call (the half-done association is asked about first), then wrap up.
    // Right after the unlock a loaded machine may still be re-rendering the shell: press again until the dialog asks.
    const endDialog = page.getByTestId('end-call-dialog');
    await expect(async () => {
      if (!(await endDialog.isVisible())) await page.keyboard.press('Alt+X');
      await expect(endDialog).toBeVisible({ timeout: 2000 });
    }).toPass({ timeout: 20_000 });
    await endDialog.getByRole('button', { name: 'End the call' }).press('Enter');
    const wrapUp = page.getByTestId('wrap-up');
    await expect(wrapUp.getByLabel('Disposition')).toBeFocused();
    // In wrap-up, the Call area's shortcut lands on the disposition, what is left to do.
    await page.keyboard.press('Alt+5');
    await page.keyboard.press('Alt+1');
    await expect(wrapUp.getByLabel('Disposition')).toBeFocused();
    await wrapUp.getByLabel('Disposition').selectOption({ index: 1 });
    await wrapUp.getByRole('button', { name: /Complete/ }).press('Enter');
    await expect(page.getByTestId('wrap-up')).toHaveCount(0);
    await expectFocusKept(page, 'completing the wrap-up');
    await expectAxeClean(page, 'after wrap-up');
  });

  test('a request that runs out its 90 seconds takes focus to the next step, not the page', async ({ page, app }) => {
    await importCsv(app.harness.desk, 'members', MEMBERS);
    await app.open();
    await toElectronicConsent(page);
    // The 90 seconds pass on main's clock; main settles the request when asked, as the page's own countdown asks
    // at zero, and its push updates the page while focus sits on the request's buttons.
    clock.advance(91_000);
    expect((await app.harness.desk.router.dispatch('app:association.current', {}, { via: 'test' })).ok).toBe(true);
    await expect(page.getByText('Request 1: the client did not respond within 90 seconds.')).toBeVisible();
    await expectFocusKept(page, 'the request expired');
    // The step's next action: another request or the verbal script, whichever comes first on screen.
    await expect(page.getByRole('region', { name: '5. Consent' }).locator('button:focus')).toHaveText(/The Agent sent the request|Read the verbal consent script/);
  });
});

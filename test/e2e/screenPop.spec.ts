import { importCsv } from '../helpers/seed';
import { expect, expectAxeClean, ManualClock, test } from './fixtures';

const MEMBERS = `member_id,case_number,application_number,first_name,middle_name,last_name,suffix,date_of_birth,sex,ssn,head_of_household,case_status,application_submitted_on
M-1,100300113,,John,,Doe,,1977-02-03,M,123456789,true,Active,2026-11-18
`;

test.use({ clock: new ManualClock('2026-11-22T15:00:00.000Z') });

/** What Electron main does with a kynect-desk: link the operating system hands it. */
async function ring(app: { harness: { desk: { router: { dispatch(c: string, r: unknown, x: unknown): Promise<unknown> } } } }, link: string) {
  return app.harness.desk.router.dispatch('app:screenPop.offer', { link }, { via: 'electron' });
}

test('a softphone screen pop: the rep takes the call by keyboard, it starts with the number and case, and the case lookup shows at once', async ({ page, app }) => {
  await importCsv(app.harness.desk, 'members', MEMBERS);
  await app.open();
  expect(await ring(app, 'kynect-desk://call?number=5025550134&case=100300113&type=agent')).toMatchObject({ ok: true });
  const pop = page.getByRole('alertdialog', { name: 'Incoming call' });
  await expect(pop).toBeVisible();
  await expect(pop).toContainText('Agent from 502-555-0134, about case 100300113');
  await expect(pop).toContainText('Nothing is recorded until you take the call');
  await expect(page.getByRole('button', { name: 'Take the call' })).toBeFocused();
  expect(app.harness.desk.services.calls.current().call).toBeNull();
  await expectAxeClean(page, 'the screen pop');
  await page.keyboard.press('Enter');
  await expect(pop).toBeHidden();
  await expect(page.getByRole('heading', { level: 1, name: 'Member match (PSL)' })).toBeVisible();
  await expect(page.getByLabel('Case number (optional)')).toHaveValue('100300113');
  await expect(page.locator('.match-results')).toContainText('John');
  await expect(page.getByTestId('callbar-caller')).toHaveText('Agent');
  expect(app.harness.desk.services.calls.current().call).toMatchObject({ callbackNumber: '5025550134', caseNumber: '100300113', callerType: 'agent' });
  await expectAxeClean(page, 'the lookup after a screen pop');
});

test('a screen pop let go with Escape records nothing, and a refused link never shows', async ({ page, app }) => {
  await app.open();
  expect(await ring(app, 'kynect-desk://call?number=12&case=100300113')).toMatchObject({
    ok: false,
    error: { code: 'invalid_request', fieldErrors: { number: expect.any(String) } },
  });
  await ring(app, 'kynect-desk://call?number=5025550134');
  const pop = page.getByRole('alertdialog', { name: 'Incoming call' });
  await expect(pop).toContainText('Resident / client from 502-555-0134');
  // A reload does not lose it: main keeps the waiting pop.
  await page.reload();
  await expect(page.locator('body[data-ready]')).toHaveCount(1);
  await expect(pop).toBeVisible();
  await expect(page.getByRole('button', { name: 'Take the call' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(pop).toBeHidden();
  await expect(page.getByTestId('announcer')).toContainText('nothing was recorded');
  expect(app.harness.desk.db.prepare('SELECT count(*) FROM call').pluck().get()).toBe(0);
});

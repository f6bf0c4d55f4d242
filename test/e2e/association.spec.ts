import { importCsv } from '../helpers/seed';
import { expect, expectAxeClean, ManualClock, test } from './fixtures';

const MEMBERS = `member_id,case_number,application_number,first_name,middle_name,last_name,suffix,date_of_birth,sex,ssn,head_of_household,case_status,application_submitted_on
M-1001,100300113,A-5551,John,Q,Doe,,1977-02-03,M,123456789,true,Active,2026-11-18
`;

test.describe('three-way association call', () => {
  const clock = new ManualClock('2026-11-22T15:00:00Z');
  test.use({ clock });

  test('Agent, client on the line, lookup, electronic consent times out, verbal consent in Spanish, association recorded', async ({ page, app }) => {
    importCsv(app.harness.desk, 'members', MEMBERS);
    await app.open();
    await page.keyboard.press('Alt+2');
    await expect(page.getByRole('heading', { level: 1, name: 'Association & consent' })).toBeFocused();
    await expectAxeClean(page, 'association start');
    await expect(page.getByTestId('assoc-call-context')).toContainText('starts a call for the Agent');
    await page.getByRole('button', { name: 'Start a three-way association' }).press('Enter');
    // The association happens inside a call: one starts for the Agent.
    await expect(page.getByTestId('callbar-caller')).toHaveText('Agent');

    // a. The Agent.
    await expect(page.getByRole('heading', { name: '1. The Agent' })).toBeFocused();
    await page.keyboard.press('Tab');
    await page.keyboard.type('Maria West');
    await page.keyboard.press('Tab');
    await page.keyboard.type('NPN1234567');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Bluegrass Benefits');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Yes'); // the select picks "Yes, training completed"
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');

    // b. The client is on the line.
    await expect(page.getByRole('heading', { name: '2. Is the client on the line?' })).toBeFocused();
    await expect(page.getByRole('listitem').filter({ hasText: 'The Agent' })).toContainText('(done)');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');

    // c. The client, through member match.
    await expect(page.getByRole('heading', { name: /3\. The client/ })).toBeFocused();
    await page.getByLabel('First name').fill('John');
    await page.getByLabel('Last name').fill('Doe');
    await page.getByLabel('Sex').selectOption('M');
    await page.getByLabel('Date of birth').fill('1977-02-03');
    // Without an SSN, John (who has one on file) could only be a Partial match (003 §9).
    await page.getByLabel('SSN (optional)').fill('123456789');
    await page.getByLabel('SSN (optional)').press('Enter');

    // d. The situation: existing case → associate here.
    await expect(page.getByTestId('assoc-match')).toContainText('Full match');
    await expect(page.getByTestId('assoc-match')).toContainText('100300113');
    await page.getByRole('combobox', { name: /^Situation/ }).selectOption('existing-application-or-case');
    await expect(page.getByLabel('Case to associate with')).toHaveValue('100300113');
    await page.getByLabel('Case to associate with').press('Enter');

    // e. Consent: electronic first.
    await expect(page.getByRole('heading', { name: '5. Consent' })).toBeFocused();
    await page.getByLabel('How can the client be reached?').selectOption('electronic');
    await page.getByRole('button', { name: 'Continue' }).press('Enter');
    await page.getByRole('button', { name: 'Electronic request sent in Agent Portal' }).press('Enter');
    await expect(page.getByTestId('consent-countdown')).toContainText('left for the client to accept');
    // The countdown ticks visibly but is not in a live region.
    await expect(page.locator('[aria-live] [data-testid=consent-countdown], [data-testid=consent-countdown][aria-live]')).toHaveCount(0);
    await expectAxeClean(page, 'electronic consent pending');

    // The client does not respond: main's clock passes 90 s; a reload cannot reset it.
    clock.advance(91_000);
    await page.reload();
    await expect(page.locator('body[data-ready]')).toHaveCount(1);
    await page.keyboard.press('Alt+2');
    await expect(page.getByText('Request 1: client did not respond.')).toBeVisible();
    await expect(page.getByText('Verbal consent', { exact: true })).toBeVisible();

    // Verbal consent, read in Spanish.
    await page.getByLabel('Language of the script').selectOption('es');
    await page.getByRole('button', { name: 'Read the verbal consent script' }).press('Enter');
    const script = page.getByTestId('verbal-script');
    await expect(script).toContainText('Maria West, de Bluegrass Benefits, está en la línea');
    await expect(script).toHaveAttribute('lang', 'es');
    const accept = page.getByRole('button', { name: 'Accept', exact: true });
    await expect(accept).toBeDisabled();
    // By keyboard alone: focus moves read → agrees → next statement → Accept, never dropping to the page.
    await page.getByRole('group', { name: 'Statement 1' }).getByRole('button', { name: 'Mark as read aloud' }).focus();
    for (let i = 1; i <= 4; i++) {
      const group = page.getByRole('group', { name: `Statement ${i}` });
      await expect(group.getByRole('button', { name: 'Mark as read aloud' })).toBeFocused();
      await page.keyboard.press('Enter');
      await expect(group.getByRole('button', { name: 'Client agrees' })).toBeFocused();
      await page.keyboard.press('Enter');
      await expect(group).toContainText('Agreed');
    }
    await expect(accept).toBeEnabled();
    await expect(accept).toBeFocused();
    await expectAxeClean(page, 'verbal consent script');
    await accept.press('Enter');

    // The association, and the confirmation to read to both parties.
    await page.getByRole('button', { name: 'Record the association' }).press('Enter');
    await expect(page.getByTestId('assoc-ended')).toContainText('Maria West of Bluegrass Benefits is now associated with case 100300113 for John Doe');
    await expect(page.getByRole('cell', { name: 'verbal' })).toBeVisible();
    await expectAxeClean(page, 'association recorded');

    const desk = app.harness.desk;
    expect(desk.db.prepare('SELECT agent_id, case_number FROM agent_association').all()).toEqual([{ agent_id: 'NPN1234567', case_number: '100300113' }]);
    const record = JSON.parse(desk.db.prepare('SELECT record_json FROM consent_record').pluck().get() as string);
    expect(record).toMatchObject({ method: 'verbal', outcome: 'accepted', verbalTrigger: 'no-response', script: { locale: 'es' } });
    expect(record.attempts[0].outcome).toBe('no-response');

    // The call became three-way when the client joined, and every step is on its timeline.
    await expect(page.getByTestId('callbar-caller')).toContainText('with the client on the line');
    expect(record.callId).toBe(desk.services.calls.current().call!.id);
    await page.keyboard.press('Alt+1');
    const timeline = page.getByTestId('call-timeline');
    await expect(timeline).toContainText('Agent Maria West (NPN1234567, Bluegrass Benefits)');
    await expect(timeline).toContainText('Client joined the line');
    await expect(timeline).toContainText('Consent accepted (verbal) for Agent Maria West');
    await page.keyboard.press('Alt+2');

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: /Export the consent record of John Doe as FHIR JSON/ }).press('Enter');
    expect((await download).suggestedFilename()).toMatch(/^consent-.*\.fhir\.json$/);
  });
});

test('no client on the line: the seed\'s alternatives, and the association ends', async ({ page, app }) => {
  await app.open();
  await page.keyboard.press('Alt+2');
  await page.getByRole('button', { name: 'Start a three-way association' }).press('Enter');
  await page.getByLabel('Agent name').fill('Maria West');
  await page.getByLabel('Agent id or NPN').fill('NPN1234567');
  await page.getByLabel('Agency').fill('Bluegrass Benefits');
  await page.getByLabel(/MyPurpose/).selectOption('yes');
  await page.getByLabel('Agency').press('Enter');
  await page.getByRole('button', { name: 'No, the client is not on the line' }).press('Enter');
  const ended = page.getByTestId('assoc-ended');
  await expect(ended).toContainText('Cannot associate: the client is not on the line');
  await expect(ended).toContainText('Reps, kynectors, and Agents');
  await expect(ended).toContainText('Appendix B form');
  await expectAxeClean(page, 'no client on the line');
});

test('the Agent form explains what is missing at each field', async ({ page, app }) => {
  await app.open();
  await page.keyboard.press('Alt+2');
  await page.getByRole('button', { name: 'Start a three-way association' }).press('Enter');
  await page.getByRole('button', { name: 'Continue' }).press('Enter');
  await expect(page.getByText('Agent name is required.')).toBeVisible();
  await expect(page.getByText('Agent id or NPN is required.')).toBeVisible();
  await expect(page.getByText(/completed Agent training on MyPurpose\./)).toBeVisible();
  await expect(page.getByLabel('Agent name')).toHaveAttribute('aria-invalid', 'true');
  await expectAxeClean(page, 'agent form errors');
});

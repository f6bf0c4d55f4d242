import { importCsv } from '../helpers/seed';
import type { Page } from '@playwright/test';
import { expect, expectAxeClean, ManualClock, test } from './fixtures';

const MEMBERS = `member_id,case_number,application_number,first_name,middle_name,last_name,suffix,date_of_birth,sex,ssn,head_of_household,case_status,application_submitted_on
M-1001,100300113,A-5551,John,Q,Doe,,1977-02-03,M,123456789,true,Active,2026-11-18
`;

test.describe('three-way association call', () => {
  const clock = new ManualClock('2026-11-22T15:00:00Z');
  test.use({ clock });

  test('Agent, client on the line, lookup, electronic consent times out, verbal consent in Spanish, association recorded', async ({ page, app }) => {
    await importCsv(app.harness.desk, 'members', MEMBERS);
    await app.open();
    await page.keyboard.press('Alt+2');
    await expect(page.getByRole('button', { name: 'Start a three-way association' })).toBeFocused();
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
    await expect(page.getByTestId('assoc-match')).toContainText('Full match. Every identifying field agrees with John Q Doe on case 100300113.');
    await page.getByRole('combobox', { name: /^Situation/ }).selectOption('existing-application-or-case');
    await page.getByRole('button', { name: 'Continue' }).press('Enter');

    // e. Consent: electronic first.
    await expect(page.getByRole('heading', { name: '5. Consent' })).toBeFocused();
    await page.getByLabel('How can the client be reached?').selectOption('electronic');
    await page.getByRole('button', { name: 'Continue' }).press('Enter');
    // In Agent Portal the Agent sends the request (001:72); the rep records it.
    await expect(page.getByRole('main').getByText(/Ask the Agent to click Request Electronic Consent in Agent Portal/)).toBeVisible();
    await page.getByRole('button', { name: 'The Agent sent the request' }).press('Enter');
    await expect(page.getByTestId('consent-countdown')).toContainText('left for the client to accept');
    // The countdown ticks visibly but is not in a live region.
    await expect(page.locator('[aria-live] [data-testid=consent-countdown], [data-testid=consent-countdown][aria-live]')).toHaveCount(0);
    await expectAxeClean(page, 'electronic consent pending');
    // At 1024 px the bar also holds the consent countdown: the caller type shortens, never cut (issue 12 §6).
    await page.setViewportSize({ width: 1024, height: 768 });
    const caller = page.getByTestId('callbar-caller');
    await expect(caller).toHaveText('Agent + client (three-way)');
    await expect(caller).toHaveAttribute('title', 'Agent with the client on the line (three-way)');
    expect(await caller.evaluate((e) => e.scrollHeight <= e.clientHeight + 1 && e.scrollWidth <= e.clientWidth + 1), 'the caller type is whole').toBe(true);
    await page.setViewportSize({ width: 1366, height: 820 });
    await expect(caller).toHaveText('Agent with the client on the line (three-way)');

    // The rep moving to another area of kynect Desk, or reloading, does not expire it (only the Agent
    // leaving the Agent Portal screen does, 001:79); the countdown stays in the call bar.
    await page.keyboard.press('Alt+1');
    await expect(page.getByTestId('callbar-consent')).toContainText(/Consent \d:\d\d/);
    await page.reload();
    await expect(page.locator('body[data-ready]')).toHaveCount(1);
    await expect(page.getByTestId('callbar-consent')).toBeVisible();
    await page.keyboard.press('Alt+2');
    await expect(page.getByTestId('consent-countdown')).toBeVisible();
    expect(app.harness.desk.services.association.current()!.consent!.pending).not.toBeNull();

    // The client does not respond: main's clock passes 90 s; a reload cannot reset it.
    clock.advance(91_000);
    await page.reload();
    await expect(page.locator('body[data-ready]')).toHaveCount(1);
    await page.keyboard.press('Alt+2');
    await expect(page.getByText('Request 1: the client did not respond within 90 seconds.')).toBeVisible();
    await expect(page.getByTestId('callbar-consent')).toHaveCount(0);
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
    for (let i = 1; i <= 3; i++) {
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
    expect(record).toMatchObject({ method: 'verbal', outcome: 'accepted', verbalTrigger: 'no-response', script: { locale: 'es', version: 2 } });
    expect(record.attempts[0].outcome).toBe('no-response');

    // The call became three-way when the client joined, and every step is on its timeline.
    await expect(page.getByTestId('callbar-caller')).toContainText('with the client on the line');
    expect(record.callId).toBe(desk.services.calls.current().call!.id);
    await page.keyboard.press('Alt+1');
    const timeline = page.getByTestId('call-timeline');
    await expect(timeline).toContainText('Agent Maria West (NPN1234567, Bluegrass Benefits)');
    await expect(timeline).toContainText('Client joined the line');
    await expect(timeline).toContainText('Electronic consent request 1: the client did not respond within 90 seconds');
    await expect(timeline).toContainText('Consent accepted (verbal, Spanish script v2) for Agent Maria West');
    // The notes template fills itself from what the call learned (issue 12.2), by keyboard.
    const template = page.getByLabel('Template');
    await template.focus();
    await template.selectOption('three_way_association');
    await page.getByRole('button', { name: 'Insert template' }).focus();
    await page.keyboard.press('Enter');
    const notes = page.getByTestId('call-notes');
    for (const line of [
      'Agent: Maria West (NPN NPN1234567)',
      'Client on the line: yes',
      'Client confirmed they want the Agent associated with their case: yes',
      'Consent method: verbal',
      'Case number: 100300113',
      'Outcome: associated',
    ])
      await expect(notes).toHaveValue(new RegExp(`^${line.replace(/[()]/g, '\\$&')}$`, 'm'));
    await expect(notes).not.toHaveValue(/___/);
    await page.keyboard.press('Alt+2');

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: /Export the consent record of John Doe as FHIR JSON/ }).press('Enter');
    expect((await download).suggestedFilename()).toMatch(/^consent-.*\.fhir\.json$/);
  });
});

test("no client on the line: the seed's alternatives, and the association ends", async ({ page, app }) => {
  await app.open();
  await theAgent(page);
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

/** Step a: a new association and the Agent, training done. */
async function theAgent(page: Page) {
  await page.keyboard.press('Alt+2');
  await page.getByRole('button', { name: 'Start a three-way association' }).press('Enter');
  await page.getByLabel('Agent name').fill('Maria West');
  await page.getByLabel('Agent id or NPN').fill('NPN1234567');
  await page.getByLabel('Agency').fill('Bluegrass Benefits');
  await page.getByLabel(/MyPurpose/).selectOption('yes');
  await page.getByLabel('Agency').press('Enter');
}

/** Steps a-c: the Agent, the client on the line, the client looked up. */
async function toTheSituation(page: Page, client: { first: string; last: string; dob: string; ssn: string }) {
  await theAgent(page);
  await page.getByRole('button', { name: 'Yes, the client is on the line' }).press('Enter');
  await page.getByLabel('First name').fill(client.first);
  await page.getByLabel('Last name').fill(client.last);
  await page.getByLabel('Sex').selectOption('M');
  await page.getByLabel('Date of birth').fill(client.dob);
  await page.getByLabel('SSN (optional)').fill(client.ssn);
  await page.getByLabel('SSN (optional)').press('Enter');
}

const TWO_CASES = `member_id,case_number,application_number,first_name,middle_name,last_name,suffix,date_of_birth,sex,ssn,head_of_household,case_status,application_submitted_on
M-1,200100001,A-2001,Thomas,,Miller,,1980-04-12,M,345678912,true,Active,2026-10-01
M-2,200100002,A-2002,Tom,,Miller,,1980-04-12,M,345678912,true,Active,2026-10-02
`;
const AGENTS = `agent_id,case_number,agent_name,associated_on
NPN7654321,200100001,Ann Hale,2026-01-05
`;

test.describe('the case is certain, or chosen with the reason shown', () => {
  test.use({ clock: new ManualClock('2026-11-22T15:00:00Z') });

  test("the same SSN on two cases: choose with the reason, confirmed by the client's number; Agents already on it shown; the Agent leaving Agent Portal", async ({ page, app }) => {
    await importCsv(app.harness.desk, 'members', TWO_CASES);
    await importCsv(app.harness.desk, 'associations', AGENTS);
    await app.open();
    await toTheSituation(page, { first: 'Thomas', last: 'Miller', dob: '1980-04-12', ssn: '345678912' });

    // Never the first case silently: both shown with why; the one whose name does not agree cannot be chosen.
    await expect(page.getByRole('heading', { name: "4. The client's situation" })).toBeFocused();
    await expect(page.getByTestId('assoc-match')).toContainText('the SSN given is also on file on case 200100002, so more than one record holds it');
    const thomas = page.getByRole('radio', { name: /Case 200100001/ });
    const tom = page.getByRole('radio', { name: /Case 200100002/ });
    await expect(tom).toBeDisabled();
    await expect(page.getByText(/Tom Miller: .*Thomas and Tom are the same name \(nickname\)/)).toBeVisible();
    await expectAxeClean(page, 'choose a case');
    await thomas.focus();
    await page.keyboard.press('Space');
    await expect(thomas).toBeChecked();
    await page.keyboard.press('Tab');
    await page.keyboard.type('A-2002');
    await expect(page.getByLabel(/Is the client replacing them/)).toBeVisible();
    await expect(page.getByLabel(/Is the client replacing them/)).toHaveAccessibleName(/Ann Hale \(NPN7654321\) since 2026-01-05/);
    await page.getByLabel(/Is the client replacing them/).selectOption('replacing');
    await page.getByRole('combobox', { name: /^Situation/ }).selectOption('existing-application-or-case');
    await page.getByRole('button', { name: 'Continue' }).press('Enter');
    await expect(page.getByText('That number belongs to case 200100002, not 200100001.')).toBeVisible();
    await page.getByLabel('Case or application number the client reads out').fill('A-2001');
    await page.getByLabel('Case or application number the client reads out').press('Enter');

    // Consent: the Agent leaves the Agent Portal screen — its own outcome, one of the 3, not "did not respond".
    await expect(page.getByRole('heading', { name: '5. Consent' })).toBeFocused();
    await page.getByLabel('How can the client be reached?').selectOption('electronic');
    await page.getByRole('button', { name: 'Continue' }).press('Enter');
    await page.getByRole('button', { name: 'The Agent sent the request' }).press('Enter');
    await page.getByRole('button', { name: 'The Agent left the Agent Portal screen' }).press('Enter');
    await expect(page.getByText('Request 1: expired: the Agent left the Agent Portal screen.')).toBeVisible();
    await expect(page.getByText('Requests sent:')).toContainText('1 of 3');
    await expect(page.getByRole('button', { name: 'Read the verbal consent script' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'The Agent sent the request' })).toBeVisible();
    await expectAxeClean(page, 'request expired by the Agent leaving');

    await page.keyboard.press('Alt+1');
    const timeline = page.getByTestId('call-timeline');
    await expect(timeline).toContainText('Case 200100001 chosen and confirmed by the number the client gave');
    await expect(timeline).toContainText('Case already has Ann Hale (NPN7654321) since 2026-01-05: the client says the new Agent replaces them');
    await expect(timeline).toContainText('Electronic consent request 1: expired: the Agent left the Agent Portal screen');
  });

  test("no electronic method: Agent Portal's next steps, never the script, and an end with the alternatives (001:114)", async ({ page, app }) => {
    await importCsv(app.harness.desk, 'members', MEMBERS);
    await app.open();
    await toTheSituation(page, { first: 'John', last: 'Doe', dob: '1977-02-03', ssn: '123456789' });
    await page.getByRole('combobox', { name: /^Situation/ }).selectOption('existing-application-or-case');
    await page.getByRole('button', { name: 'Continue' }).press('Enter');
    await page.getByLabel('How can the client be reached?').selectOption('no-electronic-method');
    await page.getByRole('button', { name: 'Continue' }).press('Enter');
    await expect(page.getByTestId('consent-next-steps')).toContainText('Agent Portal shows the Agent a message with the next steps');
    await expect(page.getByTestId('consent-next-steps')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('button', { name: 'Read the verbal consent script' })).toHaveCount(0);
    await expectAxeClean(page, 'agent portal next steps');
    await page.getByRole('button', { name: 'End with no association and give the alternatives' }).press('Enter');
    await expect(page.getByTestId('assoc-ended')).toContainText('consent cannot be completed in this call');
    await expect(page.getByTestId('assoc-ended')).toContainText('Appendix B');
  });
});

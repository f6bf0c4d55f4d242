import type { Page } from '@playwright/test';
import { expect, expectAxeClean, ManualClock, test } from './fixtures';
import { importCsv } from '../helpers/seed';
import { memberColumns } from '../../shared/common/match/schemas';
import path from 'node:path';
import { SsnVault } from '../../shared/node/security/ssnVault';
import { startHarness } from '../../shared/node/web/harness';
import { memberLine } from '../../shared/node/match/populationCsv';
import { hasStaging } from '../../shared/node/match/stagingTables';
import { population } from '../helpers/population';

const members = [
  memberColumns.join(','),
  'M1,100300113,T900,John,,Doe,,1977-02-03,M,123456789,true,Active,2026-11-18',
  'M2,100300113,,Jane,,Doe,,1979-06-30,F,,false,Active,',
  'M3,100300200,,William,,Garcia-Lopez,,1960-11-05,M,222334444,true,Pending,',
].join('\n');

/** Fills the PSL lookup form; the SSN field last, where Enter then searches. */
async function fillLookup(page: Page, q: { first: string; last: string; sex: string; dob: string; ssn: string }) {
  await page.getByLabel('First name').fill(q.first);
  await page.getByLabel('Last name').fill(q.last);
  await page.getByLabel('Sex').selectOption(q.sex);
  await page.getByLabel('Date of birth').fill(q.dob);
  await page.getByLabel('Social Security number (optional)').fill(q.ssn);
}

test.use({ operator: { name: 'Pat PSL', role: 'psl' }, clock: new ManualClock('2026-11-22T15:00:00.000Z') });

test.beforeEach(async ({ app }) => {
  await importCsv(app.harness.desk, 'members', members);
  await importCsv(app.harness.desk, 'associations', 'agent_id,agent_name,case_number,associated_on\nAG7,Pat Agent,100300113,2026-10-01\n');
});

test('the PSL lookup explains bad input at each field, then a Partial match field by field, with a deliberate SSN reveal', async ({ page, app }) => {
  await app.open();
  await page.keyboard.press('Alt+4');
  await expect(page.getByLabel('First name', { exact: true })).toBeFocused();
  await expectAxeClean(page, 'match empty');

  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByTestId('form-error')).toContainText('4 fields need attention');
  await expect(page.locator('.field__error').filter({ hasText: 'First name is required.' })).toBeVisible();
  await expect(page.getByLabel('Sex')).toHaveAttribute('aria-invalid', 'true');

  await page.getByLabel('First name').fill('Bill');
  await page.getByLabel('Last name').fill('garcia');
  await page.getByLabel('Sex').selectOption('M');
  await page.getByLabel('Date of birth').fill('1960-11-31');
  await page.getByLabel('Social Security number (optional)').fill('12345678');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.locator('.field__error').filter({ hasText: 'That day does not exist.' })).toBeVisible();
  await expect(page.locator('.field__error').filter({ hasText: 'SSN must be 9 digits.' })).toBeVisible();
  await expectAxeClean(page, 'match with field errors');

  await page.getByLabel('Date of birth').fill('1960-11-05');
  await page.getByLabel('Social Security number (optional)').fill('');
  await page.getByLabel('Social Security number (optional)').press('Enter');
  await expect(page.getByRole('heading', { level: 3, name: 'Partial match' })).toBeVisible();
  await expect(page.getByTestId('announcer')).toContainText('Partial match: 1 record');
  // 003 §9 (line 1091): what follows a Partial match.
  await expect(page.getByText(/creates a task for a DCBS caseworker.*removed from the Agent’s or kynector’s dashboard/)).toBeVisible();
  await expect(page.getByText(/Agents and kynectors may email/)).toBeVisible();
  const card = page.getByRole('article', { name: 'Member M3' });
  // The field-by-field table is on demand (issue 12.6): a disclosure button, by keyboard.
  const disclosure = card.getByRole('button', { name: 'Field by field' });
  await expect(disclosure).toHaveAttribute('aria-expanded', 'false');
  await expect(card.getByRole('row', { name: /First name Close/ })).toBeHidden();
  await disclosure.focus();
  await page.keyboard.press('Enter');
  await expect(disclosure).toHaveAttribute('aria-expanded', 'true');
  await expect(card.getByRole('row', { name: /First name Close Bill and William are the same name/ })).toBeVisible();
  await expect(card.getByRole('row', { name: /Last name Close The last name given is one part of a two-part last name on file/ })).toBeVisible();
  // Issue 16 §3: why, in one sentence the PSL staffer can read out.
  await expect(card.locator('.match-summary')).toHaveText(
    'Agrees, except that the first name is a nickname of the one on file, only one part of a two-part last name matches and no SSN was given.',
  );
  await expect(card.getByRole('row', { name: /SSN Missing No SSN was given/ })).toBeVisible();
  // Said once (issue 12 §6): the notice points at the card instead of reading its summary again.
  const notice = page.locator('.match-results .notice').first();
  await expect(notice).toContainText('Not every field agrees exactly, but the person may already exist. The closest record is listed first, with what differs.');
  await expect(notice).not.toContainText('nickname');
  await expect(notice).toBeInViewport();
  await expect(card).toContainText('***-**-4444');
  await expect(card).not.toContainText('222-33-4444');
  await expect(page.getByRole('link', { name: 'kynectdireneed@ky.gov' })).toHaveAttribute('href', 'mailto:kynectdireneed@ky.gov');
  await expectAxeClean(page, 'partial match');

  await card.getByRole('button', { name: 'Reveal SSN' }).click();
  await expect(card.getByTestId('ssn-revealed')).toHaveText('222-33-4444');
  expect(app.harness.desk.audit.recent(20)).toContainEqual(expect.objectContaining({ action: 'member.ssn_revealed', subject: 'M3' }));
  await card.getByRole('button', { name: 'Hide SSN' }).click();
  await expect(card).not.toContainText('222-33-4444');
});

test('a revealed SSN masks itself again after 30 seconds, or as soon as the rep moves on (issue 12.7), focus never dropping', async ({ page, app }) => {
  // The page's own timers run on Playwright's clock, so 30 seconds pass at once.
  await page.clock.install();
  await app.open();
  await page.keyboard.press('Alt+4');
  await fillLookup(page, { first: 'Bill', last: 'garcia', sex: 'M', dob: '1960-11-05', ssn: '' });
  await page.keyboard.press('Enter');
  const card = page.getByRole('article', { name: 'Member M3' });
  await expect(card).toContainText('***-**-4444');

  // By keyboard: Enter on Reveal; focus moves to Hide, never to the page.
  await card.getByRole('button', { name: 'Reveal SSN' }).focus();
  await page.keyboard.press('Enter');
  await expect(card.getByTestId('ssn-revealed')).toHaveText('222-33-4444');
  await expect(card.getByRole('button', { name: 'Hide SSN' })).toBeFocused();
  await expect(page.getByTestId('announcer')).toContainText('SSN shown for 30 seconds');
  await page.clock.fastForward(29_000);
  await expect(card.getByTestId('ssn-revealed')).toHaveText('222-33-4444');
  await page.clock.fastForward(2_000);
  await expect(card).not.toContainText('222-33-4444');
  await expect(card).toContainText('***-**-4444');
  await expect(card.getByRole('button', { name: 'Reveal SSN' })).toBeFocused();
  await expect(page.getByTestId('announcer')).toContainText('SSN masked again');

  // Moving on (focus leaves the member's card) masks it at once.
  await page.keyboard.press('Enter');
  await expect(card.getByTestId('ssn-revealed')).toHaveText('222-33-4444');
  await page.getByLabel('First name').focus();
  await expect(card).not.toContainText('222-33-4444');
  expect(app.harness.desk.audit.recent(30).filter((e) => e.action === 'member.ssn_revealed' && e.subject === 'M3')).toHaveLength(2);
  await expectAxeClean(page, 'SSN masked again');
});

test('a Full match shows the case, its agents and the three-day guidance; a case number alone finds the case', async ({ page, app }) => {
  await app.open();
  await page.keyboard.press('Alt+4');
  await fillLookup(page, { first: 'JOHN', last: '  doe ', sex: 'M', dob: '1977-02-03', ssn: '123-45-6789' });
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByRole('heading', { level: 3, name: 'Full match' })).toBeVisible();
  const kase = page.getByRole('article', { name: 'Case 100300113' });
  await expect(kase).toContainText('Status: Active');
  await expect(kase).toContainText('Application T900 (2026-11-18): Submitted 4 days ago.');
  // The three-day text once, with what the Agent hears, not under every application (issue 12.6).
  await expect(page.getByTestId('match-three-day')).toContainText(
    'after three days, call the Professional Services Line (PSL) at 1-855-326-4650 to verify association to the case',
  );
  await expect(kase).not.toContainText('after three days');
  // 003 §9: a Full match is absorbed into the existing case.
  await expect(page.getByText(/automatically absorbed into this existing case/)).toBeVisible();
  await expect(kase).toContainText('Pat Agent (agent AG7), associated 2026-10-01');
  await expectAxeClean(page, 'full match');

  await page.getByRole('button', { name: 'Clear' }).click();
  await expect(page.getByLabel('First name')).toBeFocused();
  await page.getByLabel('Case number (optional)').fill('100300113');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByRole('heading', { level: 3, name: 'Case found' })).toBeVisible();
  await expect(page.getByRole('article', { name: 'Member M1' })).toBeVisible();
  await expect(page.getByRole('article', { name: 'Member M2' })).toBeVisible();
});

test('in a PSL call, the search goes on the timeline and the result can be added to the notes, with no SSN', async ({ page, app }) => {
  const calls = app.harness.desk.services.calls;
  const call = calls.start({ callerType: 'psl' }).call!;
  await app.open();
  await page.keyboard.press('Alt+4');
  await fillLookup(page, { first: 'John', last: 'Doe', sex: 'M', dob: '1977-02-03', ssn: '123456789' });
  // Masked on screen while typed, like every SSN the desk shows.
  await expect(page.getByLabel('Social Security number (optional)')).toHaveAttribute('type', 'password');
  await page.getByLabel('Social Security number (optional)').press('Enter');
  await expect(page.getByRole('heading', { level: 3, name: 'Full match' })).toBeVisible();
  const add = page.getByRole('button', { name: 'Add to call notes' });
  await add.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Added to call notes ✓' })).toBeVisible();
  await expect(page.getByTestId('announcer')).toContainText('The match result added to the call notes.');
  const now = calls.current().call!;
  expect(now.id).toBe(call.id);
  expect(now.notes).toContain('Member match (PSL): Full match.');
  expect(now.notes).toContain('100300113');
  for (const sensitive of ['123456789', '123-45-6789', '6789', '1977-02-03']) expect(now.notes).not.toContain(sensitive);
  expect(now.timeline.map((e) => e.kind)).toEqual(expect.arrayContaining(['match.search', 'note']));
  await expectAxeClean(page, 'match result in a call');
});

test('imports a members.csv from the file picker; a file with bad rows writes nothing and lists them', async ({ page, app }) => {
  await app.open();
  await page.keyboard.press('Alt+4');
  const good = [memberColumns.join(','), 'M20,C20,,Ann,,Lee,,1990-01-01,F,,true,Active,', 'M21,C20,,Bo,,Lee,,1991-02-02,M,333221111,false,Active,'].join('\n') + '\n';
  await page.getByLabel('CSV file').setInputFiles({ name: 'members.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByTestId('import-report')).toContainText('Imported 2 rows: 2 new');
  await expect(page.getByTestId('announcer')).toContainText('Import finished: 2 new');
  expect(app.harness.desk.db.prepare("SELECT count(*) FROM match_member WHERE case_number = 'C20'").pluck().get()).toBe(2);

  const bad = [memberColumns.join(','), 'M30,C30,,Cy,,Ng,,1990-02-30,X,,true,Active,'].join('\n') + '\n';
  await page.getByLabel('CSV file').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  const report = page.getByTestId('import-report');
  await expect(report).toContainText('Nothing was imported: 1 bad row');
  await expect(report.getByRole('row', { name: /2 date_of_birth That day does not exist/ })).toBeVisible();
  await expect(report.getByRole('row', { name: /2 sex Sex must be M, F or U/ })).toBeVisible();
  expect(app.harness.desk.db.prepare("SELECT count(*) FROM match_member WHERE member_id = 'M30'").pluck().get()).toBe(0);
  await expectAxeClean(page, 'import report');
});

test('Cancel during the write phase: the rep is told, the cache is as it was, the cancel is audited', async ({ page, app }) => {
  const db = app.harness.desk.db;
  const dump = () => db.prepare('SELECT * FROM match_member ORDER BY id').all();
  const before = dump();
  await app.open();
  await page.keyboard.press('Alt+4');
  // Big enough that the staging thread is still writing when Cancel is pressed.
  const csv = [memberColumns.join(','), ...population(30_000, 515).members.map((m) => memberLine(m).trimEnd())].join('\n') + '\n';
  await page.getByLabel('CSV file').setInputFiles({ name: 'members.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByText(/Writing to the cache: [1-9]/)).toBeVisible({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Cancel import' }).click();
  await expect(page.getByTestId('announcer')).toContainText('Import cancelled. Nothing was written.');
  await expect(page.getByText('Import cancelled. Nothing was written.', { exact: true }).first()).toBeVisible();
  // The thread stops at its next batch and drops its staging; then the cancel is on record.
  await expect
    .poll(() => db.prepare("SELECT details FROM audit_log WHERE action = 'match.import.members.cancelled' ORDER BY seq DESC LIMIT 1").pluck().get(), { timeout: 30_000 })
    .toContain('"phase":"write"');
  await expect.poll(() => hasStaging(db), { timeout: 30_000 }).toBe(false);
  expect(dump()).toEqual(before);
  await expect(page.getByRole('button', { name: 'Import', exact: true })).toBeEnabled();
  await expectAxeClean(page, 'import cancelled during the write');
});

test('a desk key that does not fit this database is explained at the form, and no member is shown', async ({ page, app }) => {
  // The same file opened again with another key, as if the key file had been swapped. The first
  // harness stops first: one desk holds a database at a time (issue 14 §8).
  await app.harness.close();
  const other = await startHarness({
    dbPath: app.harness.dbPath,
    staticDir: path.resolve(import.meta.dirname, '..', '..', 'dist', 'renderer'),
    clock: new ManualClock('2026-11-22T15:00:00.000Z'),
    // The test's own log: the lookup that meets the wrong key is checked for leaks too, and the
    // check finds lines even when the first harness was closed before it had written any.
    log: app.log,
    env: { KYNECT_DESK_KEY: SsnVault.generateKey().toString('base64') },
  });
  try {
    await page.goto(other.url);
    await expect(page.locator('body[data-ready]')).toHaveCount(1);
    await page.keyboard.press('Alt+4');
    await fillLookup(page, { first: 'John', last: 'Doe', sex: 'M', dob: '1977-02-03', ssn: '123456789' });
    await page.getByLabel('Social Security number (optional)').press('Enter');
    await expect(page.getByTestId('form-error')).toContainText("is not the key this database's SSNs were sealed with");
    // Said once: the form's alert, not a second live region as well.
    await expect(page.getByRole('alert').filter({ hasText: 'is not the key' })).toHaveCount(1);
    await expect(page.getByTestId('form-error')).toBeFocused();
    await expect(page.getByText('Full match')).toHaveCount(0);
    await expectAxeClean(page, 'match with a wrong desk key');
  } finally {
    await other.close();
  }
});

test('one SSN on two cases is a Partial match that names both cases, each candidate saying why (issues 12 §1, 16 §3)', async ({ page, app }) => {
  await importCsv(
    app.harness.desk,
    'members',
    [memberColumns.join(','), 'T1,100400001,,Tom,,Miller,,1970-10-10,M,303445566,true,Active,', 'T2,100400002,,Thomas,,Miller,,1970-10-10,M,303445566,true,Active,'].join('\n'),
  );
  await app.open();
  await page.keyboard.press('Alt+4');
  await fillLookup(page, { first: 'Tom', last: 'Miller', sex: 'M', dob: '1970-10-10', ssn: '303-44-5566' });
  await page.getByLabel('Social Security number (optional)').press('Enter');
  await expect(page.getByRole('heading', { level: 3, name: 'Partial match' })).toBeVisible();
  await expect(page.locator('.match-results .notice').first()).toContainText(
    'Every identifying field agrees with a member of case 100400001, but the SSN given is also on file on case 100400002, so more than one record holds it.',
  );
  await expect(page.getByRole('article', { name: 'Member T1' }).locator('.match-summary')).toHaveText('Every identifying field agrees. Its SSN is also on file on case 100400002.');
  await expect(page.getByRole('article', { name: 'Member T2' }).locator('.match-summary')).toHaveText(
    'Agrees, except that the first name is a nickname of the one on file. Its SSN is also on file on case 100400001.',
  );
  await expect(page.getByRole('article', { name: 'Case 100400002' })).toBeVisible();
  await expectAxeClean(page, 'one SSN on two cases');
  for (const width of [1024, 1366]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: test.info().outputPath(`two-cases-${width}.png`), fullPage: true });
  }
});

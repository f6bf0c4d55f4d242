import type { Page } from '@playwright/test';
import { expect, expectAxeClean, ManualClock, test } from './fixtures';
import { importCsv } from '../helpers/seed';
import { memberColumns } from '../../shared/common/match/schemas';
import { sepRuleBook } from '../../shared/common/sep/ruleBook';
import { validIntakeInput } from '../unit/ese/support/intakes';

/**
 * Issue 12.6, readable at a glance, by keyboard through every area at 1024 and 1366 px:
 * the page is never taller than the window (only the area scrolls), the call bar stays in
 * view and on one line, member-match candidates are compact with details on demand, guidance
 * is said once and only when it applies, and no internal code reaches the screen.
 */

// The clock's day is 2026-11-22: T900 was submitted 391 days before, T950 today.
const members = [
  memberColumns.join(','),
  'M1,100300113,T900,John,,Doe,,1977-02-03,M,123456789,true,Active,2025-10-27',
  'M2,100300113,,Jane,,Doe,,1979-06-30,F,,false,Active,',
  'M3,100300200,T950,William,,Garcia-Lopez,,1960-11-05,M,222334444,true,Pending,2026-11-22',
].join('\n');

test.use({ clock: new ManualClock('2026-11-22T15:00:00.000Z') });

/** Rule-book ids with a dash ("loss-of-esi"): words for the CLI, never for the screen. */
const eventIds = sepRuleBook.rules.map((r) => r.id).filter((id) => id.includes('-'));

/** The visible text holds no seed number, section mark, rule-book id or camelCase field path. */
async function expectNoCodes(page: Page, where: string) {
  const text = (await page.evaluate(() => document.body.innerText)).replace(/[\w.+-]+@[\w.-]+/g, '');
  // Each hit with the words around it, so a failure says where it is.
  expect(text.match(/.{0,40}(?:§|\(\d{3}(?:[:\s][^)]*)?\)|\bseed \d{3}).{0,20}/g), `seed numbers or section marks in ${where}`).toBeNull();
  expect(
    eventIds.filter((id) => text.includes(id)),
    `rule-book ids in ${where}`,
  ).toEqual([]);
  expect(text.match(/\b[a-z]+[A-Z][a-z]+[A-Za-z]*\b/g), `camelCase field paths in ${where}`).toBeNull();
  expect(text, `a repeated headline in ${where}`).not.toMatch(/(Full match|Partial match|No match)\. \1:/);
  expect(text, `a singular count with a plural word in ${where}`).not.toMatch(/\b1 (minutes|seconds|days|rows|records)\b/);
  expect(text, `"0 days ago" in ${where}`).not.toMatch(/\b0 days ago/);
}

/**
 * At each width: the document is no taller than the window, the call bar is on one line and
 * in view even with the area scrolled to its end, its caller type whole; then a screenshot.
 */
async function checkLayout(page: Page, name: string, show?: string) {
  for (const width of [1024, 1366]) {
    await page.setViewportSize({ width, height: 768 });
    const m = await page.evaluate(() => {
      const main = document.querySelector<HTMLElement>('.main')!;
      main.scrollTop = main.scrollHeight;
      const bar = document.querySelector<HTMLElement>('[data-testid="callbar"]')!;
      const b = bar.getBoundingClientRect();
      const kids = [...bar.children].filter((k) => k.getClientRects().length && !k.classList.contains('visually-hidden'));
      const tops = kids.map((k) => k.getBoundingClientRect().top + k.getBoundingClientRect().height / 2);
      const caller = bar.querySelector<HTMLElement>('[data-testid="callbar-caller"]');
      const timers = bar.querySelector<HTMLElement>('[data-testid="callbar-timers"]');
      return {
        docHeight: document.documentElement.scrollHeight,
        windowHeight: window.innerHeight,
        statusBarHeight: document.querySelector<HTMLElement>('[data-testid="statusbar"]')!.getBoundingClientRect().height,
        pageScroll: window.scrollY,
        barTop: b.top,
        barBottom: b.bottom,
        spread: Math.max(...tops) - Math.min(...tops),
        // Cut (clamped past its two lines) or running under the timers beside it.
        callerCut: caller ? caller.scrollHeight > caller.clientHeight + 1 || caller.scrollWidth > caller.clientWidth + 1 : false,
        callerOverlaps: caller && timers ? caller.getBoundingClientRect().right > timers.getBoundingClientRect().left : false,
      };
    });
    expect(m.docHeight, `${name} at ${width}: the page is no taller than the window`).toBeLessThanOrEqual(m.windowHeight);
    expect(m.pageScroll).toBe(0);
    expect(m.statusBarHeight, `${name} at ${width}: the status bar is one line`).toBeLessThan(48);
    expect(m.barTop, `${name} at ${width}: the call bar is in view after scrolling`).toBeGreaterThanOrEqual(0);
    expect(m.barBottom).toBeLessThanOrEqual(80);
    expect(m.spread, `${name} at ${width}: the call bar is one line`).toBeLessThan(8);
    expect(m.callerCut, `${name} at ${width}: who is calling is whole`).toBe(false);
    expect(m.callerOverlaps, `${name} at ${width}: the caller does not run under the timers`).toBe(false);
    // The screenshot shows what the step is about (show), else the area's top.
    await page.evaluate((selector) => {
      document.querySelector<HTMLElement>('.main')!.scrollTop = 0;
      if (selector) document.querySelector(selector)?.scrollIntoView({ block: 'start' });
    }, show);
    await page.screenshot({ path: `/tmp/readable-${name}-${width}.png` });
  }
  await page.setViewportSize({ width: 1366, height: 820 });
}

test('every area reads at a glance at 1024 and 1366 px: no page scroll, the call bar on one line, compact candidates, no internal codes', async ({ page, app }) => {
  await importCsv(app.harness.desk, 'members', members);
  await importCsv(app.harness.desk, 'associations', 'agent_id,agent_name,case_number,associated_on\nAG7,Pat Agent,100300113,2026-10-01\n');
  await app.open();

  // Call: the three-way caller type, the longest the bar shows.
  await page.keyboard.press('Alt+N');
  await page.getByLabel('Who is calling').selectOption('agent');
  const start = page.getByTestId('call-start');
  await start.getByLabel('Caller name').fill('Pat Agent');
  await start.getByLabel('Case number').fill('100300113');
  await start.getByLabel('Case number').press('Enter');
  await expect(page.getByTestId('callbar-state')).toHaveText(/Active/);
  await page.getByRole('button', { name: 'Client joined the line (three-way)' }).press('Enter');
  await expect(page.getByTestId('callbar-caller')).toHaveText('Agent with the client on the line (three-way): Pat Agent');
  await expect(page.getByTestId('callbar-caller')).toHaveAttribute('title', 'Agent with the client on the line (three-way): Pat Agent');
  await checkLayout(page, 'call');
  await expectNoCodes(page, 'the Call area');
  await expectAxeClean(page, 'call');

  // Member match: a Full match on a case whose application is 391 days old.
  await page.keyboard.press('Alt+4');
  await page.getByLabel('First name').fill('John');
  await page.getByLabel('Last name').fill('Doe');
  await page.getByLabel('Sex').selectOption('M');
  await page.getByLabel('Date of birth').fill('1977-02-03');
  await page.getByLabel('Social Security number (optional)').fill('123456789');
  await page.getByLabel('Social Security number (optional)').press('Enter');
  await expect(page.getByRole('heading', { level: 3, name: 'Full match' })).toBeVisible();
  const results = page.locator('.match-results');
  await expect(results.locator('.notice').first()).toContainText('Every identifying field agrees with one member.');
  await expect(page.getByRole('article', { name: 'Case 100300113' })).toContainText('Submitted 391 days ago.');
  await expect(results).not.toContainText('after three days');
  await expect(page.getByTestId('match-three-day')).toHaveCount(0);
  const card = page.getByRole('article', { name: 'Member M1' });
  expect((await card.boundingBox())!.height, 'a candidate is compact').toBeLessThan(220);
  // Details on demand, by keyboard, its state announced by aria-expanded.
  const more = card.getByRole('button', { name: 'Field by field' });
  await expect(more).toHaveAttribute('aria-expanded', 'false');
  await more.focus();
  await page.keyboard.press('Enter');
  await expect(more).toHaveAttribute('aria-expanded', 'true');
  await expect(card.getByRole('row', { name: /Date of birth Agrees/ })).toBeVisible();
  await expectAxeClean(page, 'match, details open');
  await page.keyboard.press('Space');
  await expect(more).toHaveAttribute('aria-expanded', 'false');
  await expect(card.getByRole('row', { name: /Date of birth Agrees/ })).toBeHidden();
  await checkLayout(page, 'match-full', '.match-results');
  await expectNoCodes(page, 'a Full match');

  // A Partial match on a case whose application came in today: "today", the three-day text once.
  await page.getByLabel('First name').fill('Bill');
  await page.getByLabel('Last name').fill('garcia');
  await page.getByLabel('Date of birth').fill('1960-11-05');
  await page.getByLabel('Social Security number (optional)').fill('');
  await page.getByLabel('Social Security number (optional)').press('Enter');
  await expect(page.getByRole('heading', { level: 3, name: 'Partial match' })).toBeVisible();
  await expect(page.getByRole('article', { name: 'Case 100300200' })).toContainText('Submitted today.');
  await expect(page.getByText(/after three days/)).toHaveCount(1);
  await expect(page.getByTestId('match-three-day')).toBeVisible();
  await checkLayout(page, 'match-partial', '.match-results');
  await expectNoCodes(page, 'a Partial match');
  await expectAxeClean(page, 'partial match');

  // A refused request names the field as the rep reads it, never its path.
  await page.getByLabel('Date of birth').fill('1960-11-31');
  // Enter in a date field never submits (issue 12.5): the Search button does.
  await page.getByRole('button', { name: 'Search' }).press('Enter');
  await expect(page.getByTestId('form-error')).toBeVisible();
  await expectNoCodes(page, 'a refused lookup');

  // SEP rules: an event with section marks in its notes; the result beside its rule at 1024.
  await page.keyboard.press('Alt+5');
  await page.keyboard.press('/');
  await page.keyboard.type('moved');
  await expect(page.getByRole('list', { name: 'Qualifying events' }).getByRole('button').first()).toContainText('Permanent move');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 2, name: 'Permanent move (new plans available)' })).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.type('2026-11-01');
  await page.getByRole('button', { name: 'Calculate' }).press('Enter');
  await expect(page.getByTestId('sep-result')).toContainText('2027-01-01');
  await expect(page.locator('[data-event-id="permanent-move"]')).toHaveCount(1);
  for (const width of [1024, 1366]) {
    await page.setViewportSize({ width, height: 768 });
    const detail = (await page.locator('.sep__detail').boundingBox())!;
    const result = (await page.getByTestId('sep-result').boundingBox())!;
    expect(result.x, `the SEP result is beside its rule at ${width}`).toBeGreaterThanOrEqual(detail.x + detail.width - 1);
  }
  // The summary goes into the notes and the timeline: named by the event, not its id.
  await page.getByRole('button', { name: 'Copy summary' }).press('Enter');
  await expect(page.getByTestId('sep-summary')).toContainText('SEP: Permanent move (new plans available), event');
  await checkLayout(page, 'sep', '.sep__detail');
  await expectNoCodes(page, 'SEP rules');
  await expectAxeClean(page, 'SEP result');

  // ESE intake, a circumstance chosen: its source in the tooltip, not in the hint's words.
  await page.keyboard.press('Alt+3');
  const circumstance = page.getByRole('combobox', { name: /^Circumstance/ });
  await circumstance.selectOption({ index: 1 });
  await expect(page.locator('.field__hint [data-source]')).toHaveAttribute('title', /^Source: 003 §7/);
  await checkLayout(page, 'ese');
  await expectNoCodes(page, 'the ESE intake');

  // Association: the client not on the line; the alternatives read without "(000)".
  await page.keyboard.press('Alt+2');
  await checkLayout(page, 'association-start');
  await expectNoCodes(page, 'the Association area');
  await page.getByRole('button', { name: 'Start a three-way association' }).press('Enter');
  await expect(page.getByRole('heading', { name: '1. The Agent' })).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.type('Maria West');
  await page.keyboard.press('Tab');
  await page.keyboard.type('NPN1234567');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Bluegrass Benefits');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Yes');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'No, the client is not on the line' }).press('Enter');
  const ended = page.getByTestId('assoc-ended');
  await expect(ended).toContainText('the Agent cannot be associated without the client.');
  await checkLayout(page, 'association-ended');
  await expectNoCodes(page, 'an association that could not go on');
  await expectAxeClean(page, 'association ended');

  // Back on the call: its timeline and notes after all of it.
  await page.keyboard.press('Alt+1');
  const timeline = page.getByTestId('call-timeline');
  await expect(timeline).toContainText('SEP');
  // Each line says what it is once (issue 12 §2): no "Member match search: Member match: …".
  await expect(timeline.locator('li[data-kind="match.search"]').first()).toHaveText(/^\d{1,2}:\d{2} [AP]M Member match: Full match \(1 record\)$/);
  await expect(timeline.locator('li[data-kind="call.client_joined"]')).toHaveText(/^\d{1,2}:\d{2} [AP]M Client joined the line \(three-way call\)$/);
  await expect(timeline.locator('li[data-kind="association"]').last()).toHaveText(/^\d{1,2}:\d{2} [AP]M Association: Client not on the line/);
  await checkLayout(page, 'call-after', '[data-testid="call-timeline"]');
  await expectNoCodes(page, 'the call after every area');
});

test('an import’s outcome shows beside its button, in view, and is announced', async ({ page, app }) => {
  await app.open();
  await page.keyboard.press('Alt+5');
  await page.keyboard.press('Alt+4');
  await page.setViewportSize({ width: 1024, height: 768 });
  const bad = `${memberColumns.join(',')}\nM9,100300999,,Ann,,Lee,,1980-02-30,F,,true,Active,\n`;
  await page.getByLabel('CSV file').setInputFiles({ name: 'members.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
  await page.getByRole('button', { name: 'Import', exact: true }).press('Enter');
  const report = page.getByTestId('import-report');
  await expect(report).toContainText('Nothing was imported: 1 bad row.');
  await expect(report).toBeInViewport();
  await expect(page.locator('[aria-live="assertive"]')).toContainText('Nothing was imported: 1 bad row.');
  await page.screenshot({ path: '/tmp/readable-import-1024.png' });
  await expectAxeClean(page, 'import report');
});

test('the status bar keeps one line at 1024 px with every count showing, Copy diagnostics in view', async ({ page, app }) => {
  // A follow-up due today (the clock's day) and an ESE message waiting: the pills a busy desk shows.
  const calls = app.harness.desk.services.calls;
  const id = calls.start({ callerType: 'agent', callerName: 'Pat Agent', callbackNumber: '502-555-0134', caseNumber: '13002543' }).call!.id;
  calls.command(id, { type: 'end' });
  calls.command(id, { type: 'close', disposition: 'callback_needed', followUpDate: '2026-11-22' });
  app.harness.desk.services.ese.submit({ intake: validIntakeInput() });
  await app.open();
  const bar = page.getByTestId('statusbar');
  await expect(page.getByTestId('follow-ups-status')).toHaveText(/Follow-ups: 1 due/);
  await expect(page.getByTestId('ese-status')).toHaveText(/ESE email: 1 waiting/);
  for (const width of [1024, 1366]) {
    await page.setViewportSize({ width, height: 768 });
    expect((await bar.boundingBox())!.height, `the status bar is one line at ${width}`).toBeLessThan(48);
    for (const pill of ['follow-ups-status', 'ese-status']) await expect(page.getByTestId(pill)).toBeInViewport({ ratio: 1 });
    await expect(bar.getByRole('button', { name: 'Copy diagnostics' })).toBeInViewport({ ratio: 1 });
    // Who is signed in may shorten at 1024, never vanish; its whole text stays in the tooltip.
    await expect(bar.getByTitle('Signed in: Dana Rep · Contact center rep')).toBeVisible();
  }
  await expect(bar).toContainText(/Database ready/);
  await expectAxeClean(page, 'a busy status bar');
});

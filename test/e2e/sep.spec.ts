import { expect, expectAxeClean, ManualClock, test } from './fixtures';

// "Today" for the services: May 16, 2026 — a day after the 15th.
test.use({ clock: new ManualClock('2026-05-16T15:00:00Z') });

test('finds events in everyday words and opens one by keyboard alone', async ({ page, app }) => {
  await app.open();
  // The area shortcut lands in the search box (issue 12.5): no `/` needed.
  await page.keyboard.press('Alt+5');
  const box = page.getByLabel('Search qualifying events');
  await expect(box).toBeFocused();
  const results = page.getByRole('list', { name: 'Qualifying events' });
  for (const [words, title] of [
    ['lost my job', 'Loses employer-sponsored coverage'],
    ['had a baby', 'Birth of a child'],
    ['got married', 'Marriage'],
    ['got out of jail', 'Permanent move (new plans available)'],
    ['citizenship', 'Becomes a citizen, national or lawfully present'],
  ] as const) {
    await box.fill(words);
    await expect(results.getByRole('button').first()).toContainText(title);
  }
  await box.fill('');
  await expect(results.getByRole('button')).toHaveCount(25);
  await box.fill('turned 26');
  await expect(results.getByRole('button').first()).toContainText('Loses minimum essential coverage');
  // Down into the list, Enter opens the detail card.
  await page.keyboard.press('ArrowDown');
  await expect(results.getByRole('button').first()).toBeFocused();
  await page.keyboard.press('Enter');
  const detail = page.getByRole('article', { name: 'Loses minimum essential coverage' });
  await expect(page.getByRole('heading', { level: 2, name: 'Loses minimum essential coverage' })).toBeFocused();
  await expect(detail).toContainText('60 days before and 60 days after the loss of coverage');
  await expect(detail).toContainText('New enrollees only');
  await expect(detail).toContainText('Notice of loss/termination from prior carrier.');
  // The source in words on screen; its seed number, row and sections in the tooltip (issue 12.6).
  await expect(detail).toContainText('Special Enrollment table; SBM Policy and Procedures training guide v14 · rule set');
  await expect(detail.locator('[data-source*="004 Special Enrollment table, Special Enrollment, row 1"]')).toHaveAttribute('title', /^Source: 004 Special Enrollment table/);
  await expect(detail).not.toContainText('§');
  await expect(detail).toContainText('The rule (the table)');
  await expectAxeClean(page, 'SEP detail');
});

test('a Spanish-speaking caller’s words find the event, accents or not, by keyboard alone (issue 13.2)', async ({ page, app }) => {
  await app.open();
  await page.keyboard.press('Alt+5');
  const box = page.getByLabel('Search qualifying events');
  await expect(box).toBeFocused();
  await expect(box).toHaveAccessibleDescription(/in English or in the caller’s Spanish: “lost my job”, “perdí mi trabajo”/);
  const results = page.getByRole('list', { name: 'Qualifying events' });
  // Typed the way a rep types while listening: no accents.
  await page.keyboard.type('perdi mi trabajo');
  await expect(results.getByRole('button').first()).toContainText('Loses employer-sponsored coverage');
  await expect(results).not.toContainText('Misconduct by a non-Exchange enrollment helper');
  await expect(page.getByRole('status').filter({ hasText: /events? · rule set/ })).toBeVisible();
  await box.fill('me casé');
  await expect(results.getByRole('button').first()).toContainText('Marriage');
  await box.fill('salí de la cárcel');
  await expect(results.getByRole('button').first()).toContainText('Permanent move (new plans available)');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 2, name: 'Permanent move (new plans available)' })).toBeFocused();
  // Words that match nothing, in either language, say so in the status line.
  await page.keyboard.press('/');
  await box.fill('zzqxj ñandú');
  await expect(page.getByRole('status').filter({ hasText: 'No qualifying event matches those words.' })).toBeVisible();
  await expectAxeClean(page, 'SEP search in Spanish');
});

test('calculates a coverage date by keyboard, explains errors at the field, copies the summary', async ({ page, app, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await app.open();
  await page.keyboard.press('Alt+5');
  await page.keyboard.type('moved');
  await expect(page.getByRole('list', { name: 'Qualifying events' }).getByRole('button').first()).toContainText('Permanent move');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 2, name: 'Permanent move (new plans available)' })).toBeFocused();

  // Tab into the calculator (past the detail card, which has no stops): an impossible date first.
  // The date field says what the rule counts from (issue 11 §10).
  const eventDate = page.getByLabel('Date of the move (or of the release)');
  await page.keyboard.press('Tab');
  await expect(eventDate).toBeFocused();
  await page.keyboard.type('2026-02-30');
  // Enter in a date field never submits (issue 12.5): the button does.
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('form-error')).toHaveCount(0);
  await page.getByRole('button', { name: 'Calculate' }).press('Enter');
  await expect(page.getByTestId('form-error')).toContainText('That day does not exist.');
  await expect(page.locator('.field__error')).toHaveText('⚠ That day does not exist.');
  await expect(eventDate).toHaveAttribute('aria-invalid', 'true');
  await expectAxeClean(page, 'SEP calculator with an error');

  await eventDate.focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('2026-05-01');
  await page.getByRole('button', { name: 'Calculate' }).press('Enter'); // selection empty → today, May 16 → after the 15th
  const result = page.getByTestId('sep-result');
  await expect(result).toContainText('2026-07-01');
  await expect(result).toContainText('2026-05-01 to 2026-06-30');
  await expect(result).toContainText('documents due by 2026-06-15');
  await expect(page.getByTestId('announcer')).toContainText('Coverage starts 2026-07-01');

  await page.getByLabel('Plan-selection date').focus();
  await page.keyboard.type('2026-05-15');
  await page.getByRole('button', { name: 'Calculate' }).press('Enter');
  await expect(result).toContainText('2026-06-01');
  await expect(result).not.toContainText('projection'); // May 15 is before the fixture's today
  await expectAxeClean(page, 'SEP calculator result');

  const copy = page.getByRole('button', { name: 'Copy summary' });
  await copy.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('sep-summary')).toContainText('Coverage effective 2026-06-01');
  await expect(page.getByTestId('announcer')).toContainText('Summary copied');
  const clip = await page.evaluate(() => navigator.clipboard.readText());
  expect(clip).toContain('SEP: Permanent move (new plans available), event');
  expect(clip).toContain('Coverage effective 2026-06-01');
  expect(app.harness.desk.audit.recent(20)).toContainEqual(expect.objectContaining({ action: 'sep.summary.copied', subject: 'sep-event:permanent-move' }));
});

test('a committee event is an ESE request: no window, no verdict, who decides and what to say (003 §7.5-7.6, 004:49)', async ({ page, app }) => {
  await app.open();
  await page.keyboard.press('Alt+5');
  await page.keyboard.type('kynect error');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 2, name: 'Error or inaction by kynect or HHS' })).toBeFocused();
  await expect(page.getByTestId('sep-ese')).toContainText('requests it in writing to KHBE');
  await expect(page.getByRole('link', { name: 'Take an ESE intake' })).toHaveAttribute('href', '#/ese');
  await expect(page.getByRole('article')).toContainText('The table gives no window.');
  const date = page.getByLabel('Day they knew or should have reasonably known of the event');
  await date.fill('2026-01-01');
  await page.getByRole('button', { name: 'Calculate' }).press('Enter');
  const result = page.getByTestId('sep-result');
  await expect(result).toContainText('An Exceptional Special Enrollment: requested in writing to KHBE');
  await expect(result).toContainText('If the ESE is granted: a plan must be selected within 60 days of January 1, 2026');
  await expect(page.getByTestId('sep-what-to-say')).toContainText('kynectESE@ky.gov');
  await expect(result).not.toContainText(/outside|inside/i);
  await expectAxeClean(page, 'SEP committee event');
});

test('domestic abuse is an ESE kind: the mid-month date only as what applies if granted (003:1007, 004:35)', async ({ page, app }) => {
  await app.open();
  await page.keyboard.press('Alt+5');
  await page.keyboard.type('domestic abuse');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 2, name: 'Domestic abuse or spousal abandonment' })).toBeFocused();
  await expect(page.getByTestId('sep-ese')).toContainText('An Exceptional Special Enrollment.');
  await page.getByLabel('Date of the qualifying event').fill('2026-01-05');
  await page.getByLabel('Plan-selection date').fill('2026-05-10');
  // Enter in a date field never submits (issue 12.5): the button does.
  await page.getByRole('button', { name: 'Calculate' }).press('Enter');
  await expect(page.getByTestId('sep-if-granted')).toContainText('If the ESE is granted');
  await expect(page.getByTestId('sep-if-granted')).toContainText('coverage would start June 1, 2026');
  await expect(page.getByTestId('sep-result')).not.toContainText(/outside the (selection )?window/i);
});

test('outside the window: no Special Enrollment Period on this date, nothing pends, and what the rep can say (issue 11 §9)', async ({ page, app }) => {
  await app.open();
  await page.keyboard.press('Alt+5');
  await page.keyboard.type('got married');
  await page.keyboard.press('Enter');
  await page.getByLabel('Date of the marriage').fill('2026-01-02');
  await page.getByLabel('Plan-selection date').fill('2026-05-10');
  // Enter in a date field never submits (issue 12.5): the button does.
  await page.getByRole('button', { name: 'Calculate' }).press('Enter');
  await expect(page.getByTestId('sep-no-sep')).toHaveText('No Special Enrollment Period for this event on this date');
  const result = page.getByTestId('sep-result');
  await expect(result).not.toContainText(/pends|documents due/i);
  await expect(page.getByTestId('sep-what-to-say')).toContainText('Open Enrollment, generally November 1 to January 15');
  await expect(page.getByTestId('sep-what-to-say')).toContainText('request an Exceptional Special Enrollment in writing to KHBE');
  await expectAxeClean(page, 'SEP no SEP on this date');
});

test('in a call, Copy summary also puts the paragraph in the call notes and one line on the timeline', async ({ page, app }) => {
  const calls = app.harness.desk.services.calls;
  calls.start({ callerType: 'resident' });
  await app.open();
  await page.keyboard.press('Alt+5');
  await page.keyboard.type('got married');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 2, name: 'Marriage' })).toBeFocused();
  await page.getByLabel('Date of the marriage').fill('2026-05-02');
  await page.getByLabel('Plan-selection date').fill('2026-05-10');
  // Enter in a date field never submits (issue 12.5): the button does.
  await page.getByRole('button', { name: 'Calculate' }).press('Enter');
  await expect(page.getByTestId('sep-result')).toContainText('2026-06-01');
  await page.getByRole('button', { name: 'Copy summary' }).press('Enter');
  await expect(page.getByTestId('announcer')).toContainText('Summary copied and added to the call notes.');
  const call = calls.current().call!;
  expect(call.notes).toContain('SEP: Marriage, event 2026-05-02, plan selection 2026-05-10.');
  await page.keyboard.press('Alt+1');
  await expect(page.getByTestId('call-notes')).toHaveValue(/SEP: Marriage, event/);
  await expect(page.getByTestId('call-timeline')).toContainText('SEP Marriage: event 2026-05-02, coverage effective 2026-06-01.');
});

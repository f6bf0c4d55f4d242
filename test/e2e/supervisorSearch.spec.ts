import { dispatch } from '../helpers/deskWork';
import { expect, expectAxeClean, test } from './fixtures';

// Issue 18 §4, stand-alone: the search reads this desk's SQLite only and says so; by
// keyboard from the field to the opened result, with the error explained at the field.
test.describe('a supervisor searching without a central store', () => {
  test.use({ operator: { name: 'Sam Supervisor', role: 'supervisor' } });

  test('finds this desk’s call by case number, opens it by keyboard, and is told at the field what is wrong', async ({ page, app }) => {
    const desk = app.harness.desk;
    const started = await dispatch(desk, 'app:call.start', { callerType: 'resident', caseNumber: '100300777' });
    await dispatch(desk, 'app:call.notes.save', { callId: started.call.id, notes: 'Asked about renewal.', baseRevision: 0 });
    await dispatch(desk, 'app:call.end', { callId: started.call.id });
    await dispatch(desk, 'app:call.wrapUp', { callId: started.call.id, disposition: 'resolved' });
    await app.open();
    await page.keyboard.press('Alt+6');
    const search = page.getByTestId('supervisor-search');

    await search.getByLabel('Last day').fill('2020-01-01');
    await search.getByLabel('First day').fill('2020-02-01');
    await search.getByRole('button', { name: 'Search', exact: true }).press('Enter');
    // Read with the field itself (aria-describedby), not only in the summary above the form.
    await expect(search.getByLabel('Last day')).toHaveAccessibleDescription(/The last day is before the first day\./);
    await expect(search.getByLabel('Last day')).toHaveAttribute('aria-invalid', 'true');
    await expectAxeClean(page, 'stand-alone search, a field to fix');

    await search.getByLabel('First day').fill('');
    await search.getByLabel('Last day').fill('');
    await search.getByLabel('Case number').fill('100300777');
    await search.getByLabel('Case number').press('Enter');
    await expect(search.getByTestId('search-scope')).toHaveText('No central store is configured: this is this desk only.');
    await expect(page.getByTestId('announcer')).toContainText('1 result on page 1.');
    const results = search.getByTestId('search-results');
    await expect(results.getByRole('row')).toHaveCount(2);
    await expect(search.getByRole('button', { name: 'Next page' })).toBeDisabled();
    await expectAxeClean(page, 'stand-alone search, one call');

    await results.getByRole('button', { name: /^Open call of / }).focus();
    await page.keyboard.press('Enter');
    const detail = search.getByTestId('search-detail');
    await expect(detail.getByRole('heading', { level: 3 })).toBeFocused();
    await expect(detail).toContainText('Asked about renewal.');
    await expectAxeClean(page, 'stand-alone search, the call opened');
    const audited = desk.db.prepare("SELECT action FROM audit_log WHERE action LIKE 'supervisor.%' ORDER BY seq").pluck().all();
    expect(audited).toEqual(expect.arrayContaining(['supervisor.search.calls_viewed', 'supervisor.result.calls_viewed']));
  });
});

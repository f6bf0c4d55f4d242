import { expect, expectAxeClean, test } from './fixtures';

const areas = [
  { digit: 1, title: 'Call' },
  { digit: 2, title: 'Association & consent' },
  { digit: 3, title: 'ESE intake' },
  { digit: 4, title: 'Member match (PSL)' },
  { digit: 5, title: 'SEP rules' },
];

test.describe('first start', () => {
  test.use({ operator: null });

  test('asks who is at the desk, explains errors at the field, and signs in by keyboard alone', async ({ page, app }) => {
    await app.open();
    await expect(page.getByRole('heading', { level: 1, name: 'Welcome to kynect Desk' })).toBeFocused();
    await expectAxeClean(page, 'first start');

    // Submit empty: both fields explain themselves.
    await page.keyboard.press('Tab');
    await expect(page.getByLabel('Your name')).toBeFocused();
    await page.getByRole('button', { name: 'Start using kynect Desk' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('form-error')).toContainText('3 fields need attention');
    await expect(page.getByLabel('Your name')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByText('Your name is required.')).toBeVisible();
    await expect(page.getByText('Choose a role.')).toBeVisible();
    await expect(page.getByText('A PIN is 4 to 8 digits.')).toBeVisible();
    await expectAxeClean(page, 'first start with errors');

    await page.getByLabel('Your name').focus();
    await page.keyboard.type('Dana Rep');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Contact'); // a closed select picks the option that starts with what is typed
    await expect(page.getByLabel('Your role')).toHaveValue('rep');
    await page.keyboard.press('Tab');
    await page.keyboard.type('24x8');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('form-error')).toContainText('A PIN is 4 to 8 digits.');
    await expect(page.getByLabel('Choose a PIN')).toHaveAttribute('aria-invalid', 'true');
    await page.getByLabel('Choose a PIN').focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('2468');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: 'Call' })).toBeVisible();
    await expect(page.getByTestId('statusbar')).toContainText('Signed in: Dana Rep · Contact center rep');
    await expect(page.getByTestId('announcer')).toContainText('Signed in as Dana Rep');
    expect(app.harness.desk.operators.current()).toMatchObject({ name: 'Dana Rep', role: 'rep' });
    // The Call area opens on the latest calls, which audits its own view, so look for the
    // sign-in among the recent entries rather than at the very last one.
    const created = app.harness.desk.audit.recent(20).filter((e) => e.action === 'operator.created');
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({ subject: `operator:${app.harness.desk.operators.current()!.id}` });
  });
});

test('every area is reachable by keyboard alone and passes axe', async ({ page, app }) => {
  await app.open();
  await expect(page.getByTestId('statusbar')).toContainText('Database ready');
  await expect(page.getByTestId('statusbar')).toContainText('Online');
  for (const area of areas) {
    await page.keyboard.press(`Alt+${area.digit}`);
    await expect(page.getByRole('heading', { level: 1, name: area.title })).toBeVisible();
    // An area shortcut lands on the area's first field or main action (issue 12.5).
    await expect(page.getByRole('region', { name: `${area.title} area` }).locator(':focus')).toHaveCount(1);
    await expect(page.getByRole('navigation', { name: 'Areas' }).getByRole('link', { name: new RegExp(area.title.replace(/[()]/g, '\\$&')) })).toHaveAttribute(
      'aria-current',
      'page',
    );
    // An area is never blank: until its feature lands it says what it will hold.
    await expect(page.getByRole('region', { name: `${area.title} area` })).not.toBeEmpty();
    await expectAxeClean(page, area.title);
  }
});

test('the navigation works with Tab and Enter, and the skip link jumps to the area', async ({ page, app }) => {
  await app.open();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: /Skip to the/ })).toBeFocused();
  // Into the nav: the brand has no stop; the call bar's Start call, Profile, Lock, Shortcuts, then the first area link.
  for (let i = 0; i < 5; i++) await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Call', exact: true })).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Association & consent' })).toBeFocused();
  expect(new URL(page.url()).hash).toBe('#/association');
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Association & consent' })).toBeVisible();
});

test('`?` opens the cheat sheet listing every area shortcut, Escape closes it', async ({ page, app }) => {
  await app.open();
  await page.keyboard.press('?');
  const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(sheet).toBeVisible();
  for (const area of areas) await expect(sheet).toContainText(`Go to ${area.title}`);
  await expect(sheet).toContainText('Alt+5');
  await expectAxeClean(page, 'cheat sheet');
  await page.keyboard.press('Escape');
  await expect(sheet).toBeHidden();
});

test.describe('a PSL staffer', () => {
  test.use({ operator: { name: 'Pat PSL', role: 'psl' } });
  test('opens on Member match, with the menu in Alt-number order like everyone', async ({ page, app }) => {
    await app.open();
    await expect(page.getByRole('heading', { level: 1, name: 'Member match (PSL)' })).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Areas' }).getByRole('link', { name: 'Member match (PSL)' })).toHaveAttribute('aria-current', 'page');
    await expect(page.getByRole('navigation', { name: 'Areas' }).getByRole('link')).toHaveText(areas.map((a) => `${a.title}Alt+${a.digit}`));
  });
});

test('the profile can be changed by keyboard, and the status bar follows', async ({ page, app }) => {
  await app.open();
  await page.getByRole('button', { name: 'Profile' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Your profile' })).toBeFocused();
  await page.getByLabel('Your name').fill('Dana R. Rep');
  await page.getByRole('button', { name: 'Save profile' }).press('Enter');
  await expect(page.getByTestId('statusbar')).toContainText('Signed in: Dana R. Rep');
  expect(app.harness.desk.audit.recent(20).map((e) => e.action)).toContain('operator.changed');
});

test('Copy diagnostics puts versions, database health and the last log lines on the clipboard, by keyboard, for support', async ({ page, app, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.harness.origin });
  await app.open();
  const button = page.getByTestId('statusbar').getByRole('button', { name: 'Copy diagnostics' });
  await button.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('announcer')).toContainText('Diagnostics copied');
  const text = await page.evaluate(() => navigator.clipboard.readText());
  expect(text).toMatch(/^kynect Desk diagnostics — \d{4}-\d{2}-\d{2}T/);
  expect(text).toContain(`schema ${app.harness.desk.dbInfo().schemaVersion} of`);
  expect(text).toContain('audit chain: intact');
  expect(text).toContain('## ESE outbox');
  expect(text).toMatch(/## Log \(last 200 lines, .*desk\.N\.log\)\n\{"level":"(info|debug)"/);
  expect(text).toContain('"channel":"app:status.get"');
  expect(text).toContain('signed in: a rep');
  expect(text).not.toContain('Dana Rep');
  expect(app.harness.desk.audit.recent(20).map((e) => e.action)).toContain('diagnostics.exported');
  await expectAxeClean(page, 'the status bar');
});

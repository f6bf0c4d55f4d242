import { expect, expectAxeClean, test } from './fixtures';

/** kynect resources partner access (issue 6, seed 002), by keyboard alone. */
test('a resident consents by verbal acknowledgment: the script in Spanish, every statement read and agreed, recorded and exportable', async ({ page, app }) => {
  await app.open();
  await page.keyboard.press('Alt+2');
  const panel = page.getByTestId('partner-consent');
  await expect(panel.getByRole('heading', { name: 'kynect resources partner access' })).toBeVisible();
  await expectAxeClean(page, 'partner access form');

  // Errors at the field.
  await panel.getByRole('button', { name: 'Read the partner access script' }).press('Enter');
  await expect(panel.getByLabel('Organization', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(panel.getByText("Resident's name is required.")).toBeVisible();

  await expect(panel.getByText('The resident has to have given 3 pieces of identifying information before a search (002 Q40).')).toBeVisible();
  await expect(panel.getByText('Say whether the resident was referred to this organization.')).toBeVisible();

  await panel.getByLabel('Organization', { exact: true }).fill('Hope Center of Lexington');
  await panel.getByLabel("Resident's name").fill('Rosa Diaz');
  // A referred resident consents only through kynect resources' email or text (002 Q40): no script.
  await panel.getByLabel('Was the resident referred to this organization?').selectOption('yes');
  await panel.getByLabel('Does the resident have a kynect resources account?').selectOption('no');
  for (const kind of ['Full name', 'Date of birth', 'Phone number']) {
    await panel.getByRole('checkbox', { name: kind }).focus();
    await page.keyboard.press('Space');
  }
  await panel.getByLabel('Case number (optional)').press('Enter');
  await expect(panel.locator('.field__error').filter({ hasText: /may only use the contact email or text function in kynect resources to gain consent/ })).toBeVisible();
  await expect(page.getByTestId('partner-verbal-script')).toHaveCount(0);
  await panel.getByLabel('Was the resident referred to this organization?').selectOption('no');
  await panel.getByLabel('Script language').selectOption('es');
  await panel.getByLabel('Case number (optional)').press('Enter');

  const script = page.getByTestId('partner-verbal-script');
  await expect(script).toHaveAttribute('lang', 'es');
  await expect(script).toContainText('Hope Center of Lexington ha pedido ver su expediente completo en kynect resources');
  await expect(script).toContainText('"Privacy Settings"');
  // No kynect resources account: "Opt Out" is not offered to them (002 Q41), what an account needs is said (Q40).
  await expect(script).toContainText('para tener una cuenta se necesita una dirección de correo electrónico y acceso a internet');
  await expect(page.getByRole('status')).toContainText('Partner access script shown for Hope Center of Lexington');
  await expectAxeClean(page, 'partner access script');
  // A call started with the resident, and the consent is on its timeline.
  expect(app.harness.desk.services.calls.current().call).toMatchObject({ callerType: 'resident' });

  // Read → agrees → next statement → … → Accept, with focus following by itself.
  await page.locator('#partner-ack-view-read').focus();
  for (const id of ['view', 'verbal', 'no-account', 'identity']) {
    await expect(page.locator(`#partner-ack-${id}-read`)).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.locator(`#partner-ack-${id}-agree`)).toBeFocused();
    await page.keyboard.press('Enter');
  }
  await expect(page.locator('#partner-consent-accept')).toBeFocused();
  await page.keyboard.press('Enter');

  const outcome = page.getByTestId('partner-outcome');
  await expect(outcome).toContainText('Consent recorded: Hope Center of Lexington may view the record');
  await expect(outcome).toContainText('Su consentimiento para Hope Center of Lexington quedó registrado.');
  await expect(page.getByRole('status')).toContainText('Consent recorded');
  // Ready for the next one: the form does not carry this resident's name.
  await expect(panel.getByLabel("Resident's name")).toHaveValue('');
  await expectAxeClean(page, 'partner access recorded');

  const records = page.getByRole('region', { name: 'Consent records' });
  await expect(records.locator('tbody tr').first()).toContainText('Hope Center of Lexington');
  const download = page.waitForEvent('download');
  await records.getByRole('button', { name: /Export the consent record of Rosa Diaz as FHIR JSON/ }).press('Enter');
  expect((await download).suggestedFilename()).toMatch(/^consent-.*\.fhir\.json$/);

  const row = app.harness.desk.db.prepare('SELECT record_json FROM consent_record').pluck().get() as string;
  expect(JSON.parse(row)).toMatchObject({ kind: 'kynect-resources-partner-access', organization: 'Hope Center of Lexington', outcome: 'accepted', script: { locale: 'es' } });
});

test('the resident does not consent: recorded as a refusal, with what they said', async ({ page, app }) => {
  await app.open();
  await page.keyboard.press('Alt+2');
  const panel = page.getByTestId('partner-consent');
  await panel.getByLabel('Organization', { exact: true }).fill('Appalachian Food Bank');
  await panel.getByLabel("Resident's name").fill('Rosa Diaz');
  await panel.getByLabel('Was the resident referred to this organization?').selectOption('no');
  await panel.getByLabel('Does the resident have a kynect resources account?').selectOption('yes');
  for (const kind of ['Full name', 'Date of birth', 'Home address']) await panel.getByRole('checkbox', { name: kind }).check();
  await panel.getByLabel("Resident's name").press('Enter');
  await page.getByText('The resident does not consent', { exact: true }).press('Enter');
  await page.getByLabel('What the resident said (optional)').fill('Not now.');
  await page.getByRole('button', { name: 'Record that the resident does not consent' }).press('Enter');
  await expect(page.getByTestId('partner-outcome')).toContainText('No consent: Appalachian Food Bank may not view the record');
  await expect(page.getByTestId('partner-outcome')).toContainText('Not now.');
  await expectAxeClean(page, 'partner access refused');
});

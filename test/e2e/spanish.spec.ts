import type { Page } from '@playwright/test';
import { importCsv } from '../helpers/seed';
import { expect, expectAxeClean, ManualClock, test } from './fixtures';

/**
 * Issue 13.1: in a call whose language is Spanish, what the rep reads to the caller is in
 * Spanish (marked lang="es" so a screen reader switches voice), and the rep's own screen
 * stays English.
 */
const MEMBERS = `member_id,case_number,application_number,first_name,middle_name,last_name,suffix,date_of_birth,sex,ssn,head_of_household,case_status,application_submitted_on
M-1001,100300113,A-5551,John,Q,Doe,,1977-02-03,M,123456789,true,Active,2026-11-18
`;

test.use({ clock: new ManualClock('2026-11-22T15:00:00Z') });

async function callInSpanish(page: Page) {
  await page.keyboard.press('Alt+G');
  await expect(page.getByTestId('callbar-language')).toHaveValue('es');
  await expect(page.getByTestId('announcer')).toContainText('Call language: Spanish (Español).');
}

/** Alt+3, then an ESE intake typed and forwarded by keyboard alone, as a rep would on the call. */
async function forwardEseIntake(page: Page) {
  await page.keyboard.press('Alt+3');
  await expect(page.getByLabel('First name (required)')).toBeFocused();
  // Over what is there: a call's caller may have filled the name in already (issue 12 §2).
  const type = async (label: string | RegExp, text: string) => {
    await page.getByLabel(label, { exact: typeof label === 'string' }).focus();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type(text);
  };
  await type('First name (required)', 'Rosa');
  await type('Last name (required)', 'Diaz');
  await type(/^Date of birth/, '1988-04-17');
  await type(/^Case or application number/, '100300113');
  await type(/^Phone/, '502-555-0123');
  await page.getByLabel(/^Preferred contact method/).focus();
  await page.keyboard.type('Phone');
  await page.getByLabel(/^Circumstance/).selectOption('no_timely_notice');
  await type(/^Date of the triggering event/, '2026-09-30');
  await type(/^Date the resident knew or should have known/, '2026-10-20');
  await type(/^What happened/, 'The Medicaid end notice went to an old address; she learned on October 20 at the pharmacy.');
  await page.getByLabel('Notice that coverage ended').focus();
  await page.keyboard.press('Space');
  await page.getByLabel(/^Written request also sent/).selectOption('no');
  await page.getByRole('button', { name: 'Forward for committee review' }).focus();
  await page.keyboard.press('Enter');
}

test('a Spanish call: the verbal consent script and the association confirmation read right after it are in Spanish, by keyboard', async ({ page, app }) => {
  await importCsv(app.harness.desk, 'members', MEMBERS);
  await app.open();
  await page.keyboard.press('Alt+2');
  await page.getByRole('button', { name: 'Start a three-way association' }).press('Enter');
  await expect(page.getByRole('heading', { name: '1. The Agent' })).toBeFocused();
  await callInSpanish(page);

  await page.getByLabel('Agent name').focus();
  await page.keyboard.type('Maria West');
  await page.keyboard.press('Tab');
  await page.keyboard.type('NPN1234567');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Bluegrass Benefits');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Yes');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');

  await expect(page.getByRole('heading', { name: '2. Is the client on the line?' })).toBeFocused();
  await page.getByRole('button', { name: 'Yes, the client is on the line' }).press('Enter');

  await expect(page.getByRole('heading', { name: /3\. The client/ })).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.type('John');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Doe');
  await page.keyboard.press('Tab');
  await page.keyboard.type('M');
  await page.keyboard.press('Tab');
  await page.keyboard.type('1977-02-03');
  await page.keyboard.press('Tab');
  await page.keyboard.type('123456789');
  await page.keyboard.press('Enter');

  await expect(page.getByTestId('assoc-match')).toContainText('Full match');
  await page.getByRole('combobox', { name: /^Situation/ }).focus();
  await page.keyboard.type('Existing');
  await page.getByRole('button', { name: 'Continue' }).press('Enter');

  await expect(page.getByRole('heading', { name: '5. Consent' })).toBeFocused();
  await page.getByLabel('How can the client be reached?').focus();
  await page.keyboard.type('Preference is not');
  await page.getByRole('button', { name: 'Continue' }).press('Enter');

  // The script's language starts at the call's: nothing to choose.
  await expect(page.getByLabel('Language of the script')).toHaveValue('es');
  await page.getByRole('button', { name: 'Read the verbal consent script' }).press('Enter');
  const script = page.getByTestId('verbal-script');
  await expect(script).toHaveAttribute('lang', 'es');
  await expect(script).toContainText('Maria West, de Bluegrass Benefits, está en la línea');
  await page.getByRole('group', { name: 'Statement 1' }).getByRole('button', { name: 'Mark as read aloud' }).focus();
  for (let i = 1; i <= 3; i++) {
    const group = page.getByRole('group', { name: `Statement ${i}` });
    await expect(group.getByRole('button', { name: 'Mark as read aloud' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(group.getByRole('button', { name: 'Client agrees' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(group).toContainText('Agreed');
  }
  const accept = page.getByRole('button', { name: 'Accept', exact: true });
  await expect(accept).toBeFocused();
  await page.keyboard.press('Enter');

  await page.getByRole('button', { name: 'Record the association' }).press('Enter');
  const ended = page.getByTestId('assoc-ended');
  await expect(ended.getByRole('heading', { level: 2 })).toBeFocused();
  // The rep's own words stay English; what is read to both parties is Spanish, marked so.
  await expect(ended.getByRole('heading', { level: 2 })).toHaveText('Associated: read this to both parties');
  await expect(page.getByTestId('assoc-ended-language')).toHaveText('Read this in Spanish (Español).');
  const confirmation = page.getByTestId('assoc-ended-text');
  await expect(confirmation).toHaveAttribute('lang', 'es');
  await expect(confirmation).toHaveText(
    'A partir del 22 de noviembre de 2026, queda registrada la asociación de Maria West, de Bluegrass Benefits, con el caso 100300113 de John Doe. Desde ahora, Maria West puede ayudar a John con este caso según corresponda.',
  );
  await expectAxeClean(page, 'Spanish association confirmation');

  const desk = app.harness.desk;
  const record = JSON.parse(desk.db.prepare('SELECT record_json FROM consent_record').pluck().get() as string);
  expect(record.script).toMatchObject({ locale: 'es', version: 2 });
  const session = desk.services.association.get(desk.db.prepare('SELECT id FROM association_session').pluck().get() as string);
  expect(session.end?.text).toMatchObject({ id: 'association.confirmation', locale: 'es', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
});

test('a Spanish call with no case identified with certainty: why, and the alternatives, read in Spanish, by keyboard (issue 13.1)', async ({ page, app }) => {
  await importCsv(app.harness.desk, 'members', MEMBERS);
  await app.open();
  await page.keyboard.press('Alt+2');
  await page.getByRole('button', { name: 'Start a three-way association' }).press('Enter');
  await expect(page.getByRole('heading', { name: '1. The Agent' })).toBeFocused();
  await callInSpanish(page);
  await page.getByLabel('Agent name').fill('Maria West');
  await page.getByLabel('Agent id or NPN').fill('NPN1234567');
  await page.getByLabel('Agency').fill('Bluegrass Benefits');
  await page.getByLabel(/MyPurpose/).selectOption('yes');
  await page.getByLabel('Agency').press('Enter');
  await page.getByRole('button', { name: 'Yes, the client is on the line' }).press('Enter');

  // No SSN: a Partial match, so the case is not guessed.
  await expect(page.getByRole('heading', { name: /3\. The client/ })).toBeFocused();
  await page.getByLabel('First name').fill('John');
  await page.getByLabel('Last name').fill('Doe');
  await page.getByLabel('Sex').selectOption('M');
  await page.getByLabel('Date of birth').fill('1977-02-03');
  await page.getByLabel('SSN (optional)').press('Enter');
  await expect(page.getByTestId('assoc-match')).toContainText('Partial match');
  await page.getByRole('button', { name: 'The client cannot confirm a case' }).press('Enter');

  const ended = page.getByTestId('assoc-ended');
  await expect(ended.getByRole('heading', { level: 2 })).toBeFocused();
  // The rep's own words stay English; what is read to the Agent and the client is Spanish, marked so.
  await expect(ended.getByRole('heading', { level: 2 })).toHaveText('No association: no case identified with certainty');
  await expect(page.getByTestId('assoc-ended-language')).toHaveText('Read this in Spanish (Español).');
  const text = page.getByTestId('assoc-ended-text');
  await expect(text).toHaveAttribute('lang', 'es');
  const items = text.getByRole('listitem');
  await expect(items).toHaveCount(5);
  await expect(items.first()).toHaveText(
    'No todos los datos de identificación coinciden exactamente. Un trabajador de casos del DCBS debe determinar si el cliente ya existe en kynect, por lo que no se puede suponer cuál es el caso.',
  );
  await expect(items.nth(3)).toHaveText('El cliente puede agregar al Agente en kynect benefits, buscándolo en la sección "Reps, kynectors, and Agents".');
  await expect(items.nth(4)).toContainText('Appendix B (Apéndice B)');
  // No seed numbers or section marks in the words (issue 12.6), and no case number the client did not give.
  await expect(text).not.toContainText('§');
  await expect(text).not.toContainText('(000)');
  await expect(text).not.toContainText('100300113');
  await expectAxeClean(page, 'Spanish alternatives, no certain case');

  const desk = app.harness.desk;
  const session = desk.services.association.get(desk.db.prepare('SELECT id FROM association_session').pluck().get() as string);
  expect(session.end?.text).toMatchObject({ id: 'association.case-not-certain', version: 1, locale: 'es', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
});

test('a Spanish call: the ESE closing script is read in Spanish, by keyboard', async ({ page, app }) => {
  await app.open();
  await page.keyboard.press('Alt+N');
  await page.getByLabel('Who is calling').selectOption('resident');
  await page.getByTestId('call-start').getByLabel('Caller name').press('Enter');
  await expect(page.getByTestId('callbar-language')).toHaveValue('en');
  await callInSpanish(page);

  await forwardEseIntake(page);

  const done = page.getByTestId('ese-forwarded');
  await expect(done.getByRole('heading', { level: 2 })).toBeFocused();
  await expect(page.getByTestId('ese-closing-language')).toHaveText('Read it in Spanish (Español).');
  const closing = page.getByTestId('ese-closing-script');
  await expect(closing).toHaveAttribute('lang', 'es');
  await expect(closing.getByRole('listitem').first()).toHaveText('Rosa, he enviado los detalles de esta llamada al personal de Kentucky Health Benefit Exchange (KHBE).');
  await expect(closing).toContainText('se debe solicitar por escrito a KHBE');
  await expect(closing).toContainText('kynectESE@ky.gov');
  await expect(closing).toContainText('Se le notificará la decisión por escrito.');
  // The rep's own guidance around it stays English.
  await expect(page.getByRole('heading', { name: 'Closing script: read this to the resident' })).toBeVisible();
  await expectAxeClean(page, 'Spanish ESE closing script');

  const stored = JSON.parse(app.harness.desk.db.prepare('SELECT closing_text_json FROM ese_intake').pluck().get() as string);
  expect(stored).toMatchObject({ id: 'ese.closing', version: 3, locale: 'es' });
});

test('a whole call in Spanish, by keyboard: the call language once, the PSL guidance, the SEP summary, the ESE closing script, wrap-up, axe-clean (issue 13.4)', async ({
  page,
  app,
}) => {
  await importCsv(app.harness.desk, 'members', MEMBERS);
  await app.open();
  await page.keyboard.press('Alt+N');
  await page.getByLabel('Who is calling').focus();
  await page.keyboard.type('Resident');
  await page.getByTestId('call-start').getByLabel('Caller name').focus();
  await page.keyboard.type('Rosa Diaz');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('callbar-caller')).toContainText('Rosa Diaz');
  await callInSpanish(page);
  await expectAxeClean(page, 'Spanish call started');

  // Member match: what the caller hears about the three-day rule and Dire Need is Spanish; the result's own words stay English.
  await page.keyboard.press('Alt+4');
  await page.getByLabel('First name').focus();
  await page.keyboard.type('John');
  await page.getByLabel('Last name').focus();
  await page.keyboard.type('Doe');
  await page.getByLabel('Sex').focus();
  await page.keyboard.type('M');
  await page.getByLabel('Date of birth').focus();
  await page.keyboard.type('1977-02-03');
  await page.getByLabel('Social Security number (optional)').focus();
  await page.keyboard.type('123456789');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 3, name: 'Full match' })).toBeVisible();
  const guidance = page.getByTestId('match-agent-guidance');
  await expect(guidance).toHaveAttribute('lang', 'es');
  await expect(guidance).toContainText('Línea de Servicios Profesionales (PSL) al 1-855-326-4650');
  await expect(guidance.getByRole('link', { name: 'kynectdireneed@ky.gov' })).toHaveAttribute('href', 'mailto:kynectdireneed@ky.gov');
  await expect(page.getByRole('article', { name: 'Case 100300113' }).locator('[lang=es]')).toContainText('Se presentó hace 4 días.');
  await expectAxeClean(page, 'Spanish call: member match');

  // SEP: the summary read or sent to the caller, in Spanish, also in the notes.
  await page.keyboard.press('Alt+5');
  await page.keyboard.type('got married');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 2, name: 'Marriage' })).toBeFocused();
  await page.getByLabel('Date of the marriage').focus();
  await page.keyboard.type('2026-11-02');
  await page.getByLabel('Plan-selection date').focus();
  await page.keyboard.type('2026-11-10');
  // Enter in a date field never submits (issue 12.5): the button does.
  await page.getByRole('button', { name: 'Calculate' }).press('Enter');
  await expect(page.getByTestId('sep-result')).toContainText('2026-12-01');
  await page.getByRole('button', { name: 'Copy summary' }).press('Enter');
  await expect(page.getByTestId('announcer')).toContainText('Summary copied and added to the call notes.');
  const sepSummary = page.getByTestId('sep-summary');
  await expect(sepSummary).toHaveAttribute('lang', 'es');
  await expect(sepSummary).toContainText('SEP: Matrimonio, evento el 2 de noviembre de 2026');
  await expectAxeClean(page, 'Spanish call: SEP summary');

  // ESE intake, then the closing script in Spanish.
  await forwardEseIntake(page);
  await expect(page.getByTestId('ese-closing-script')).toHaveAttribute('lang', 'es');
  // The call's caller filled the name in; the closing script says it once.
  await expect(page.getByTestId('ese-closing-script').getByRole('listitem').first()).toHaveText(
    'Rosa, he enviado los detalles de esta llamada al personal de Kentucky Health Benefit Exchange (KHBE).',
  );
  await expectAxeClean(page, 'Spanish call: ESE closing script');

  // The call's timeline says the language, and the Spanish summary is in its notes; wrap-up as any call.
  await page.keyboard.press('Alt+1');
  await expect(page.getByTestId('call-timeline')).toContainText('Call language: Spanish (Español)');
  await expect(page.getByTestId('call-notes')).toHaveValue(/SEP: Matrimonio, evento/);
  await page.keyboard.press('Alt+X');
  await expect(page.getByTestId('callbar-state')).toHaveText(/Wrap-up/);
  await page.getByTestId('wrap-up').getByLabel('Disposition').focus();
  await page.keyboard.type('ESE');
  await expect(page.getByTestId('wrap-up').getByLabel('Disposition')).toHaveValue('ese_forwarded');
  await expectAxeClean(page, 'Spanish call: wrap-up');
  await page.getByRole('button', { name: 'Complete wrap-up' }).press('Enter');
  await expect(page.getByTestId('announcer')).toContainText('Wrap-up complete. Call closed.');
  const row = app.harness.desk.db.prepare("SELECT language, disposition FROM call WHERE state = 'closed'").get();
  expect(row).toEqual({ language: 'es', disposition: 'ese_forwarded' });
});

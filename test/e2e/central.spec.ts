import type { Page } from '@playwright/test';
import { startTestCentral, type TestCentral, type TestStore } from '../helpers/central';
import { doCall } from '../helpers/deskWork';
import { addLogin } from '../../shared/node/central/schema';
import { expect, expectAxeClean, test } from './fixtures';

/**
 * The status bar says where the desk stands with a real PostgreSQL (started here,
 * on 127.0.0.1): synced, waiting, offline since a time, refused and why. The rep's
 * work never waits for it.
 */
const PASSWORD = 'e2e-desk-password-1';
const fast = {
  KYNECT_CENTRAL_POLL_MS: '100',
  KYNECT_CENTRAL_PULL_MS: '500',
  KYNECT_CENTRAL_BACKOFF_MS: '200',
  KYNECT_CENTRAL_BACKOFF_MAX_MS: '500',
  KYNECT_CENTRAL_REFUSED_MS: '500',
};

let central: TestCentral;
let store: TestStore;

test.beforeAll(async () => {
  central = await startTestCentral();
  store = await central.store();
  const admin = await store.admin();
  await addLogin(admin, 'e2e_desk', 'desk', PASSWORD);
  await admin.end();
});
test.afterAll(() => central?.stop());

async function connectByForm(page: Page) {
  await page.getByRole('button', { name: 'Profile' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Central store' })).toBeVisible();
  await expectAxeClean(page, 'central store settings');
  await page.getByLabel('Server').fill('127.0.0.1');
  await page.getByLabel('Port').fill(String(central.cluster.port));
  await page.getByLabel('Database').fill(store.database);
  await page.getByLabel('Login').fill('e2e_desk');
  await page.getByLabel('TLS').selectOption('disable');
  await page.getByLabel('Desk name').fill('E2E desk');
  await page.getByRole('button', { name: 'Save central store settings' }).click();
  await expect(page.getByTestId('announcer')).toContainText('Central store settings saved.');
  await page.getByRole('button', { name: 'Cancel' }).click();
}

test.describe('central store status', () => {
  test.use({ deskEnv: { KYNECT_CENTRAL_PASSWORD: PASSWORD, ...fast } });

  test('stand-alone shows nothing new; connected it reads synced, N waiting, offline since HH:MM, synced again', async ({ page, app }) => {
    await app.open();
    await expect(page.getByTestId('statusbar')).toBeVisible();
    await expect(page.getByTestId('central-status')).toHaveCount(0);

    // TLS off is refused for a server on another machine, at the field.
    await page.getByRole('button', { name: 'Profile' }).click();
    await page.getByLabel('Server').fill('central.kynect.example');
    await page.getByLabel('Database').fill('kynect');
    await page.getByLabel('Login').fill('e2e_desk');
    await page.getByLabel('TLS').selectOption('disable');
    await page.getByRole('button', { name: 'Save central store settings' }).click();
    await expect(page.getByText('A server on another machine is reached with TLS (verify-full) only.')).toBeVisible();
    await expectAxeClean(page, 'central settings with an error');
    await page.getByRole('button', { name: 'Cancel' }).click();

    await connectByForm(page);
    const pill = page.getByTestId('central-status');
    await expect(pill).toHaveText(/Central: synced/);
    await expectAxeClean(page, 'status bar, synced');

    // Every announcement from here on, in order: the call's own ("Wrap-up complete") may come after the central one.
    await page.evaluate(() => {
      const el = document.querySelector('[data-testid="announcer"]')!;
      const heard: string[] = ((window as unknown as { heard: string[] }).heard = []);
      new MutationObserver(() => heard.push(el.textContent ?? '')).observe(el, { childList: true, characterData: true, subtree: true });
    });
    central.cluster.stop('immediate');
    try {
      await doCall(app.harness.desk, 1);
      await expect(pill).toHaveText(/Central: offline since \d{1,2}:\d{2}( [AP]M)?, \d+ waiting/, { timeout: 15_000 });
      await expect.poll(() => page.evaluate(() => (window as unknown as { heard: string[] }).heard.join('\n'))).toContain('The central store cannot be reached');
      // The rep's work goes on while the server is away.
      await doCall(app.harness.desk, 2);
      await expectAxeClean(page, 'status bar, offline');
    } finally {
      central.cluster.start();
    }
    await expect(pill).toHaveText(/Central: synced/, { timeout: 20_000 });
    const rows = await store.query<{ n: number }>("SELECT count(*)::int AS n FROM call_closed c JOIN desk d USING (desk_id) WHERE d.name = 'E2E desk'");
    expect(rows[0]!.n).toBe(2);
  });
});

test.describe('central store refusing the desk', () => {
  test.use({ deskEnv: { KYNECT_CENTRAL_PASSWORD: 'not-the-password', ...fast } });

  test('a refused login reads "refused" with the server’s reason, and nothing is lost', async ({ page, app }) => {
    await app.open();
    await connectByForm(page);
    await doCall(app.harness.desk, 3);
    const pill = page.getByTestId('central-status');
    await expect(pill).toHaveText(/Central: refused, \d+ waiting: The central server refused this desk's login/, { timeout: 15_000 });
    await expectAxeClean(page, 'status bar, refused');
    expect(app.harness.desk.services.central.outbox.waitingCount()).toBeGreaterThan(0);
  });
});

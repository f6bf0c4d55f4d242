import path from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';
import { ManualClock, systemClock, type Clock } from '../../shared/common/clock';
import type { OperatorRole } from '../../shared/common/foundation/operator';
import { silentLogger } from '../../shared/node/log';
import { startHarness, type Harness } from '../../shared/node/web/harness';
import { makeTempDir, removeTempDir } from '../helpers/temp';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface AppFixture {
  harness: Harness;
  /** Opens the app (the harness URL carries the token) and waits for the shell or the first-start form. */
  open(page?: Page): Promise<void>;
}

interface Options {
  /** Signed-in operator before the page opens; null for a first start. */
  operator: { name: string; role: OperatorRole } | null;
  /** The clock the services see; defaults to the real one. */
  clock: Clock;
}

/**
 * Every test gets its own harness on its own fresh SQLite file, and fails if
 * the page logs any console error or throws.
 */
export const test = base.extend<Options & { app: AppFixture; consoleErrors: string[] }>({
  operator: [{ name: 'Dana Rep', role: 'rep' }, { option: true }],
  clock: [systemClock, { option: true }],
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('console', (msg) => {
        if (msg.type() === 'error') errors.push(msg.text());
      });
      page.on('pageerror', (error) => errors.push(`${error.name}: ${error.message}`));
      await use(errors);
      expect(errors, 'the page logged errors').toEqual([]);
    },
    { auto: true },
  ],
  app: async ({ page, operator, clock }, use) => {
    const dir = makeTempDir('kynect-desk-e2e-');
    const harness = await startHarness({
      dbPath: path.join(dir, 'desk.sqlite3'),
      staticDir: path.join(root, 'dist', 'renderer'),
      clock,
      log: silentLogger,
      env: {},
    });
    if (operator) harness.desk.operators.save(operator);
    await use({
      harness,
      async open(p = page) {
        await p.goto(harness.url);
        await expect(p.locator('h1').first()).toBeVisible();
      },
    });
    await harness.close();
    removeTempDir(dir);
  },
});

export { expect, ManualClock };

/** axe-core with the WCAG 2.1 A and AA rules; any violation fails with its id, help and nodes. */
export async function expectAxeClean(page: Page, context?: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const violations = results.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }));
  expect(violations, `axe violations${context ? ` in ${context}` : ''}`).toEqual([]);
}

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';
import { ManualClock, systemClock, type Clock } from '../../shared/common/clock';
import type { OperatorRole } from '../../shared/common/foundation/operator';
import fs from 'node:fs';
import { createLogger } from '../../shared/node/log';
import { testKeyEnv } from '../helpers/deskKey';
import { startHarness, type Harness } from '../../shared/node/web/harness';
import { makeTempDir, removeTempDir } from '../helpers/temp';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The PIN of the operator the fixture signs in. */
export const OPERATOR_PIN = '2468';

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
/** Anything shaped like an SSN (123-45-6789 or 123456789). */
const SSN_SHAPE = /(?<!\d)\d{3}-?\d{2}-?\d{4}(?!\d)/;

export const test = base.extend<Options & { app: AppFixture; consoleErrors: string[]; logLines: string[] }>({
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
  /**
   * Everything the harness logs during the test, at debug level. After the
   * test no line may hold anything shaped like an SSN; all lines are kept in
   * test-results/e2e-logs/ for reading.
   */
  logLines: async ({}, use, testInfo) => {
    const lines: string[] = [];
    await use(lines);
    fs.mkdirSync(path.join(root, 'test-results', 'e2e-logs'), { recursive: true });
    fs.writeFileSync(path.join(root, 'test-results', 'e2e-logs', `${testInfo.testId}.jsonl`), lines.join(''));
    expect(lines.filter((l) => SSN_SHAPE.test(l)), 'log lines holding something shaped like an SSN').toEqual([]);
  },
  app: async ({ page, operator, clock, logLines }, use) => {
    const dir = makeTempDir('kynect-desk-e2e-');
    const harness = await startHarness({
      dbPath: path.join(dir, 'desk.sqlite3'),
      staticDir: path.join(root, 'dist', 'renderer'),
      clock,
      log: createLogger({ level: 'debug', write: (line) => void logLines.push(line) }),
      env: { ...testKeyEnv },
      // The audit heads of a test's desk stay in its own folder, never the user's.
      keyFolder: path.join(dir, 'keys'),
    });
    if (operator) harness.desk.operators.save({ pin: OPERATOR_PIN, ...operator });
    await use({
      harness,
      async open(p = page) {
        await p.goto(harness.url);
        // The shell (or the first-start form) marks the body once its shortcuts are registered.
        await expect(p.locator('body[data-ready]')).toHaveCount(1);
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

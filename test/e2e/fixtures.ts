import path from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';
import { ManualClock, systemClock, type Clock } from '../../shared/common/clock';
import type { OperatorRole } from '../../shared/common/foundation/operator';
import fs from 'node:fs';
import { createFileLogger, recentLogLines, type Logger } from '../../shared/node/log';
import { testKeyEnv } from '../helpers/deskKey';
import { startHarness, type Harness } from '../../shared/node/web/harness';
import { makeTempDir, removeTempDir } from '../helpers/temp';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The PIN of the operator the fixture signs in. */
export const OPERATOR_PIN = '2468';

export interface AppFixture {
  harness: Harness;
  /** The test's log; a second harness a test starts writes here too, so its lines are checked as well. */
  log: Logger;
  /** Opens the app (the harness URL carries the token) and waits for the shell or the first-start form. */
  open(page?: Page): Promise<void>;
}

interface Options {
  /** Signed-in operator before the page opens; null for a first start. */
  operator: { name: string; role: OperatorRole } | null;
  /** The clock the services see; defaults to the real one. */
  clock: Clock;
  /** More environment for the harness's desk (e.g. a central store's KYNECT_CENTRAL_URL). */
  deskEnv: Record<string, string>;
}

/**
 * Every test gets its own harness on its own fresh SQLite file, and fails if
 * the page logs any console error or throws.
 */
/** Anything shaped like an SSN (123-45-6789, 123 45 6789 or 123456789), or like a phone number. */
const SSN_SHAPE = /(?<!\d)\d{3}[-.\s]?\d{2}[-.\s]?\d{4}(?!\d)/;
const PHONE_SHAPE = /(?<![\d-])\(?\d{3}\)?[-.\s]?\d{3}[-.\s]?\d{4}(?![\d-])/;

/**
 * The residents', callers' and Agents' data a spec types or seeds, read from its own
 * source: the names it types, the names in its CSV rows,
 * and every date it writes. A log must hold none of them (issue 15.4).
 */
export function sensitiveValuesOf(specFile: string): string[] {
  const src = fs.readFileSync(specFile, 'utf8');
  const values = new Set<string>();
  const literal = String.raw`'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)"|\x60([^\x60$]*)\x60`;
  const person = /^[A-Z][a-zA-Z'’-]+(?: [A-Z][a-zA-Z'’-]+)*$/;
  // fill('…'), and a spec's own typing helper: type(page, 'label', '…').
  for (const m of src.matchAll(new RegExp(String.raw`(?:\.fill\(|\btype\(\s*\w+\s*,\s*(?:'[^'\n]*'|"[^"\n]*"|/[^/\n]+/)\s*,\s*)(?:${literal})`, 'g'))) {
    const v = m[1] ?? m[2] ?? m[3] ?? '';
    if (person.test(v) && v.length >= 3) values.add(v);
  }
  for (const m of src.matchAll(new RegExp(literal, 'g'))) {
    const v = m[1] ?? m[2] ?? m[3] ?? '';
    for (const date of v.matchAll(/(?<![\d-])\d{4}-\d{2}-\d{2}(?![\dT])/g)) values.add(date[0]);
    for (const row of v.split('\n').filter((r) => r.split(',').length >= 6)) {
      for (const field of row.split(',').map((f) => f.trim())) {
        // A CSV row's capitalised words are names, but for the case statuses.
        if (/^[A-Z][a-z'’-]{2,}$/.test(field) && !['Active', 'Pending', 'Closed', 'Inactive', 'Denied'].includes(field)) values.add(field);
      }
    }
  }
  return [...values];
}

export const test = base.extend<Options & { app: AppFixture; consoleErrors: string[]; logDir: string }>({
  operator: [{ name: 'Dana Rep', role: 'rep' }, { option: true }],
  clock: [systemClock, { option: true }],
  deskEnv: [{}, { option: true }],
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
   * Where the harness's real log files go for this test (test-results/e2e-logs/<test>/),
   * written at debug level as the app writes them. After the test, no line may hold an
   * SSN or phone shape, nor any name, date or number the spec typed or seeded.
   */
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern; it has none
  logDir: async ({}, use, testInfo) => {
    const dir = path.join(root, 'test-results', 'e2e-logs', testInfo.testId);
    fs.rmSync(dir, { recursive: true, force: true });
    await use(dir);
    const lines = recentLogLines(dir, 100_000);
    expect(lines.length, 'the harness wrote its log').toBeGreaterThan(0);
    expect(
      lines.filter((l) => SSN_SHAPE.test(l)),
      'log lines holding something shaped like an SSN',
    ).toEqual([]);
    expect(
      lines.filter((l) => PHONE_SHAPE.test(l)),
      'log lines holding something shaped like a phone number',
    ).toEqual([]);
    const text = lines.join('\n');
    // As whole words: a channel such as app:association.consentAgentLeft holds "Agent" but no one's name.
    const word = (v: string) => new RegExp(`(?<![\\p{L}\\p{N}])${v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'u');
    const leaked = sensitiveValuesOf(testInfo.file).filter((v) => word(v).test(text));
    expect(leaked, 'names, dates or numbers from the test found in the log').toEqual([]);
  },
  app: async ({ page, operator, clock, logDir, deskEnv }, use) => {
    const dir = makeTempDir('kynect-desk-e2e-');
    const log = createFileLogger({ dir: logDir, level: 'debug', base: { host: 'web' } });
    const harness = await startHarness({
      dbPath: path.join(dir, 'desk.sqlite3'),
      staticDir: path.join(root, 'dist', 'renderer'),
      clock,
      log,
      env: { ...testKeyEnv, ...deskEnv },
      // The audit heads of a test's desk stay in its own folder, never the user's.
      keyFolder: path.join(dir, 'keys'),
    });
    if (operator) harness.desk.operators.save({ pin: OPERATOR_PIN, ...operator });
    await use({
      harness,
      log,
      async open(p = page) {
        await p.goto(harness.url);
        // The shell (or the first-start form) marks the body once its shortcuts are registered.
        await expect(p.locator('body[data-ready]')).toHaveCount(1);
      },
    });
    // The page goes first: its event stream would otherwise reconnect to a closed harness and log an error.
    await page.goto('about:blank');
    await harness.close();
    await log.close();
    removeTempDir(dir);
  },
});

export { expect, ManualClock };

/** axe-core with the WCAG 2.1 A and AA rules; any violation fails with its id, help and nodes. */
export async function expectAxeClean(page: Page, context?: string): Promise<void> {
  const check = async (where: string) => {
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    const violations = results.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }));
    expect(violations, `axe violations${where}`).toEqual([]);
  };
  await check(context ? ` in ${context}` : '');
  if (SCREENS_DIR) await screensAtRepWidths(page, context, check);
}

/**
 * KYNECT_E2E_SCREENS=<folder> (issue 12 §10): every point a spec checks with axe is also
 * checked and photographed at the widths reps' screens have, 1024 and 1366 px, so a person
 * can look at what a rep would see at each step of every workflow. Off in `npm test`: the
 * pictures are for eyes, and the layout assertions that matter live in readable.spec.
 */
const SCREENS_DIR = process.env.KYNECT_E2E_SCREENS;
const shotsPerTest = new Map<string, number>();

async function screensAtRepWidths(page: Page, context: string | undefined, check: (where: string) => Promise<void>) {
  const info = test.info();
  const n = (shotsPerTest.get(info.testId) ?? 0) + 1;
  shotsPerTest.set(info.testId, n);
  const slug = (s: string) =>
    s
      .replace(/[^A-Za-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60);
  const base = `${path.basename(info.file, '.spec.ts')}-${slug(info.title).slice(0, 40)}-${String(n).padStart(2, '0')}-${slug(context ?? 'screen')}`;
  const before = page.viewportSize();
  fs.mkdirSync(SCREENS_DIR!, { recursive: true });
  for (const width of [1024, 1366]) {
    await page.setViewportSize({ width, height: 768 });
    await check(` in ${context ?? 'the screen'} at ${width} px`);
    await page.screenshot({ path: path.join(SCREENS_DIR!, `${base}-${width}.png`) });
  }
  if (before) await page.setViewportSize(before);
}

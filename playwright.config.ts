import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests drive Debian's Chromium against the browser harness; no
 * browser is ever downloaded. Each test starts its own harness on a fresh
 * SQLite file (see test/e2e/fixtures.ts).
 */
export default defineConfig({
  testDir: 'test/e2e',
  // Not test-results/ itself: Playwright empties its output folder, and the unit report lives there too.
  outputDir: 'test-results/playwright',
  // Generous: these catch hangs. CI machines of this kind ran the unit tests 2-3x slower
  // than a quiet one; a slower machine must not turn a working screen red.
  timeout: 120_000,
  expect: { timeout: 20_000 },
  fullyParallel: true,
  workers: 2,
  forbidOnly: true,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  use: {
    browserName: 'chromium',
    viewport: { width: 1366, height: 820 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    },
    trace: 'off',
  },
});

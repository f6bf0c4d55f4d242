import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['test/setup/home.ts'],
    // better-sqlite3 is a native addon: separate processes keep one test file's
    // open handles and crashes away from the others.
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['test/setup/home.ts'],
    // better-sqlite3 is a native addon: separate processes keep one test file's
    // open handles and crashes away from the others.
    pool: 'forks',
    // Timeouts only catch hangs (speed is measured in npm run bench): CI machines of this
    // kind ran the CLI-spawning and fuzz tests 2-3x slower than a quiet one, past 30 s.
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
});

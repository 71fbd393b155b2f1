import { defineConfig } from 'vitest/config';

// Two tiers (STYLE.md 16): fast unit tests beside fakes at the ports, and integration tests against real
// servers (PGlite, PostgreSQL). `npm test` runs both; CI fails when a tier could not run.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: ['test/**/*.integration.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/**/*.integration.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});

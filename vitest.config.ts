import { defineConfig } from 'vitest/config';

// Two tiers (STYLE.md 16): fast unit tests beside fakes at the ports, and integration tests against real
// servers (PGlite, PostgreSQL). `npm test` runs both; CI fails when a tier could not run.
// `expect.poll` waits for something that will happen; its 1 s default made a busy machine's slow moment a
// failure, which is a timed assertion in disguise. Projects inherit this (`extends: true`).
export default defineConfig({
  test: {
    expect: { poll: { timeout: 15_000 } },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: ['test/**/*.integration.test.ts'],
          environment: 'node',
        },
      },
      {
        extends: true,
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

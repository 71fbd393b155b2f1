import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// Two tiers (STYLE.md 16): fast unit tests beside fakes at the ports, and integration tests against real
// servers (PGlite, PostgreSQL). `npm test` runs both; CI fails when a tier could not run.
// `expect.poll` waits for something that will happen; its 1 s default made a busy machine's slow moment a
// failure, which is a timed assertion in disguise. Projects inherit this (`extends: true`).
//
// Integration files that start a test world of real daemons (NSD, Postfix, Dovecot, OpenDKIM on fixed
// loopback ports, one world of a kind per machine: test/support/mail-world/world-lock.ts) or drive Chromium
// run one at a time. Every other integration file owns what it touches (a PGlite folder or a uniquely named
// PostgreSQL database, servers on port 0, its own temporary folders), so two run at once: their time is
// mostly spent waiting on I/O, and one at a time left a core idle.
export const WORLD_FILES = [
  'test/delivery/**/*.integration.test.ts',
  'test/mail/mail-world.integration.test.ts',
  'test/mail/mailtest-chat.integration.test.ts',
  'test/mail/mailtest.integration.test.ts',
  'test/mail/public-view.integration.test.ts',
  'test/playground/browser.integration.test.ts',
  'test/playground/complaint-browser.integration.test.ts',
];

const integration = { environment: 'node', testTimeout: 60_000, hookTimeout: 120_000 } as const;

// Vitest runs projects with the same worker count as one group, and a project with one worker after them
// (on two CPUs its default is one). So unit and integration files share a count, at least two.
const maxWorkers = Math.max(2, availableParallelism() - 1);

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
          maxWorkers,
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/**/*.integration.test.ts'],
          exclude: WORLD_FILES,
          ...integration,
          maxWorkers,
        },
      },
      {
        extends: true,
        test: {
          name: 'integration-worlds',
          include: WORLD_FILES,
          ...integration,
          fileParallelism: false,
        },
      },
    ],
  },
});

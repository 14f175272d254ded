import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['{server,rules,schemas,workflows}/**/*.test.ts', 'admin-ui/src/**/*.test.ts', 'test/architecture/**/*.test.ts'],
          environment: 'node',
          // Both cores: the rest of the unit tests run beside the differential test's two shards.
          maxWorkers: 2,
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts'],
          exclude: ['test/browser/**', 'test/architecture/**', 'test/fault-soak.test.ts', '**/node_modules/**'],
          environment: 'node',
          globalSetup: ['test/support/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 600_000,
          // Deadline assertions are timing-sensitive; two files at a time on a 2-core machine.
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
        },
      },
      {
        test: {
          name: 'soak',
          include: ['test/fault-soak.test.ts'],
          environment: 'node',
          globalSetup: ['test/support/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 600_000,
          // Alone on the machine: it measures request times and reclaim lag while faults run.
          maxWorkers: 1,
          sequence: { groupOrder: 3 },
        },
      },
      {
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          environment: 'node',
          // The same Postgres and Temporal services as the integration tests, plus Chromium and the built UI.
          globalSetup: ['test/support/global-setup.ts', 'test/browser/global-setup.ts'],
          testTimeout: 90_000,
          hookTimeout: 600_000,
          // What a page shows after a click may take more than a second on a loaded 2-core machine
          // (a list of 231 customers refetched, two API pages): every wait for the page gets 10 s.
          expect: { poll: { timeout: 10_000 } },
          // One browser at a time, after the timing-sensitive integration tests.
          maxWorkers: 1,
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});

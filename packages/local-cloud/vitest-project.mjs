// Plain JavaScript on purpose: vitest loads each workspace's vitest.config.ts with Node, which
// cannot import the TypeScript sources of another workspace package.
import { defineProject } from 'vitest/config';

/**
 * The vitest project of one workspace package whose tests need the local cloud: its unit tests
 * beside the code and its integration tests under `test/`, after `test/global-setup.ts` started
 * the local cloud. Run alone with `pnpm --filter <package> test`, or with all the others by `pnpm test`.
 *
 * @param {string} name
 * @param {{ singleFork?: boolean, testTimeout?: number, hookTimeout?: number }} [options]
 */
export const localCloudProject = (
  name,
  { singleFork = false, testTimeout = 30_000, hookTimeout = 120_000 } = {},
) =>
  defineProject({
    test: {
      name,
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      globalSetup: ['./test/global-setup.ts'],
      env: { POWERTOOLS_LOG_LEVEL: 'SILENT' },
      // One file at a time where a load test must not skew another file's latency assertions.
      ...(singleFork ? { poolOptions: { forks: { singleFork: true } } } : {}),
      testTimeout,
      hookTimeout,
    },
  });

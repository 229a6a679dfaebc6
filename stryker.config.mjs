// @ts-check
import { fileURLToPath } from 'node:url';

/**
 * `pnpm mutate`: mutation testing of the code the README's guarantees rest on. Stryker changes one
 * thing at a time in these modules (a condition, an operator, a string) and runs the fast tests of
 * vitest.mutate.config.ts against each change; a change no test notices is a surviving mutant.
 *
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  packageManager: 'pnpm',
  // pnpm keeps each package's dependencies beside it, so core cannot find its plugins by scanning
  // its own node_modules: name them, resolved from here.
  plugins: ['@stryker-mutator/vitest-runner', '@stryker-mutator/typescript-checker'].map((name) =>
    fileURLToPath(import.meta.resolve(name)),
  ),
  mutate: [
    'packages/shared/src/**/*.ts',
    'packages/local-cloud/src/eventbridge/pattern/**/*.ts',
    'services/*/src/domain/**/*.ts',
    'services/*/src/store/**/*.ts',
    '!**/*.test.ts',
    // Test helpers (request builders, fuzz generators): what they do is checked by the tests using them.
    '!packages/shared/src/testing/**',
  ],
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutate.config.ts', related: true },
  checkers: ['typescript'],
  tsconfigFile: 'tsconfig.mutate.json',
  coverageAnalysis: 'perTest',
  // A mutant that loops forever is caught by Stryker's hit counter at once; a timeout means a slow
  // run on a busy machine, and costs a restart of the test runner. Be patient instead.
  timeoutMS: 20_000,
  // The initial run starts each service's local cloud and runs every fast test once, unmutated:
  // more than Stryker's default 5 minutes on a busy 2-core machine.
  dryRunTimeoutMinutes: 30,
  // Meant to be committed once a whole run has finished, so a fresh clone or CI starts from the
  // last results and tests only what changed since (`--force` tests everything); regenerated,
  // never merged by hand. Not committed yet: a whole run takes about 4 hours on 2 cores, and the
  // modules were measured one run each, with their own files (README, "Mutation testing").
  incremental: true,
  incrementalFile: 'stryker.incremental.json',
  concurrency: 1,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  thresholds: { high: 90, low: 80, break: 80 },
  ignorePatterns: [
    'reports',
    '.scratch',
    '**/.serverless',
    '**/.esbuild',
    '**/.local-cloud',
    'packages/bench/results',
  ],
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};

// @ts-check
import { fileURLToPath } from 'node:url';

/**
 * The modules measured, each with the test projects of vitest.mutate.config.ts that test it. A
 * mutant in module-level code (Stryker calls it static) runs every selected test, so each module is
 * run with its own tests only: shared's runtime with all services' tests would take hours.
 */
export const modules = {
  shared: {
    mutate: ['packages/shared/src/**/*.ts', '!packages/shared/src/openapi/**'],
    projects: ['shared'],
  },
  // The OpenAPI generation is tested through each service's committed document.
  openapi: {
    mutate: ['packages/shared/src/openapi/**/*.ts'],
    projects: ['shared', 'product-api-document', 'basket-api-document', 'ordering-api-document'],
  },
  'eventbridge-pattern': {
    mutate: ['packages/local-cloud/src/eventbridge/pattern/**/*.ts'],
    projects: ['eventbridge-pattern'],
  },
  ...Object.fromEntries(
    ['product', 'basket', 'ordering'].map((service) => [
      service,
      {
        mutate: [`services/${service}/src/domain/**/*.ts`, `services/${service}/src/store/**/*.ts`],
        projects: [service],
      },
    ]),
  ),
};

const NOT_MUTATED = [
  '!**/*.test.ts',
  // Test helpers (request builders, fuzz generators): what they do is checked by the tests using them.
  '!packages/shared/src/testing/**',
];

// `MUTATE_MODULE=<name> pnpm exec stryker run`: what `pnpm mutate` does for each of `modules` in
// turn (package.json reads their names from here); without it, one run over every module.
const moduleName = process.env.MUTATE_MODULE;
const selected = moduleName === undefined ? undefined : modules[moduleName];
if (moduleName !== undefined && selected === undefined) {
  throw new Error(`MUTATE_MODULE=${moduleName}: not one of ${Object.keys(modules).join(', ')}`);
}
// Read by vitest.mutate.config.ts in the test runner processes, which inherit this environment.
if (selected !== undefined) process.env.MUTATE_PROJECTS = selected.projects.join(',');

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
    ...(selected?.mutate ??
      Object.values(modules)
        .flatMap((module) => module.mutate)
        .filter((pattern) => !pattern.startsWith('!'))),
    ...NOT_MUTATED,
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
  // A later run tests only the mutants in changed code or covered by changed tests (`--force`
  // tests everything). Kept beside the reports, not committed: regenerated, never merged by hand.
  incremental: true,
  incrementalFile: `reports/mutation/${moduleName ?? 'all'}.incremental.json`,
  concurrency: 1,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: `reports/mutation/${moduleName ?? 'all'}.html` },
  jsonReporter: { fileName: `reports/mutation/${moduleName ?? 'all'}.json` },
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

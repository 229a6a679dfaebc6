import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The fast tests `pnpm mutate` (Stryker) runs against each mutant: unit tests and the integration
// tests that drive a store on DynamoDB Local. Left out: HTTP tests (serverless-offline serves its
// own esbuild bundle, which never sees Stryker's active mutant), template tests (no mutated code),
// outage and fuzz tests (minutes per mutant; they prove other things).
const POWERTOOLS_SILENT = { POWERTOOLS_LOG_LEVEL: 'SILENT' };

// Stryker runs in a copy of the repository but links each package's node_modules to the original,
// so a service importing `@eshop/shared` would get the original, unmutated code: shared's mutants
// would only ever meet shared's own tests, and its OpenAPI generation (tested through each
// service's document) none. Each of shared's entry points resolves to this copy instead.
const sharedDir = fileURLToPath(new URL('./packages/shared/', import.meta.url));
const sharedExports: Record<string, string> = JSON.parse(
  readFileSync(`${sharedDir}package.json`, 'utf8'),
).exports;
const thisCopyOfShared = Object.entries(sharedExports).map(([subpath, file]) => ({
  find: new RegExp(`^@eshop/shared${subpath.slice(1).replaceAll('/', '\\/')}$`),
  replacement: `${sharedDir}${file.slice(2)}`,
}));

// A mutant in code every test file loads (module-level code: Stryker calls it static) runs every
// test of the selected projects, so a module's own run selects the projects that test it, e.g.
// MUTATE_PROJECTS=shared,product-api-document,basket-api-document,ordering-api-document (README,
// "Mutation testing"). Unset, every project runs.
const selected = process.env.MUTATE_PROJECTS?.split(',');

const services = ['product', 'basket', 'ordering'];

const projects = [
  {
    test: {
      name: 'shared',
      root: 'packages/shared',
      include: ['src/**/*.test.ts'],
      // Bundles a fixture and runs it in a fresh process: the active mutant never reaches it.
      exclude: ['src/logging/deployed-stack-trace.test.ts'],
      env: POWERTOOLS_SILENT,
    },
  },
  {
    test: {
      name: 'eventbridge-pattern',
      root: 'packages/local-cloud',
      // The recorded AWS outcomes run straight through the matcher (recorded-cases.test.ts); the
      // same cases through the SDK and the emulator's HTTP API stay in `pnpm test`, where the
      // SDK's import and a server per run cost nothing per mutant.
      include: ['src/eventbridge/pattern/**/*.test.ts'],
      // Instrumented code runs a few times slower; a quadratic walk would still take seconds.
      env: { CPU_BOUND_FACTOR: '10' },
      // The property tests walk thousands of patterns: minutes, instrumented, on a busy machine.
      testTimeout: 120_000,
    },
  },
  ...services.map((service) => ({
    test: {
      name: service,
      root: `services/${service}`,
      include: [
        'src/domain/**/*.test.ts',
        'src/store/**/*.test.ts',
        'src/handlers/**/*.test.ts',
        'test/*.integration.test.ts',
      ],
      exclude: ['test/http-fuzz.*', 'test/consumer-fuzz.*', 'test/dynamodb-outage.*'],
      globalSetup: ['./test/global-setup.ts'],
      alias: thisCopyOfShared,
      env: POWERTOOLS_SILENT,
      testTimeout: 30_000,
      hookTimeout: 120_000,
    },
  })),
  // The committed OpenAPI document must equal what shared's generator makes of the routes: the
  // generator's tests. (Their check that the document is served needs the local cloud.)
  ...services.map((service) => ({
    test: {
      name: `${service}-api-document`,
      root: `services/${service}`,
      include: ['test/api-document.test.ts'],
      globalSetup: ['./test/global-setup.ts'],
      hookTimeout: 120_000,
      alias: thisCopyOfShared,
      env: POWERTOOLS_SILENT,
    },
  })),
];

export default defineConfig({
  test: {
    projects: projects.filter(({ test }) => selected === undefined || selected.includes(test.name)),
  },
});

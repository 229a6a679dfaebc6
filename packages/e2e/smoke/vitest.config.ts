import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// `pnpm smoke --stage <stage>`: the smoke suite alone, against a deployed stage (SMOKE_STAGE), with
// no local cloud. In `pnpm test` the same file runs in the e2e project, against the local cloud.
export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    name: 'smoke',
    include: ['test/smoke.e2e.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});

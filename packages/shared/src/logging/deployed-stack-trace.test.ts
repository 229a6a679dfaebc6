import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { esbuild as productionBundling, sharedEnvironment } from '@eshop/serverless-config';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// In its own file: it bundles and runs a fresh process, which never sees the mutant under test, so
// `pnpm mutate` (vitest.mutate.config.ts) leaves it out.

const run = promisify(execFile);
const packageDir = fileURLToPath(new URL('../..', import.meta.url));
const fixture = fileURLToPath(new URL('../../test/fixtures/failing-function/handler.ts', import.meta.url));

describe('a logged stack trace from a deployed bundle', () => {
  let dir: string;
  let logged: { error: { stack: string; location: string } };

  beforeAll(async () => {
    // Built as serverless-esbuild builds every function (minified CommonJS, linked source map, no
    // sources inside), then run in a fresh process with the environment every function is given.
    const { outputWorkFolder, exclude, outputFileExtension, skipRebuild, ...bundling } = productionBundling;
    dir = await mkdtemp(join(tmpdir(), 'source-mapped-stack-'));
    const bundle = join(dir, `src/functions/handler${outputFileExtension}`);
    await build({
      ...bundling,
      // From this package's folder, as serverless-esbuild builds from a service's: where the
      // bundling's aliases resolve (vitest may run from the repository root).
      absWorkingDir: packageDir,
      entryPoints: [fixture],
      outfile: bundle,
      logLevel: 'error',
    });
    // Powertools writes ERROR lines through console.error: stderr, which Lambda also ships to CloudWatch.
    const { stderr } = await run(process.execPath, [bundle], {
      env: { PATH: process.env.PATH, ...sharedEnvironment, POWERTOOLS_LOG_LEVEL: 'INFO' },
    });
    logged = JSON.parse(stderr);
  }, 60_000);

  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('comes from a function started without --enable-source-maps', () => {
    expect(Object.values(sharedEnvironment).join(' ')).not.toContain('--enable-source-maps');
  });

  it('names the TypeScript files and lines the error went through', () => {
    expect(logged.error.stack).toMatch(/^Error: no stock left for p-mug-01\n/);
    expect(logged.error.stack).toMatch(/at .*test\/fixtures\/failing-function\/reserve-stock\.ts:4:\d+\)?\n/);
    expect(logged.error.stack).toMatch(/at .*test\/fixtures\/failing-function\/handler\.ts:10:\d+/);
    expect(logged.error.stack).not.toMatch(/handler\.[cm]?js/);
    expect(logged.error.location).toMatch(/reserve-stock\.ts:4$/);
  });
});

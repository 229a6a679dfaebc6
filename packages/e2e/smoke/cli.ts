/**
 * `pnpm smoke --stage <stage> [--region <region>]`: the smoke suite against a deployed stage, with
 * the AWS credentials of the environment (the region: --region, AWS_REGION, or us-east-1, where the
 * deploy workflow deploys). Exits non-zero when any check fails.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const USAGE = 'usage: pnpm smoke --stage <stage> [--region <region>]\n';
const { values } = (() => {
  try {
    return parseArgs({
      args: process.argv.slice(2).filter((arg) => arg !== '--'),
      options: { stage: { type: 'string' }, region: { type: 'string' } },
    });
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}`);
    return process.exit(2);
  }
})();
if (values.stage === undefined || !/^[a-zA-Z0-9-]+$/.test(values.stage)) {
  process.stderr.write(USAGE);
  process.exit(2);
}

const vitest = createRequire(import.meta.url).resolve('vitest/vitest.mjs');
const config = fileURLToPath(new URL('./vitest.config.ts', import.meta.url));
const child = spawn(process.execPath, [vitest, 'run', '--config', config], {
  stdio: 'inherit',
  env: {
    ...process.env,
    SMOKE_STAGE: values.stage,
    SMOKE_REGION: values.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1',
  },
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal === null ? 1 : 128)));

/**
 * `pnpm chaos`: issue 17's chaos run. Boots the local cloud on free ports with fault proxies in
 * front of DynamoDB, EventBridge and SQS, runs `--runs` runs (seeds `--seed`, `--seed`+1, ...),
 * and writes packages/bench/results/chaos.{json,md}. Exits 1 if any invariant broke, after printing
 * its seed and the checkout ids involved.
 *
 *   pnpm chaos [--seed 1] [--runs 1] [--checkouts 1000] [--shoppers 100] [--concurrency 32]
 *              [--fault-rate 0.05] [--death-rate 0.01]
 */
import { createWriteStream } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { discoverServices } from '../dev/local-cloud.js';
import { startLocalCloudUnderTest } from '../testing/local-cloud-under-test.js';
import { writeChaosReport } from './report.js';
import { type ChaosReport, chaosTargetsOf, runChaos } from './run-chaos.js';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: String(Date.now() % 100_000) },
    runs: { type: 'string', default: '1' },
    checkouts: { type: 'string', default: '1000' },
    shoppers: { type: 'string', default: '100' },
    concurrency: { type: 'string', default: '32' },
    'fault-rate': { type: 'string', default: '0.05' },
    'death-rate': { type: 'string', default: '0.01' },
  },
});
const number = (name: keyof typeof values) => {
  const value = Number(values[name]);
  if (!Number.isFinite(value)) throw new Error(`--${name} must be a number, got ${values[name]}`);
  return value;
};

const main = async () => {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const servicesDir = join(repoRoot, 'services');
  const logs: string[] = [];
  // Everything the functions and the local cloud logged, for a failure's post-mortem.
  const logPath = join(tmpdir(), `chaos-${values.seed}.log`);
  const logFile = createWriteStream(logPath);
  const started = Date.now();
  console.log(
    `chaos: booting the local cloud with fault proxies (load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')})`,
  );
  const cloud = await startLocalCloudUnderTest(servicesDir, discoverServices(servicesDir), [], {
    faults: {},
    // A shared 2-core machine can take minutes to bundle and start three services at once.
    offlineStartupTimeoutMs: 300_000,
    onLog: (component, line) => {
      if (component === 'dynamodb') return;
      logs.push(line);
      logFile.write(`[${component}] ${line}\n`);
    },
  });
  const reports: ChaosReport[] = [];
  try {
    console.log(`chaos: ready in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    for (let run = 0; run < number('runs'); run++) {
      const seed = number('seed') + run;
      const firstLog = logs.length;
      const report = await runChaos({
        seed,
        checkouts: number('checkouts'),
        shoppers: number('shoppers'),
        concurrency: number('concurrency'),
        faultRate: number('fault-rate'),
        deathRate: number('death-rate'),
        ...chaosTargetsOf(cloud),
        logs: () => logs.slice(firstLog),
        onProgress: (message) => console.log(`chaos: ${message}`),
      });
      reports.push(report);
      console.log(
        `chaos: seed ${seed} ${report.passed ? 'passed' : 'FAILED'}: ${report.outcomes.accepted} accepted, ${report.outcomes.gaveUp} given up, ${report.client.retries} retries, ${report.instanceDeaths} instance deaths, drained in ${(report.durationsMs.drain / 1000).toFixed(1)} s`,
      );
      for (const invariant of report.invariants.filter((i) => !i.holds)) {
        console.error(`chaos: seed ${seed}: "${invariant.name}" broken by ${invariant.offenders.join(', ')}`);
      }
    }
  } finally {
    await cloud.stop();
  }
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}, load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} at the end`;
  await writeChaosReport(join(repoRoot, 'packages/bench/results'), reports, {
    date: new Date().toISOString(),
    machine,
  });
  logFile.end();
  console.log(`chaos: wrote packages/bench/results/chaos.{json,md}; the logs are in ${logPath}`);
  if (!reports.every((report) => report.passed)) process.exitCode = 1;
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

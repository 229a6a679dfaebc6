/**
 * `pnpm bench`: cold-start proxies for every function, API latency and throughput, the
 * checkout → order pipeline and `pnpm dev`'s own footprint, all in one run on this machine. Writes
 * results/latest.{json,md,svg} and prints the table. See ../README.md for what each figure means.
 * `pnpm bench --footprint` (or BENCH_ONLY=footprint) runs only the footprint section.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { discoverServices } from '@eshop/local-cloud';
import { runApiBenchmark } from './api/run-api.js';
import { runColdStartBenchmark } from './cold-start/run-cold-start.js';
import { runFootprintBenchmark } from './footprint/run-footprint.js';
import { footprintSettings } from './footprint/settings.js';
import { startBenchCloud } from './local-cloud/start-cloud.js';
import { describeMachine, machineLoad } from './machine.js';
import { measureOrderWriteFloor, runCheckoutPipeline } from './pipeline/run-pipeline.js';
import { runQueueDrain } from './pipeline/run-queue-drain.js';
import { writeResults } from './report/write-results.js';
import type { BenchResults } from './results.js';
import { userTokens } from './shop/auth.js';

if (process.argv.includes('--footprint') || process.env.BENCH_ONLY === 'footprint') {
  await import('./footprint/cli.js');
  process.exit(process.exitCode ?? 0);
}

// Node 20 here, 22 on Lambda: the SDK's "upgrade Node" warning would only clutter the output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const servicesDir = fileURLToPath(new URL('../../../services', import.meta.url));
const resultsDir = fileURLToPath(new URL('../results', import.meta.url));
const started = performance.now();
const log = (line: string) =>
  process.stderr.write(`[bench ${((performance.now() - started) / 1000).toFixed(0)}s] ${line}\n`);

// BENCH_QUICK=1 runs every part with small numbers: to check the harness, not to quote figures.
const quick = process.env.BENCH_QUICK === '1';
// BENCH_ONLY=cold-start measures only the cold starts (~5 min) and replaces that part of
// results/latest.* ; the API and pipeline figures stay those of the last full run.
const only = process.env.BENCH_ONLY;
if (only !== undefined && only !== 'cold-start')
  throw new Error(`BENCH_ONLY=${only}: only cold-start is supported`);
const settings = {
  coldStartRuns: quick ? 3 : 25,
  concurrencies: [1, 16, 64],
  durationSeconds: quick ? 2 : 8,
  warmUpSeconds: quick ? 1 : 2,
  warmUpRequestsPerConnection: 3,
  checkoutsPerLevel: { 1: quick ? 10 : 100, 16: quick ? 50 : 400, 64: quick ? 64 : 640 } as Record<
    number,
    number
  >,
  pipelineCheckouts: quick ? 100 : 1000,
  pipelineConcurrency: 32,
  extraPollers: [0, 4],
};

const machine = describeMachine();
const loadAtStart = machineLoad();
log(
  `${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}; load ${loadAtStart.loadAverage1m}`,
);

// Cold starts first, with nothing else of ours running, so only the processes under test use the CPU.
log('cold start: packaging every service, then cold-starting each function');
const services = discoverServices(servicesDir);
const coldStart = await runColdStartBenchmark(servicesDir, services, settings.coldStartRuns, log);

if (only === 'cold-start') {
  const previous = JSON.parse(await readFile(join(resultsDir, 'latest.json'), 'utf8')) as BenchResults;
  const table = await writeResults(resultsDir, { ...previous, coldStart });
  process.stdout.write(`${table}\n`);
  log(
    `cold start only: done in ${((performance.now() - started) / 1000).toFixed(0)} s; results in ${resultsDir}`,
  );
  process.exit(0);
}

log('starting the local cloud');
const cloud = await startBenchCloud();
let results: BenchResults;
try {
  const tokens = userTokens(cloud.issuer);
  log('API latency and throughput');
  const api = await runApiBenchmark(
    cloud,
    tokens,
    {
      concurrencies: settings.concurrencies,
      durationSeconds: settings.durationSeconds,
      warmUpSeconds: settings.warmUpSeconds,
      warmUpRequestsPerConnection: settings.warmUpRequestsPerConnection,
      checkoutsPerLevel: (concurrency) => settings.checkoutsPerLevel[concurrency] ?? 100,
    },
    log,
  );
  log(
    `event pipeline: ${settings.pipelineCheckouts} checkouts at concurrency ${settings.pipelineConcurrency}`,
  );
  const pipeline = await runCheckoutPipeline(
    cloud,
    tokens,
    { label: 'default', checkouts: settings.pipelineCheckouts, concurrency: settings.pipelineConcurrency },
    log,
  );
  log(
    `  orders/s ${pipeline.ordersPerSecond.toFixed(0)}, 202→order p50 ${pipeline.toOrderSeenMs.median.toFixed(0)} ms, p99 ${pipeline.toOrderSeenMs.p99.toFixed(0)} ms, found ${pipeline.census.found}`,
  );
  log('DynamoDB Local write floor');
  const writeFloor = await measureOrderWriteFloor(cloud, pipeline.sampleUser, {
    writes: settings.pipelineCheckouts,
    concurrency: settings.pipelineConcurrency,
  });
  // The consumer side alone: a backlog published straight onto the bus, drained by the local
  // cloud's own five pollers, then with extra pollers beside them.
  const drains = [];
  for (const extraPollers of settings.extraPollers) {
    const drain = await runQueueDrain(cloud, {
      label: extraPollers === 0 ? 'local cloud (5 pollers)' : `+${extraPollers} extra pollers`,
      events: settings.pipelineCheckouts,
      extraPollers,
    });
    log(
      `  queue drain, ${drain.label}: ${drain.ordersPerSecond.toFixed(0)} orders/s, found ${drain.census.found}`,
    );
    drains.push(drain);
  }
  results = {
    machine,
    loadAtStart,
    loadAtEnd: machineLoad(),
    settings: { ...settings, quick },
    durationSeconds: (performance.now() - started) / 1000,
    coldStart,
    api,
    pipeline: { runs: [pipeline], writeFloor, drains },
  };
} finally {
  await cloud.stop();
}

// Last, with the benchmark's own local cloud gone: `pnpm dev` as a user starts it, alone.
log("pnpm dev's footprint: memory at rest, under 100 shoppers and after; readiness; hot reload");
results.footprint = await runFootprintBenchmark(footprintSettings(quick), log);
results.loadAtEnd = machineLoad();
results.durationSeconds = (performance.now() - started) / 1000;

const table = await writeResults(resultsDir, results);
process.stdout.write(`${table}\n`);
log(`done in ${results.durationSeconds.toFixed(0)} s; results in ${resultsDir}`);

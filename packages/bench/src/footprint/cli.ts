/**
 * `pnpm --filter @eshop/bench bench:footprint`: only the footprint section of `pnpm bench` (about
 * 4 minutes), written into results/latest.{json,md,svg} beside the other sections of the last full
 * run, with its own date. BENCH_QUICK=1 runs it with small numbers.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { machineLoad } from '../machine.js';
import { writeResults } from '../report/write-results.js';
import type { BenchResults } from '../results.js';
import { runFootprintBenchmark } from './run-footprint.js';
import { footprintSettings } from './settings.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const resultsDir = fileURLToPath(new URL('../../results', import.meta.url));
const started = performance.now();
const log = (line: string) =>
  process.stderr.write(`[bench footprint ${((performance.now() - started) / 1000).toFixed(0)}s] ${line}\n`);

const latest = `${resultsDir}/latest.json`;
if (!existsSync(latest)) throw new Error('no results/latest.json yet: run the whole `pnpm bench` first');
const results = JSON.parse(await readFile(latest, 'utf8')) as BenchResults;
const loadAtStart = machineLoad();
log(`pnpm dev's footprint; load average ${loadAtStart.loadAverage1m}`);
const footprint = await runFootprintBenchmark(footprintSettings(process.env.BENCH_QUICK === '1'), log);
results.footprint = { ...footprint, measuredAt: { date: new Date().toISOString(), loadAtStart } };
process.stdout.write(`${await writeResults(resultsDir, results)}\n`);
log(`done; results in ${resultsDir}`);

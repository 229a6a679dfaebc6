import type { BenchResults } from '../results.js';

/** The goals the figures are judged against (issue 7; cold start: issue 14; the footprint's: issue 18). */
export const TARGETS = {
  initRatio: 0.75,
  coldStartRatio: 0.75,
  sizeRatio: 0.3,
  orderP50Ms: 300,
  orderP99Ms: 1000,
  idleBytes: 2 ** 30,
  loadBytes: 1.5 * 2 ** 30,
  readySeconds: 15,
  hotReloadSeconds: 8,
} as const;

const gib = (bytes: number) => `${(bytes / 2 ** 30).toFixed(2)} GiB`;

const footprintChecks = ({ footprint }: BenchResults): TargetCheck[] => {
  if (footprint === undefined) return [];
  const underLoad = Math.max(footprint.load.peakBytes, footprint.after.peakBytes);
  const statuses = Object.values(footprint.shoppers.statuses);
  const count503 = statuses.reduce((sum, codes) => sum + (codes['503'] ?? 0), 0);
  const slowestReload = Math.max(...footprint.hotReload.reloadMs) / 1000;
  const { census, shoppers } = footprint;
  return [
    {
      target: `pnpm dev at rest ≤ ${gib(TARGETS.idleBytes)} (summed RSS)`,
      measured: gib(footprint.idle.peakBytes),
      met: footprint.idle.peakBytes <= TARGETS.idleBytes,
    },
    {
      target: `pnpm dev during and after ${footprint.settings.shoppers} checkouts at concurrency ${footprint.settings.concurrency} ≤ ${gib(TARGETS.loadBytes)}`,
      measured: gib(underLoad),
      met: underLoad <= TARGETS.loadBytes,
    },
    {
      target: 'that load: 0 × 503, 0 function timeouts, 0 retries, every order written',
      measured: `${count503} × 503, ${footprint.functionTimeouts} timeouts, ${shoppers.retries} retries, ${census.found}/${census.expected} orders`,
      met:
        count503 === 0 &&
        footprint.functionTimeouts === 0 &&
        footprint.integrationTimeouts === 0 &&
        shoppers.retries === 0 &&
        shoppers.failed === 0 &&
        census.found === census.expected &&
        census.missing === 0 &&
        census.duplicated === 0,
    },
    {
      target: `pnpm dev ready in ≤ ${TARGETS.readySeconds} s`,
      measured: `${(footprint.readyMs / 1000).toFixed(1)} s (${footprint.cpuSecondsToReady.toFixed(0)} CPU s; other work: ${footprint.startupNoise.foreignCores} cores)`,
      met: footprint.readyMs / 1000 <= TARGETS.readySeconds,
    },
    {
      target: `an edited handler answers within ${TARGETS.hotReloadSeconds} s`,
      measured: `${slowestReload.toFixed(1)} s at most`,
      met: slowestReload <= TARGETS.hotReloadSeconds,
    },
  ];
};

export interface TargetCheck {
  target: string;
  measured: string;
  met: boolean;
}

export const checkTargets = (results: BenchResults): TargetCheck[] => {
  const { functions } = results.coldStart;
  const worstInit = Math.max(...functions.map((fn) => fn.initRatio));
  const bestInit = Math.min(...functions.map((fn) => fn.initRatio));
  const worstSize = Math.max(...functions.map((fn) => fn.sizeRatio));
  const bestSize = Math.min(...functions.map((fn) => fn.sizeRatio));
  const coldStarts = functions.flatMap((fn) => (fn.coldStartRatio === undefined ? [] : [fn.coldStartRatio]));
  const pipeline = results.pipeline.runs[0];
  const checks: TargetCheck[] = [
    {
      target: `init time ≤ ${TARGETS.initRatio}× plain, every function`,
      measured: `${bestInit.toFixed(2)}×–${worstInit.toFixed(2)}×`,
      met: worstInit <= TARGETS.initRatio,
    },
    {
      target: `cold start (init + first request through DynamoDB Local) ≤ ${TARGETS.coldStartRatio}× plain`,
      measured:
        coldStarts.length === 0
          ? 'not measured'
          : `${Math.min(...coldStarts).toFixed(2)}×–${Math.max(...coldStarts).toFixed(2)}× (${coldStarts.length} functions)`,
      met: coldStarts.length > 0 && Math.max(...coldStarts) <= TARGETS.coldStartRatio,
    },
    {
      target: `bundle size ≤ ${TARGETS.sizeRatio}× plain, every function`,
      measured: `${bestSize.toFixed(2)}×–${worstSize.toFixed(2)}×`,
      met: worstSize <= TARGETS.sizeRatio,
    },
  ];
  if (pipeline !== undefined) {
    checks.push(
      {
        target: `checkout → order p50 < ${TARGETS.orderP50Ms} ms`,
        measured: `${pipeline.toOrderSeenMs.median.toFixed(0)} ms`,
        met: pipeline.toOrderSeenMs.median < TARGETS.orderP50Ms,
      },
      {
        target: `checkout → order p99 < ${TARGETS.orderP99Ms} ms`,
        measured: `${pipeline.toOrderSeenMs.p99.toFixed(0)} ms`,
        met: pipeline.toOrderSeenMs.p99 < TARGETS.orderP99Ms,
      },
      {
        target: 'every checkout is exactly one order',
        measured: `${pipeline.census.found} found for ${pipeline.census.expected} (${pipeline.census.missing} missing, ${pipeline.census.duplicated} duplicated)`,
        met:
          pipeline.census.found === pipeline.census.expected &&
          pipeline.census.missing === 0 &&
          pipeline.census.duplicated === 0,
      },
    );
  }
  return [...checks, ...footprintChecks(results)];
};

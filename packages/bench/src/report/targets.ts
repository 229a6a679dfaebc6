import type { BenchResults } from '../results.js';

/** The goals the figures are judged against (issue 7; cold start: issue 14). */
export const TARGETS = {
  initRatio: 0.75,
  coldStartRatio: 0.75,
  sizeRatio: 0.3,
  orderP50Ms: 300,
  orderP99Ms: 1000,
} as const;

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
  return checks;
};

import { type Summary, summarize } from '../stats.js';

export interface ClosedLoopResult {
  completed: number;
  errors: number;
  elapsedMs: number;
  perSecond: number;
  latencyMs: Summary;
  /** The first few distinct error messages, to tell a broken setup from an overloaded one. */
  errorSamples: string[];
}

/**
 * `concurrency` workers each run `task` back to back (a closed loop, like autocannon's
 * connections) until `total` tasks have started or `durationMs` has passed. `task` gets the
 * task's sequence number, so each one can use its own data (user, item key).
 */
export const runClosedLoop = async (
  concurrency: number,
  limit: { total: number } | { durationMs: number },
  task: (index: number) => Promise<void>,
): Promise<ClosedLoopResult> => {
  const latencies: number[] = [];
  const errorSamples = new Set<string>();
  let errors = 0;
  let next = 0;
  const started = performance.now();
  const deadline = 'durationMs' in limit ? started + limit.durationMs : Number.POSITIVE_INFINITY;
  const total = 'total' in limit ? limit.total : Number.POSITIVE_INFINITY;
  const worker = async () => {
    while (next < total && performance.now() < deadline) {
      const index = next++;
      const begin = performance.now();
      try {
        await task(index);
        latencies.push(performance.now() - begin);
      } catch (error) {
        errors++;
        if (errorSamples.size < 3) errorSamples.add((error as Error).message.slice(0, 200));
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsedMs = performance.now() - started;
  return {
    completed: latencies.length,
    errors,
    elapsedMs,
    perSecond: (latencies.length / elapsedMs) * 1000,
    latencyMs: summarize(latencies),
    errorSamples: [...errorSamples],
  };
};

import type { ApiRow } from './api/run-api.js';
import type { ColdStartResult } from './cold-start/run-cold-start.js';
import type { FootprintResult } from './footprint/run-footprint.js';
import type { MachineInfo, machineLoad } from './machine.js';
import type { PipelineResult, WriteFloorResult } from './pipeline/run-pipeline.js';
import type { QueueDrainResult } from './pipeline/run-queue-drain.js';

/** Everything one `pnpm bench` measured: results/latest.json. */
export interface BenchResults {
  machine: MachineInfo;
  loadAtStart: ReturnType<typeof machineLoad>;
  loadAtEnd: ReturnType<typeof machineLoad>;
  settings: Record<string, unknown>;
  durationSeconds: number;
  coldStart: ColdStartResult;
  api: ApiRow[];
  pipeline: {
    /** The default run (the local cloud's own pollers), then any runs with extra pollers. */
    runs: PipelineResult[];
    writeFloor: WriteFloorResult;
    /** The consumer side's capacity: a backlog drained, without and with extra pollers. */
    drains: QueueDrainResult[];
  };
  /**
   * `pnpm dev` itself: memory of every process it starts, at rest, under a shopper load and after;
   * readiness; hot reload. Absent from results written before it existed.
   */
  footprint?: FootprintResult & {
    /** When this section was measured, if it was re-run alone (`pnpm --filter @eshop/bench bench:footprint`). */
    measuredAt?: { date: string; loadAtStart: ReturnType<typeof machineLoad> };
  };
}

// @eshop/local-cloud/chaos: issue 17's chaos run, for `pnpm chaos` and the short run in `pnpm test`.
export type { ClientStats } from './chaos-client.js';
export { type FaultProxiesOptions, type RunningFaultProxies, startFaultProxies } from './fault-proxies.js';
export {
  INSTANCE_DEATH_EXIT_CODE,
  INSTANCE_DEATH_HEADER,
  INSTANCE_DEATH_MARK,
  instanceDeaths,
} from './instance-death.js';
export type { Invariant } from './invariants.js';
export { renderChaosMarkdown, writeChaosReport } from './report.js';
export {
  type ChaosCloud,
  type ChaosOptions,
  type ChaosReport,
  chaosTargetsOf,
  runChaos,
} from './run-chaos.js';

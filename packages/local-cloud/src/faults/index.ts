export { AWS_FAULTS, type AwsService } from './aws-faults.js';
export { CONTROL_PATH } from './control-api.js';
export type { FaultCounts, OperationCounts } from './fault-counts.js';
export type { DurationMs, FaultConfig, FaultRates } from './fault-plan.js';
export { type FaultProxyOptions, type RunningFaultProxy, startFaultProxy } from './fault-proxy.js';

import type { AwsService } from '../faults/aws-faults.js';
import type { FaultCounts } from '../faults/fault-counts.js';
import type { FaultConfig } from '../faults/fault-plan.js';
import { type RunningFaultProxy, startFaultProxy } from '../faults/fault-proxy.js';

export type LocalEndpoints = Record<AwsService, string>;

export interface FaultProxiesOptions {
  /** One seed for the whole run; each proxy draws its own stream from it. Default: random. */
  seed?: number;
  /** Each service's fault configuration; all of them stay off until `enable()`. */
  configs?: Partial<Record<AwsService, FaultConfig>>;
}

/** A fault proxy in front of each emulator the functions (and their event source mapping) use. */
export interface RunningFaultProxies {
  readonly seed: number;
  /** Each proxy's URL: what the functions' `AWS_ENDPOINT_URL_<SERVICE>` point at. */
  readonly endpoints: LocalEndpoints;
  /** Each proxy's control API (`<url>/__faults`), for a test or tool in another process. */
  readonly controls: LocalEndpoints;
  readonly proxies: Record<AwsService, RunningFaultProxy>;
  enable(): void;
  /** Faults stop (and any freeze ends) everywhere; requests pass untouched. */
  disable(): void;
  counts(): Record<AwsService, FaultCounts>;
  stop(): Promise<void>;
}

const SERVICES: readonly AwsService[] = ['dynamodb', 'eventbridge', 'sqs'];

const byService = <T>(make: (service: AwsService) => T): Record<AwsService, T> =>
  Object.fromEntries(SERVICES.map((service) => [service, make(service)])) as Record<AwsService, T>;

/**
 * Starts a fault proxy in front of DynamoDB, EventBridge and SQS, all on one seed and all off:
 * until `enable()` they forward and count. The local cloud starts them when asked for faults.
 *
 * @example
 * const faults = await startFaultProxies(endpoints, { seed: 7, configs: { dynamodb: { rates: { errorBeforeForward: 0.05 } } } });
 * environment.AWS_ENDPOINT_URL_DYNAMODB = faults.endpoints.dynamodb;
 */
export const startFaultProxies = async (
  upstreams: LocalEndpoints,
  { seed = Math.floor(Math.random() * 2 ** 31), configs = {} }: FaultProxiesOptions = {},
): Promise<RunningFaultProxies> => {
  const started: RunningFaultProxy[] = [];
  try {
    for (const service of SERVICES) {
      started.push(
        await startFaultProxy({ service, upstream: upstreams[service], seed, ...configs[service] }),
      );
    }
  } catch (error) {
    await Promise.all(started.map((proxy) => proxy.stop()));
    throw error;
  }
  const proxies = byService(
    (service) => started.find((proxy) => proxy.service === service) as RunningFaultProxy,
  );
  return {
    seed,
    endpoints: byService((service) => proxies[service].url),
    controls: byService((service) => `${proxies[service].url}/__faults`),
    proxies,
    enable: () => {
      for (const proxy of started) proxy.enable();
    },
    disable: () => {
      for (const proxy of started) proxy.disable();
    },
    counts: () => byService((service) => proxies[service].counts()),
    stop: async () => {
      await Promise.all(started.map((proxy) => proxy.stop()));
    },
  };
};

import { randomInt as cryptoRandomInt } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { INSTANCE_DEATH_HEADER, INSTANCE_DEATH_MARK } from '../chaos/instance-death.js';
import {
  AWS_FAULTS,
  type AwsService,
  type FaultRequest,
  TARGET_PREFIXES,
  type WireResponse,
} from './aws-faults.js';
import { CONTROL_PATH, handleControlRequest } from './control-api.js';
import { createFaultCounter, type FaultCounts, isSdkRetry } from './fault-counts.js';
import { decideFault, type FaultConfig, validateFaultConfig } from './fault-plan.js';
import { createFreeze } from './freeze.js';
import { createUpstream, readBody, send } from './http-relay.js';
import { deriveSeed, seededRandom } from './random.js';

export interface FaultProxyOptions extends FaultConfig {
  /** Which AWS API the upstream speaks; decides the errors and their wire format. */
  service: AwsService;
  /** The emulator's endpoint, e.g. DynamoDB Local's. */
  upstream: string;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0 (a free port). */
  port?: number;
  /** Seed of every draw; default a random one, readable from `seed`. */
  seed?: number;
  /** Faults are off unless this is true (or `enable()` is called). */
  enabled?: boolean;
}

export interface RunningFaultProxy {
  /** What the functions' `AWS_ENDPOINT_URL_<SERVICE>` points at. */
  readonly url: string;
  readonly service: AwsService;
  /** The seed of the draws since start or the last `reseed`. */
  readonly seed: number;
  /** Starts the draws again from `seed`, so a run on a running proxy is reproducible too. */
  reseed(seed: number): void;
  isEnabled(): boolean;
  /** Starts injecting faults at the configured rates. */
  enable(): void;
  /** Stops injecting faults and ends any freeze; requests pass untouched. */
  disable(): void;
  /** Replaces the fault configuration (validated; throws a RangeError). */
  configure(config: FaultConfig): void;
  config(): FaultConfig;
  /** Holds every request and answer for `ms` from now, enabled or not. */
  freeze(ms: number): void;
  /** Copies of the counters: requests, SDK retries and every injected fault by kind. */
  counts(): FaultCounts;
  resetCounts(): void;
  stop(): Promise<void>;
}

const operationOf = (service: AwsService, target: string | string[] | undefined): string | undefined =>
  typeof target === 'string' && target.startsWith(TARGET_PREFIXES[service])
    ? target.slice(TARGET_PREFIXES[service].length)
    : undefined;

const parseInput = (body: Buffer): Record<string, unknown> | undefined => {
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8') || '{}');
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
};

/**
 * Starts an HTTP proxy in front of one local AWS endpoint that, when enabled, answers a share of
 * requests with the errors AWS really returns, in AWS's wire format, before or after forwarding
 * them, adds latency, or freezes the endpoint. Off by default: until enabled it only forwards and
 * counts. Only AWS JSON requests (with `X-Amz-Target`) get faults; anything else passes through.
 * Control it here or over HTTP under `/__faults` (see control-api.ts).
 *
 * @example
 * const ddbFaults = await startFaultProxy({ service: 'dynamodb', upstream: ddb.endpoint, seed: 7,
 *   enabled: true, rates: { errorBeforeForward: 0.05, errorAfterForward: 0.05 } });
 * env.AWS_ENDPOINT_URL_DYNAMODB = ddbFaults.url;
 */
export const startFaultProxy = async (options: FaultProxyOptions): Promise<RunningFaultProxy> => {
  const {
    service,
    upstream: upstreamUrl,
    host = '127.0.0.1',
    port = 0,
    seed = cryptoRandomInt(2 ** 31),
  } = options;
  const faults = AWS_FAULTS[service];
  const faultNames = faults.map((fault) => fault.name);
  let config: FaultConfig = {
    rates: options.rates,
    operations: options.operations,
    errors: options.errors,
    latencyMs: options.latencyMs,
    freezeMs: options.freezeMs,
  };
  validateFaultConfig(config, faultNames);
  let enabled = options.enabled ?? false;
  let currentSeed = seed;
  let random = seededRandom(deriveSeed(seed, service));
  const counter = createFaultCounter();
  const upstream = createUpstream(upstreamUrl);
  // Ends the waits of held and delayed requests when the proxy stops, so no timer outlives it.
  const stopping = new AbortController();
  const frozen = createFreeze(stopping.signal);
  const waitWhileFrozen = async (operation: string): Promise<void> => {
    if (await frozen.waitOut()) counter.fault(operation, 'heldByFreeze');
  };

  const answerWithFaults = async (incoming: IncomingMessage, body: Buffer): Promise<WireResponse> => {
    const operation = operationOf(service, incoming.headers['x-amz-target']);
    const input = parseInput(body);
    counter.request(operation ?? 'unknown', isSdkRetry(incoming.headers['amz-sdk-request']));
    await waitWhileFrozen(operation ?? 'unknown');
    if (!enabled || operation === undefined || input === undefined) {
      return upstream.forward(incoming, body);
    }
    const decision = decideFault(config, faults, operation, random);
    const request: FaultRequest = { operation, input, random };
    switch (decision.kind) {
      case 'none':
        return upstream.forward(incoming, body);
      case 'latency':
        counter.fault(operation, 'latency');
        await sleep(decision.ms, undefined, { signal: stopping.signal });
        return upstream.forward(incoming, body);
      case 'freeze':
        counter.fault(operation, 'freeze');
        frozen.freezeFor(decision.ms);
        await waitWhileFrozen(operation);
        return upstream.forward(incoming, body);
      case 'errorBeforeForward':
        counter.fault(operation, `errorBeforeForward:${decision.fault.name}`);
        return decision.fault.before(request, (rewritten) =>
          upstream.forward(incoming, JSON.stringify(rewritten)),
        );
      case 'instanceDeath': {
        const answer = await upstream.forward(incoming, body);
        counter.fault(operation, 'instanceDeath');
        return { ...answer, headers: { ...answer.headers, [INSTANCE_DEATH_HEADER]: INSTANCE_DEATH_MARK } };
      }
      case 'errorAfterForward': {
        const answer = await upstream.forward(incoming, body);
        counter.fault(operation, `errorAfterForward:${decision.fault.name}`);
        return decision.fault.after?.(request, answer) ?? answer;
      }
    }
  };

  const handle = async (incoming: IncomingMessage, response: ServerResponse): Promise<void> => {
    const body = await readBody(incoming);
    if (incoming.url?.startsWith(CONTROL_PATH)) {
      send(response, handleControlRequest(handleApi, incoming, body));
      return;
    }
    try {
      const answer = await answerWithFaults(incoming, body);
      // An answer that comes back during a freeze waits for its end too.
      await waitWhileFrozen(operationOf(service, incoming.headers['x-amz-target']) ?? 'unknown');
      send(response, answer);
    } catch {
      // The emulator is unreachable (or the proxy is stopping): the caller sees a dropped
      // connection, as it would without the proxy.
      response.socket?.destroy();
    }
  };

  const server = createServer((incoming, response) => void handle(incoming, response));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;

  const handleApi: RunningFaultProxy = {
    url: `http://${host}:${address.port}`,
    service,
    get seed() {
      return currentSeed;
    },
    reseed: (next) => {
      if (!Number.isInteger(next)) throw new RangeError(`seed must be an integer, got ${next}`);
      currentSeed = next;
      random = seededRandom(deriveSeed(next, service));
    },
    isEnabled: () => enabled,
    enable: () => {
      enabled = true;
    },
    disable: () => {
      enabled = false;
      frozen.lift();
    },
    configure: (next) => {
      validateFaultConfig(next, faultNames);
      config = { ...next };
    },
    config: () => ({ ...config }),
    freeze: (ms) => {
      if (!(Number.isInteger(ms) && ms >= 0)) throw new RangeError(`freeze needs whole ms >= 0, got ${ms}`);
      frozen.freezeFor(ms);
    },
    counts: () => counter.snapshot(),
    resetCounts: () => counter.reset(),
    stop: async () => {
      stopping.abort();
      await new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
      upstream.destroy();
    },
  };
  return handleApi;
};

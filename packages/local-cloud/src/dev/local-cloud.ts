import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { startDevIssuer } from '../auth/dev-issuer.js';
import {
  type FaultProxiesOptions,
  type RunningFaultProxies,
  startFaultProxies,
} from '../chaos/fault-proxies.js';
import { instanceDeaths } from '../chaos/instance-death.js';
import { createTables } from '../dynamodb/create-tables.js';
import { startDynamoDbLocal } from '../dynamodb/dynamodb-local.js';
import { seedTables } from '../dynamodb/seed-tables.js';
import { createEventBuses, createEventRules } from '../eventbridge/create-event-resources.js';
import { startEventBridge } from '../eventbridge/index.js';
import { localAwsEnvironment } from '../local-aws.js';
import { lineLogger } from '../logger.js';
import { launchServiceOffline, type RunningServiceOffline } from '../offline/serverless-offline.js';
import { assertPortFree } from '../process/free-port.js';
import { createQueues, type LocalQueue, startQueueConsumers } from '../queues/index.js';
import { startLocalSqs } from '../sqs/index.js';
import type { ServiceConfig } from '../templates/service-config.js';
import { LOCAL_HOST, type LocalCloudPorts, portAssignments } from './ports.js';

export interface LocalCloudOptions {
  /** The folder holding one folder per service, each with a serverless.ts. */
  servicesDir: string;
  ports: LocalCloudPorts;
  /** Keep DynamoDB data in this folder between runs; default in memory. */
  persistDir?: string;
  /** Stage the services' serverless.ts is resolved for. */
  stage?: string;
  /** Each log line, with the component it came from. */
  onLog?: (component: string, line: string) => void;
  /**
   * Puts a fault proxy (off until enabled) in front of DynamoDB, EventBridge and SQS for the
   * functions and their event source mappings, and lets function instances be killed by it
   * (src/chaos). Default: no proxies, nothing changed.
   */
  faults?: FaultProxiesOptions;
  /** How long each service's serverless-offline may take to answer (default 60 s). */
  offlineStartupTimeoutMs?: number;
}

export interface RunningLocalCloud {
  endpoints: { dynamodb: string; sqs: string; eventbridge: string };
  /** The development token issuer: `POST <issuer>/token {"userName", "groups"?}`. */
  issuer: string;
  /** Base URL of each service's HTTP API. */
  services: Record<string, string>;
  /** Each service's function environment as resolved for the stage (literal values only). */
  environments: Record<string, Record<string, string>>;
  /** The fault proxies, when started with `faults`. */
  faults?: RunningFaultProxies;
  stop: () => Promise<void>;
}

/** Service folders that have a serverless.ts, in a stable order. */
export const discoverServices = (servicesDir: string): string[] =>
  readdirSync(servicesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(servicesDir, entry.name, 'serverless.ts')))
    .map((entry) => entry.name)
    .sort();

/** How services find each other locally: `PRODUCT_API_URL` etc., read by their serverless.ts params. */
const serviceUrlEnvironment = (ports: LocalCloudPorts): Record<string, string> =>
  Object.fromEntries(
    Object.entries(ports.services).map(([name, { http }]) => [
      `${name.toUpperCase().replaceAll('-', '_')}_API_URL`,
      `http://${LOCAL_HOST}:${http}`,
    ]),
  );

/**
 * Starts the whole system on this machine: DynamoDB Local, SQS and EventBridge emulators; every
 * table, bus and rule declared in the services' own serverless.ts; the seed data; and each service
 * under serverless-offline. On any failure, everything already started is stopped again.
 */
export const startLocalCloud = async ({
  servicesDir,
  ports,
  persistDir,
  stage = 'local',
  onLog = () => undefined,
  faults: faultOptions,
  offlineStartupTimeoutMs,
}: LocalCloudOptions): Promise<RunningLocalCloud> => {
  const names = Object.keys(ports.services);
  for (const { port, variable } of portAssignments(ports)) await assertPortFree(port, LOCAL_HOST, variable);

  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    stops.length = 0;
  };

  try {
    const sqs = await startLocalSqs({ host: LOCAL_HOST, port: ports.sqs });
    stops.push(sqs.stop);
    const issuer = await startDevIssuer({ host: LOCAL_HOST, port: ports.auth });
    stops.push(issuer.stop);
    const eventBridge = await startEventBridge({
      host: LOCAL_HOST,
      port: ports.eventbridge,
      sqsEndpoint: sqs.url,
      logger: lineLogger((message) => onLog('eventbridge', message)),
    });
    stops.push(eventBridge.stop);
    const endpoints = {
      dynamodb: `http://${LOCAL_HOST}:${ports.dynamodb}`,
      sqs: sqs.url,
      eventbridge: eventBridge.url,
    };
    // The proxies only forward (until a chaos run turns faults on), so they start before what they
    // stand in front of is up.
    const faults = faultOptions === undefined ? undefined : await startFaultProxies(endpoints, faultOptions);
    if (faults !== undefined) stops.push(faults.stop);
    // What the functions and their event source mappings reach: the proxies, when there are any.
    const functionEndpoints = faults?.endpoints ?? endpoints;
    const environment = {
      ...localAwsEnvironment(functionEndpoints),
      ...(faults === undefined ? {} : instanceDeaths.env),
      ...serviceUrlEnvironment(ports),
      JWT_ISSUER: issuer.issuer,
      JWT_AUDIENCE: issuer.audience,
    };
    // Everything slow starts at once: each service's serverless-offline resolves its configuration
    // and builds its functions while DynamoDB Local boots. The configurations it writes first are
    // what the resources are created from (the same resolution `serverless print` does).
    const launched = names.map((name) => {
      const service = launchServiceOffline({
        serviceDir: join(servicesDir, name),
        stage,
        host: LOCAL_HOST,
        httpPort: ports.services[name]?.http ?? 0,
        lambdaPort: ports.services[name]?.lambda ?? 0,
        env: environment,
        nodeArgs: faults === undefined ? [] : instanceDeaths.nodeArgs,
        ...(offlineStartupTimeoutMs === undefined ? {} : { startupTimeoutMs: offlineStartupTimeoutMs }),
        onLine: (line) => onLog(name, line),
      });
      stops.push(service.stop);
      return service;
    });
    const dynamodb = await startDynamoDbLocal({
      host: LOCAL_HOST,
      port: ports.dynamodb,
      dbPath: persistDir,
      onLine: (line) => onLog('dynamodb', line),
    });
    stops.push(dynamodb.stop);
    const configs = await Promise.all(launched.map((service) => service.resolvedConfig));
    const queues = await provisionResources(names, configs, servicesDir, endpoints, onLog);
    const offline: RunningServiceOffline[] = await Promise.all(launched.map((service) => service.ready));

    // Queue → function, as Lambda's event source mappings do for the deployed stack.
    for (const [index, config] of configs.entries()) {
      const service = offline[index];
      if (service === undefined) continue;
      const component = `${names[index]}-sqs`;
      const consumers = startQueueConsumers({
        config,
        queues: queues[index] ?? new Map(),
        sqsEndpoint: functionEndpoints.sqs,
        lambdaEndpoint: service.lambdaEndpoint,
        trace: eventBridge.trace,
        logger: lineLogger((message) => onLog(component, message)),
      });
      stops.push(consumers.stop);
    }

    return {
      endpoints,
      issuer: issuer.issuer,
      services: Object.fromEntries(names.map((name, i) => [name, offline[i]?.url ?? ''])),
      environments: Object.fromEntries(
        names.map((name, i) => [name, literalValues(configs[i]?.provider.environment)]),
      ),
      ...(faults === undefined ? {} : { faults }),
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
};

const literalValues = (variables: Record<string, unknown> = {}): Record<string, string> =>
  Object.fromEntries(
    Object.entries(variables).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );

const provisionResources = async (
  names: string[],
  configs: ServiceConfig[],
  servicesDir: string,
  endpoints: { dynamodb: string; sqs: string; eventbridge: string },
  onLog: (component: string, line: string) => void,
): Promise<Map<string, LocalQueue>[]> => {
  // Buses first: a service's rule may sit on another service's bus.
  const buses = await createEventBuses(configs, endpoints.eventbridge);
  if (buses.length > 0) onLog('local-cloud', `event buses: ${buses.join(', ')}`);
  const queuesPerService: Map<string, LocalQueue>[] = [];
  for (const [index, config] of configs.entries()) {
    const name = names[index] ?? config.service;
    const tables = await createTables(config, endpoints.dynamodb);
    const seeded = await seedTables(config, join(servicesDir, name), endpoints.dynamodb);
    // Queues before rules, so a rule's first delivery finds its target.
    const queues = await createQueues(config, endpoints.sqs);
    queuesPerService.push(queues);
    const rules = await createEventRules(config, endpoints.eventbridge);
    const summary = [
      tables.length > 0 ? `tables ${tables.join(', ')}` : '',
      seeded > 0 ? `${seeded} seed items` : '',
      queues.size > 0 ? `queues ${[...queues.values()].map((q) => q.name).join(', ')}` : '',
      rules.length > 0 ? `rules ${rules.join(', ')}` : '',
    ].filter(Boolean);
    if (summary.length > 0) onLog('local-cloud', `${name}: ${summary.join('; ')}`);
  }
  return queuesPerService;
};

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createTables,
  freePort,
  loadServiceConfig,
  type RunningDynamoDbLocal,
  seedTables,
  startDynamoDbLocal,
} from '@eshop/local-cloud';
import { type NoiseReading, startNoiseMeter } from '../noise.js';
import type { Summary } from '../stats.js';
import { type BaselineBundle, buildBaselines } from './build-baselines.js';
import { type BundleComposition, bundleComposition } from './bundle-composition.js';
import { FIRST_REQUESTS, SEEDED_PRODUCT_ID } from './first-requests.js';
import {
  coldStartNode,
  type InitMeasurement,
  type InitTarget,
  measureInit,
  pinnedCpu,
} from './measure-init.js';
import { type PackagedFunction, packageFunctions } from './package-functions.js';
import { warmDatabase } from './warm-database.js';

export interface FunctionColdStart {
  service: string;
  functionKey: string;
  bytes: PackagedFunction['bytes'];
  composition: BundleComposition;
  init: InitMeasurement;
  /** Median init time over the plain-way baseline's (target ≤ 0.75). */
  initRatio: number;
  /** Median init + first request over the plain-way baseline's (target ≤ 0.75), if measured. */
  coldStartRatio?: number;
  /**
   * Median init + first request over the same function written the plain way (same work, same
   * first request), for the functions that have one: a consumer's transaction is not a GetItem.
   */
  coldStartVsOwnPlainRatio?: number;
  /** Bundle (.cjs) size over the plain-way baseline's (target ≤ 0.30). */
  sizeRatio: number;
  /** Median init minus the SDK-only probe's: what the function adds to the AWS SDK's own floor. */
  initAboveFloorMs: number;
  /** The same for init + first request, if measured. */
  coldStartAboveFloorMs?: number;
}

export interface BaselineColdStart {
  name: string;
  description: string;
  bytes: number;
  init: InitMeasurement;
  initRatio: number;
  coldStartRatio?: number;
}

/**
 * The same bundle started with and without `--enable-source-maps` (which functions no longer
 * set: stacks are mapped when an error is logged), to show what the flag would cost.
 */
export interface SourceMapEffect {
  function: string;
  withSourceMapsMs: Summary;
  withoutSourceMapsMs: Summary;
}

/**
 * The same bundle started with a V8 compile cache made by a first run of the same Node binary
 * (`NODE_COMPILE_CACHE`, Node 22.1+), to show what the one lever left would save. Not deployed:
 * a cache only works for the exact Node version, architecture and V8 flags that made it, so for
 * Lambda it would have to be built in Lambda's own runtime image (see the bench README).
 */
export interface CompileCacheEffect {
  function: string;
  withCache: InitMeasurement;
  withoutCache: InitMeasurement;
}

export interface ColdStartResult {
  runs: number;
  /** CPU other work on the machine used while the cold starts ran. */
  noise: NoiseReading;
  /** The CPU every cold-start process was pinned to (`taskset`), if it could be. */
  pinnedCpu?: number;
  /** The Node.js version the cold starts ran with (`BENCH_NODE`; Lambda runs 22). */
  node?: string;
  packagingSeconds: number;
  /** When these cold starts were measured (`BENCH_ONLY=cold-start` reruns only this part). */
  measuredAt?: string;
  functions: FunctionColdStart[];
  baselines: BaselineColdStart[];
  sourceMapEffect: SourceMapEffect[];
  /** Empty when the cold starts ran on a Node without a module compile cache (before 22.1). */
  compileCacheEffect?: CompileCacheEffect[];
}

// One function per service, measured again with the source-map flag.
const PROBED_FUNCTIONS = ['product/getProduct', 'basket/checkoutBasket', 'ordering/processCheckout'];
const PLAIN_BASELINE = 'plain getProduct';
// The functions written the plain way too, doing the same work on the same first request.
const OWN_PLAIN_BASELINE: Readonly<Record<string, string>> = {
  'product/getProduct': 'plain getProduct',
  'ordering/processCheckout': 'plain processCheckout',
};
const SDK_FLOOR = 'probe: AWS SDK';
// Enough for a fresh DynamoDB Local to answer the first requests as a long-running one does.
const DATABASE_WARM_UP_MS = 15_000;

// Node 22.1 added the module compile cache (`NODE_COMPILE_CACHE`).
const hasCompileCache = (nodeVersion: string): boolean => {
  const [major = 0, minor = 0] = nodeVersion.replace(/^v/, '').split('.').map(Number);
  return major > 22 || (major === 22 && minor >= 1);
};

const withSourceMaps = (environment: Record<string, string>): Record<string, string> => ({
  ...environment,
  NODE_OPTIONS: `${environment.NODE_OPTIONS ?? ''} --enable-source-maps`.trim(),
});

/**
 * DynamoDB Local with the product table (seeded) and the orders table, created from the services'
 * own templates: what the first requests are answered through.
 */
const startFirstRequestDatabase = async (servicesDir: string): Promise<RunningDynamoDbLocal> => {
  const database = await startDynamoDbLocal({ port: await freePort() });
  try {
    for (const service of ['product', 'ordering']) {
      const serviceDir = join(servicesDir, service);
      const config = await loadServiceConfig(serviceDir, 'local');
      await createTables(config, database.endpoint);
      await seedTables(config, serviceDir, database.endpoint);
    }
    return database;
  } catch (error) {
    await database.stop();
    throw error;
  }
};

/**
 * Packages every service as a deploy would, then cold-starts each function, the baselines and the
 * probes `runs` times each in fresh Node processes.
 */
export const runColdStartBenchmark = async (
  servicesDir: string,
  services: string[],
  runs: number,
  log: (line: string) => void,
): Promise<ColdStartResult> => {
  const workDir = await mkdtemp(join(tmpdir(), 'eshop-bench-'));
  let database: RunningDynamoDbLocal | undefined;
  try {
    const packagingStarted = performance.now();
    const databaseStarting = startFirstRequestDatabase(servicesDir);
    const [baselines, ...perService] = await Promise.all([
      buildBaselines(join(workDir, 'baselines')),
      ...services.map((service) => packageFunctions(servicesDir, service, workDir)),
    ]);
    database = await databaseStarting;
    const throughDatabase = { AWS_ENDPOINT_URL_DYNAMODB: database.endpoint };
    const functions = perService.flat();
    // Measured before the database warm-up, which is not packaging.
    const packagingSeconds = (performance.now() - packagingStarted) / 1000;
    log(`  packaged ${functions.length} functions in ${packagingSeconds.toFixed(0)} s`);
    const tableOf = (service: string, variable: string) =>
      functions.find((fn) => fn.service === service)?.environment[variable];
    const tables = {
      product: tableOf('product', 'PRODUCT_TABLE_NAME') ?? 'eshop-product-local-products',
      order: tableOf('ordering', 'ORDER_TABLE_NAME') ?? 'eshop-ordering-local-orders',
    };
    const warmUpRequests = await warmDatabase(
      database.endpoint,
      tables,
      SEEDED_PRODUCT_ID,
      DATABASE_WARM_UP_MS,
    );
    log(
      `  DynamoDB Local warmed up: ${warmUpRequests} requests on new connections in ${DATABASE_WARM_UP_MS / 1000} s`,
    );

    const functionId = (fn: PackagedFunction) => `${fn.service}/${fn.functionKey}`;
    const mapId = (id: string) => `${id} (--enable-source-maps)`;
    const cacheId = (id: string) => `${id} (compile cache)`;
    const cpu = pinnedCpu();
    const node = coldStartNode();
    const probed = functions.filter((fn) => PROBED_FUNCTIONS.includes(functionId(fn)));
    // The unmeasured warm-up round writes each cache; every measured round reads it.
    const cached = hasCompileCache(node.version) ? probed : [];
    const targets: InitTarget[] = [
      ...baselines.map((baseline: BaselineBundle) => ({
        id: baseline.name,
        handlerFile: baseline.handlerFile,
        exportName: 'handler',
        environment: {
          PRODUCT_TABLE_NAME: tables.product,
          ORDER_TABLE_NAME: tables.order,
          ...throughDatabase,
        },
        event: FIRST_REQUESTS[baseline.name],
      })),
      ...functions.map((fn) => ({
        id: functionId(fn),
        handlerFile: fn.handlerFile,
        exportName: fn.exportName,
        environment: { ...fn.environment, ...throughDatabase },
        event: FIRST_REQUESTS[functionId(fn)],
      })),
      ...probed.map((fn) => ({
        id: mapId(functionId(fn)),
        handlerFile: fn.handlerFile,
        exportName: fn.exportName,
        environment: withSourceMaps(fn.environment),
      })),
      ...cached.map((fn) => ({
        id: cacheId(functionId(fn)),
        handlerFile: fn.handlerFile,
        exportName: fn.exportName,
        environment: {
          ...fn.environment,
          ...throughDatabase,
          NODE_COMPILE_CACHE: join(workDir, 'compile-cache', fn.service, fn.functionKey),
        },
        event: FIRST_REQUESTS[functionId(fn)],
      })),
    ];
    log(
      `  cold starts: Node ${node.version}, ${cpu === undefined ? 'not pinned (no taskset)' : `pinned to CPU ${cpu}`}`,
    );
    const meter = startNoiseMeter();
    const measured = await measureInit(targets, runs, { cpu, nodePath: node.path }, (round) => {
      if (round % 5 === 0) log(`  cold starts: round ${round}/${runs}`);
    });
    const initOf = (id: string): InitMeasurement => {
      const measurement = measured.get(id);
      if (measurement === undefined) throw new Error(`no measurement for ${id}`);
      return measurement;
    };

    const plain = baselines.find((baseline) => baseline.name === PLAIN_BASELINE);
    if (plain === undefined) throw new Error('the plain baseline was not built');
    const plainInit = initOf(PLAIN_BASELINE).initMs.median;
    const plainColdStart = initOf(PLAIN_BASELINE).coldStartMs?.median ?? Number.NaN;
    const floor = initOf(SDK_FLOOR);
    const coldStartRatioOf = (init: InitMeasurement) =>
      init.coldStartMs === undefined ? {} : { coldStartRatio: init.coldStartMs.median / plainColdStart };
    const noise = meter.read();
    return {
      runs,
      noise,
      ...(cpu === undefined ? {} : { pinnedCpu: cpu }),
      node: node.version,
      packagingSeconds,
      measuredAt: new Date().toISOString(),
      baselines: baselines.map((baseline) => ({
        name: baseline.name,
        description: baseline.description,
        bytes: baseline.bytes,
        init: initOf(baseline.name),
        initRatio: initOf(baseline.name).initMs.median / plainInit,
        ...coldStartRatioOf(initOf(baseline.name)),
      })),
      functions: await Promise.all(
        functions.map(async (fn) => {
          const init = initOf(functionId(fn));
          const ownPlain = OWN_PLAIN_BASELINE[functionId(fn)];
          const ownPlainColdStart = ownPlain === undefined ? undefined : initOf(ownPlain).coldStartMs?.median;
          return {
            service: fn.service,
            functionKey: fn.functionKey,
            bytes: fn.bytes,
            composition: await bundleComposition(fn.handlerFile, `${fn.handlerFile}.map`),
            init,
            initRatio: init.initMs.median / plainInit,
            ...coldStartRatioOf(init),
            ...(init.coldStartMs === undefined || ownPlainColdStart === undefined
              ? {}
              : { coldStartVsOwnPlainRatio: init.coldStartMs.median / ownPlainColdStart }),
            sizeRatio: fn.bytes.code / plain.bytes,
            initAboveFloorMs: init.initMs.median - floor.initMs.median,
            ...(init.coldStartMs === undefined || floor.coldStartMs === undefined
              ? {}
              : { coldStartAboveFloorMs: init.coldStartMs.median - floor.coldStartMs.median }),
          };
        }),
      ),
      sourceMapEffect: PROBED_FUNCTIONS.filter((id) => measured.has(id)).map((id) => ({
        function: id,
        withSourceMapsMs: initOf(mapId(id)).initMs,
        withoutSourceMapsMs: initOf(id).initMs,
      })),
      compileCacheEffect: cached.map((fn) => ({
        function: functionId(fn),
        withCache: initOf(cacheId(functionId(fn))),
        withoutCache: initOf(functionId(fn)),
      })),
    };
  } finally {
    await database?.stop();
    await rm(workDir, { recursive: true, force: true });
  }
};

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type NoiseReading, startNoiseMeter } from '../noise.js';
import type { Summary } from '../stats.js';
import { type BaselineBundle, buildBaselines } from './build-baselines.js';
import { type BundleComposition, bundleComposition } from './bundle-composition.js';
import { type InitMeasurement, type InitTarget, measureInit } from './measure-init.js';
import { type PackagedFunction, packageFunctions } from './package-functions.js';

export interface FunctionColdStart {
  service: string;
  functionKey: string;
  bytes: PackagedFunction['bytes'];
  composition: BundleComposition;
  init: InitMeasurement;
  /** Median init time over the plain-way baseline's (target ≤ 0.3). */
  initRatio: number;
  /** Bundle (.mjs) size over the plain-way baseline's (target ≤ 0.25). */
  sizeRatio: number;
}

export interface BaselineColdStart {
  name: string;
  description: string;
  bytes: number;
  init: InitMeasurement;
}

/** The same bundle started with and without `--enable-source-maps`, to show what the flag costs. */
export interface SourceMapEffect {
  function: string;
  withSourceMapsMs: Summary;
  withoutSourceMapsMs: Summary;
}

export interface ColdStartResult {
  runs: number;
  /** CPU other work on the machine used while the cold starts ran. */
  noise: NoiseReading;
  packagingSeconds: number;
  functions: FunctionColdStart[];
  baselines: BaselineColdStart[];
  sourceMapEffect: SourceMapEffect[];
}

// One function per service, measured again without the source-map flag.
const PROBED_FUNCTIONS = ['product/getProduct', 'basket/checkoutBasket', 'ordering/processCheckout'];
const PLAIN_BASELINE = 'plain getProduct';

const withoutSourceMaps = (environment: Record<string, string>): Record<string, string> => {
  const nodeOptions = (environment.NODE_OPTIONS ?? '').replace('--enable-source-maps', '').trim();
  const { NODE_OPTIONS: _, ...rest } = environment;
  return nodeOptions === '' ? rest : { ...rest, NODE_OPTIONS: nodeOptions };
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
  try {
    const packagingStarted = performance.now();
    const [baselines, ...perService] = await Promise.all([
      buildBaselines(join(workDir, 'baselines')),
      ...services.map((service) => packageFunctions(servicesDir, service, workDir)),
    ]);
    const functions = perService.flat();
    const packagingSeconds = (performance.now() - packagingStarted) / 1000;
    log(`  packaged ${functions.length} functions in ${packagingSeconds.toFixed(0)} s`);

    const functionId = (fn: PackagedFunction) => `${fn.service}/${fn.functionKey}`;
    const noMapId = (id: string) => `${id} (no --enable-source-maps)`;
    const probed = functions.filter((fn) => PROBED_FUNCTIONS.includes(functionId(fn)));
    const targets: InitTarget[] = [
      ...baselines.map((baseline: BaselineBundle) => ({
        id: baseline.name,
        handlerFile: baseline.handlerFile,
        exportName: 'handler',
        environment: { PRODUCT_TABLE_NAME: 'eshop-product-bench-products' },
      })),
      ...functions.map((fn) => ({
        id: functionId(fn),
        handlerFile: fn.handlerFile,
        exportName: fn.exportName,
        environment: fn.environment,
      })),
      ...probed.map((fn) => ({
        id: noMapId(functionId(fn)),
        handlerFile: fn.handlerFile,
        exportName: fn.exportName,
        environment: withoutSourceMaps(fn.environment),
      })),
    ];
    const meter = startNoiseMeter();
    const measured = await measureInit(targets, runs, (round) => {
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
    const noise = meter.read();
    return {
      runs,
      noise,
      packagingSeconds,
      baselines: baselines.map((baseline) => ({
        name: baseline.name,
        description: baseline.description,
        bytes: baseline.bytes,
        init: initOf(baseline.name),
      })),
      functions: await Promise.all(
        functions.map(async (fn) => {
          const init = initOf(functionId(fn));
          return {
            service: fn.service,
            functionKey: fn.functionKey,
            bytes: fn.bytes,
            composition: await bundleComposition(fn.handlerFile, `${fn.handlerFile}.map`),
            init,
            initRatio: init.initMs.median / plainInit,
            sizeRatio: fn.bytes.code / plain.bytes,
          };
        }),
      ),
      sourceMapEffect: PROBED_FUNCTIONS.filter((id) => measured.has(id)).map((id) => ({
        function: id,
        withSourceMapsMs: initOf(id).initMs,
        withoutSourceMapsMs: initOf(noMapId(id)).initMs,
      })),
    };
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
};

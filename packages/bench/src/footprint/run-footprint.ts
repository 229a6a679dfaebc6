import { readFileSync } from 'node:fs';
import { benchDocumentClient } from '../aws-clients.js';
import { type NoiseReading, startNoiseMeter } from '../noise.js';
import { censusOf, type OrderCensus, scanOrders } from '../pipeline/order-census.js';
import { userTokens } from '../shop/auth.js';
import { type DevStack, startDevStack } from './dev-stack.js';
import { type HotReloadResult, measureHotReload } from './hot-reload.js';
import { type PeakMemory, startMemorySampler } from './memory-sampler.js';
import { type ProcessSample, sampleProcessTree, treeCpuSeconds } from './process-tree.js';
import { runShoppers, type ShopperLoadResult } from './shoppers.js';

export interface FootprintSettings {
  /** How long after the ready banner the stack is watched at rest. */
  idleSeconds: number;
  shoppers: number;
  concurrency: number;
  /** How long after the last checkout the memory is still watched. */
  afterSeconds: number;
  hotReloadEdits: number;
}

export interface FootprintResult {
  settings: FootprintSettings;
  /** Spawn → ready banner, from outside. */
  readyMs: number;
  /** What the banner said. */
  reportedReadySeconds: number;
  /** CPU seconds the whole stack used until the banner. */
  cpuSecondsToReady: number;
  /** CPU other work on the machine used while the stack started. */
  startupNoise: NoiseReading;
  idle: PeakMemory;
  /** Every process at the end of the idle phase: what the stack is made of. */
  idleProcesses: ProcessSample[];
  hotReload: HotReloadResult;
  load: PeakMemory;
  after: PeakMemory;
  /** CPU seconds the whole stack used for the shoppers' load. */
  loadCpuSeconds: number;
  shoppers: Omit<ShopperLoadResult, 'accepted'>;
  /** serverless-offline's "[504] - Lambda timeout." lines, load and the minute after. */
  functionTimeouts: number;
  /** The patched "[503] - Integration timeout" lines (an HTTP API call that outlived 30 s). */
  integrationTimeouts: number;
  census: OrderCensus;
  /** CPU other work on the machine used during the load and the minute after. */
  noise: NoiseReading;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const readOrUndefined = (file: URL): string | undefined => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
};

/** Waits until product's rebuilt bundle no longer holds `marker`: the edit has been undone. */
const waitForBundleWithout = async (stack: DevStack, marker: string, timeoutMs = 60_000) => {
  const port = new URL(stack.services.product ?? '').port;
  const bundle = new URL(
    `../../../../services/product/.esbuild/offline-${port}/.build/src/functions/get-product.cjs`,
    import.meta.url,
  );
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    const text = readOrUndefined(bundle);
    if (text !== undefined && !text.includes(marker)) return;
    await sleep(200);
  }
  throw new Error('the restored handler was not rebuilt in time');
};

/**
 * Waits until esbuild has been idle for 3 s: an editor's save can reach the watcher as several
 * events, each a build, and a build still running would count in the next phase.
 */
const waitForNoBuild = async (rootPid: number, timeoutMs = 60_000) => {
  const esbuildCpu = () =>
    sampleProcessTree(rootPid)
      .filter((sample) => sample.kind === 'esbuild')
      .reduce((sum, sample) => sum + sample.cpuSeconds, 0);
  const deadline = performance.now() + timeoutMs;
  let quietSince = performance.now();
  let last = esbuildCpu();
  while (performance.now() < deadline) {
    await sleep(250);
    const now = esbuildCpu();
    // Idle esbuild services use a tick now and then; a build uses most of a core.
    if (now - last > 0.05) quietSince = performance.now();
    else if (performance.now() - quietSince > 3000) return;
    last = now;
  }
  throw new Error('esbuild kept building after the edits were undone');
};

const gib = (bytes: number) => `${(bytes / 2 ** 30).toFixed(2)} GiB`;

/**
 * `pnpm dev`'s footprint, measured the way issue 18 defines it: the summed RSS of every process
 * the stack starts (the orchestrator and all its descendants), at rest after start, during a
 * shopper load and for a minute after it; how long it takes to be ready; whether that load runs
 * clean (no 503, no function timeout, no client retry, every order written); and how long an
 * edited handler takes to answer.
 */
export const runFootprintBenchmark = async (
  settings: FootprintSettings,
  log: (line: string) => void,
): Promise<FootprintResult> => {
  const stack = await startDevStack();
  log(
    `  ready in ${(stack.readyMs / 1000).toFixed(1)} s (banner: ${stack.reportedReadySeconds} s, ${stack.cpuSecondsToReady.toFixed(1)} CPU s)`,
  );
  const sampler = startMemorySampler(stack.pid, 500);
  const documentClient = benchDocumentClient(stack.dynamodb);
  try {
    await sleep(settings.idleSeconds * 1000);
    const idleProcesses = sampler.sampleNow();
    const idle = sampler.read();
    log(`  idle: ${gib(idle.peakBytes)} at most`);

    const hotReload = await measureHotReload(stack, { edits: settings.hotReloadEdits });
    log(`  hot reload: ${hotReload.reloadMs.map((ms) => `${(ms / 1000).toFixed(1)} s`).join(', ')}`);
    await waitForBundleWithout(stack, 'hot-reload-probe-');
    await waitForNoBuild(stack.pid);

    const tokens = userTokens(stack.issuer);
    const prefix = `footprint-${Date.now()}-`;
    const firstLoadLine = stack.lineCount();
    const meter = startNoiseMeter();
    const cpuBefore = treeCpuSeconds(stack.pid);
    sampler.phase();
    const shoppers = await runShoppers(stack.services.basket ?? '', tokens, {
      shoppers: settings.shoppers,
      concurrency: settings.concurrency,
      prefix,
    });
    const load = sampler.read();
    const loadCpuSeconds = treeCpuSeconds(stack.pid) - cpuBefore;
    log(`  load: ${gib(load.peakBytes)} at most; ${shoppers.retries} retries, ${shoppers.failed} failed`);
    sampler.phase();
    await sleep(settings.afterSeconds * 1000);
    const after = sampler.read();
    log(`  ${settings.afterSeconds} s after: ${gib(after.peakBytes)} at most`);
    const noise = meter.read();
    const lines = stack.linesSince(firstLoadLine);
    const orders = await scanOrders(documentClient, prefix);
    const { accepted, ...shopperFigures } = shoppers;
    return {
      settings,
      readyMs: stack.readyMs,
      reportedReadySeconds: stack.reportedReadySeconds,
      cpuSecondsToReady: stack.cpuSecondsToReady,
      startupNoise: stack.startupNoise,
      idle,
      idleProcesses,
      hotReload,
      load,
      after,
      loadCpuSeconds,
      shoppers: shopperFigures,
      functionTimeouts: lines.filter((line) => line.includes('Lambda timeout')).length,
      integrationTimeouts: lines.filter((line) => line.includes('Integration timeout')).length,
      census: censusOf(orders, new Set(accepted.map((checkout) => checkout.checkoutId))),
      noise,
    };
  } finally {
    sampler.stop();
    documentClient.destroy();
    await stack.stop();
  }
};

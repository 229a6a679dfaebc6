import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { type Summary, summarize } from '../stats.js';

const run = promisify(execFile);
const importHandlerScript = fileURLToPath(new URL('./import-handler.mjs', import.meta.url));

/** One module to cold-start, with the environment its init reads. */
export interface InitTarget {
  id: string;
  handlerFile: string;
  exportName: string;
  environment: Record<string, string>;
  /** The first request, answered through DynamoDB Local; without one only init is measured. */
  event?: unknown;
}

export interface InitMeasurement {
  /** Time to import the module (its init phase), measured inside the fresh process. */
  initMs: Summary;
  /** Spawn to exit of the whole process, as seen from outside: Node's own start included. */
  processMs: Summary;
  /** The first invocation after init (targets with an event). */
  firstInvokeMs?: Summary;
  /** Init plus the first invocation, per process (targets with an event). */
  coldStartMs?: Summary;
}

interface Sample {
  initMs: number;
  processMs: number;
  firstInvokeMs?: number;
}

/**
 * What every function sees on Lambda, locally: a region, fake credentials (the SDK would otherwise
 * probe the metadata address) and no inherited NODE_OPTIONS — a function sets its own.
 */
const lambdaLikeEnvironment = (target: InitTarget): Record<string, string> => ({
  PATH: process.env.PATH ?? '',
  AWS_REGION: 'us-east-1',
  AWS_DEFAULT_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'bench',
  AWS_SECRET_ACCESS_KEY: 'bench',
  AWS_SESSION_TOKEN: 'bench',
  AWS_EC2_METADATA_DISABLED: 'true',
  AWS_LAMBDA_FUNCTION_NAME: target.id,
  AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '512',
  AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
  // Node 20 here, 22 on Lambda: the SDK's "upgrade Node" warning is noise, not init work.
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  ...target.environment,
});

/**
 * The CPU every cold start runs on, or undefined where processes can't be pinned (no `taskset`,
 * e.g. macOS). Pinned because on a shared VM the cores are not equally fast, and not steadily:
 * on the 2-core reference machine one core ran the same bundle 40% slower than the other for
 * minutes at a time, so unpinned processes, landing on either, gave two-humped samples and two
 * identical plain bundles differed by 10% in one run; pinned, they agree within 1%. One CPU is
 * also closer to Lambda, where a 512 MB function gets about a third of a vCPU and V8's background
 * threads (compiler, GC) take their time from the same share as the main thread, instead of
 * running free on an idle second core. `BENCH_CPU` picks the CPU (default: the last one, where
 * interrupts usually are not).
 */
export const pinnedCpu = (): number | undefined => {
  const cpu = Number(process.env.BENCH_CPU ?? availableParallelism() - 1);
  if (!Number.isInteger(cpu) || cpu < 0)
    throw new Error(`BENCH_CPU=${process.env.BENCH_CPU}: not a CPU number`);
  return spawnSync('taskset', ['-c', String(cpu), process.execPath, '-e', '']).status === 0 ? cpu : undefined;
};

/**
 * The Node.js binary the cold starts run with: `BENCH_NODE`, or the one running the bench. Lambda
 * runs Node 22 (`nodejs22.x`) and Node versions differ in what a cold start costs: the same bundle's
 * `import()` of node:http cost ~26 ms of its first request on Node 22 and ~1 ms on Node 20.
 */
export const coldStartNode = (): { path: string; version: string } => {
  const path = process.env.BENCH_NODE ?? process.execPath;
  return { path, version: execFileSync(path, ['--version'], { encoding: 'utf8' }).trim() };
};

/** How the cold-start processes run: on which CPU (undefined: any) and with which Node binary. */
export interface ColdStartProcess {
  cpu: number | undefined;
  nodePath: string;
}

const coldStartOnce = async (target: InitTarget, { cpu, nodePath }: ColdStartProcess): Promise<Sample> => {
  const started = performance.now();
  const eventJson = target.event === undefined ? '' : JSON.stringify(target.event);
  const node = [nodePath, importHandlerScript, target.handlerFile, target.exportName, eventJson];
  const [command = '', ...args] = cpu === undefined ? node : ['taskset', '-c', String(cpu), ...node];
  const { stdout } = await run(command, args, {
    env: lambdaLikeEnvironment(target),
    maxBuffer: 16 * 1024 * 1024,
  });
  const processMs = performance.now() - started;
  // The function's own log lines come first; the figures are the last line.
  const { initMs, firstInvokeMs } = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as {
    initMs: number;
    firstInvokeMs?: number;
  };
  return { initMs, processMs, firstInvokeMs };
};

/**
 * Cold-starts every target `runs` times, one process at a time, as `how` says. Runs are
 * interleaved (round 1 of every target, then round 2...) so a burst of load from elsewhere on the
 * machine spreads over all targets instead of skewing one; one unmeasured warm-up round fills the
 * OS file cache (and writes any compile cache a target uses).
 */
export const measureInit = async (
  targets: InitTarget[],
  runs: number,
  how: ColdStartProcess,
  onProgress: (round: number) => void = () => undefined,
): Promise<Map<string, InitMeasurement>> => {
  for (const target of targets) await coldStartOnce(target, how);
  const samples = new Map(targets.map((target) => [target.id, [] as Sample[]]));
  for (let round = 1; round <= runs; round++) {
    for (const target of targets) samples.get(target.id)?.push(await coldStartOnce(target, how));
    onProgress(round);
  }
  return new Map(
    [...samples].map(([id, runsOf]) => {
      const invoked = runsOf.filter((sample) => sample.firstInvokeMs !== undefined);
      return [
        id,
        {
          initMs: summarize(runsOf.map((sample) => sample.initMs)),
          processMs: summarize(runsOf.map((sample) => sample.processMs)),
          ...(invoked.length === 0
            ? {}
            : {
                firstInvokeMs: summarize(invoked.map((sample) => sample.firstInvokeMs ?? 0)),
                coldStartMs: summarize(invoked.map((sample) => sample.initMs + (sample.firstInvokeMs ?? 0))),
              }),
        },
      ];
    }),
  );
};

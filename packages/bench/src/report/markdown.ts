import { COMPONENT_GROUPS } from '../cold-start/bundle-composition.js';
import type { ColdStartResult } from '../cold-start/run-cold-start.js';
import type { PeakMemory } from '../footprint/memory-sampler.js';
import type { BenchResults } from '../results.js';
import { checkTargets, TARGETS } from './targets.js';

const kib = (bytes: number) => (bytes / 1024).toFixed(0);
const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(1) : '–');
const int = (value: number) => (Number.isFinite(value) ? value.toFixed(0) : '–');

const table = (header: string[], rows: (string | number)[][]): string =>
  [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');

const ratio = (value: number | undefined) => (value === undefined ? '–' : `${value.toFixed(2)}×`);
const signedMs = (value: number | undefined) =>
  value === undefined ? '–' : `${value >= 0 ? '+' : ''}${value.toFixed(1)}`;

const coldStartSection = ({ coldStart }: BenchResults): string => {
  const floor = coldStart.baselines.find((b) => b.name === 'probe: AWS SDK');
  type Measured = (typeof coldStart.baselines)[number] | (typeof coldStart.functions)[number];
  const timings = ({ init, initRatio, coldStartRatio }: Measured) => [
    ms(init.initMs.median),
    ms(init.initMs.p99),
    ms(init.firstInvokeMs?.median ?? Number.NaN),
    ms(init.coldStartMs?.median ?? Number.NaN),
    ratio(initRatio),
    ratio(coldStartRatio),
  ];
  // Baselines are references, not bundles of ours: no map, zip, size ratio or floor distance.
  const baselineRows = coldStart.baselines.map((b) => [
    `_${b.name}_`,
    kib(b.bytes),
    '–',
    '–',
    ...timings(b),
    '',
    '',
    '',
    '',
  ]);
  const functionRows = coldStart.functions.map((fn) => [
    `${fn.service}/${fn.functionKey}`,
    kib(fn.bytes.code),
    kib(fn.bytes.sourceMap),
    kib(fn.bytes.zip),
    ...timings(fn),
    ratio(fn.coldStartVsOwnPlainRatio),
    ratio(fn.sizeRatio),
    signedMs(fn.initAboveFloorMs),
    signedMs(fn.coldStartAboveFloorMs),
  ]);
  const compositionRows = coldStart.functions.map((fn) => [
    `${fn.service}/${fn.functionKey}`,
    ...COMPONENT_GROUPS.map((group) => kib(fn.composition[group])),
  ]);
  const sourceMapRows = coldStart.sourceMapEffect.map((effect) => [
    effect.function,
    ms(effect.withSourceMapsMs.median),
    ms(effect.withoutSourceMapsMs.median),
    ms(effect.withSourceMapsMs.median - effect.withoutSourceMapsMs.median),
  ]);
  return [
    `## Cold start proxy (${coldStart.runs} fresh processes per row; median, p99; other work on the machine meanwhile: ${coldStart.noise.foreignCores} cores; ${coldStart.node === undefined ? '' : `Node ${coldStart.node}, `}${coldStart.pinnedCpu === undefined ? 'not pinned to a CPU' : `every process on CPU ${coldStart.pinnedCpu}`}${coldStart.measuredAt === undefined ? '' : `; measured ${coldStart.measuredAt}`})`,
    '',
    `Targets (issue 14): init ≤ ${TARGETS.initRatio}× and cold start (init + first request through DynamoDB Local) ≤ ${TARGETS.coldStartRatio}× the plain getProduct's, bundle ≤ ${TARGETS.sizeRatio}× its size. The floor is the AWS SDK alone (_probe: AWS SDK_: ${ms(floor?.init.initMs.median ?? Number.NaN)} ms init, ${ms(floor?.init.coldStartMs?.median ?? Number.NaN)} ms with its first GetItem); the last two columns are each function's distance from it. _Cold start vs its own plain way_ compares a function with itself written the plain way (same work, same first request), where the bench has one: the consumer's first request is a two-item transaction, not a GetItem.`,
    '',
    table(
      [
        'function',
        'bundle KiB',
        '.map KiB',
        'zip KiB',
        'init ms (median)',
        'init ms (p99)',
        'first request ms',
        'cold start ms',
        'init vs plain',
        'cold start vs plain',
        'cold start vs its own plain way',
        'size vs plain',
        'init − SDK floor (ms)',
        'cold start − SDK floor (ms)',
      ],
      [...baselineRows, ...functionRows],
    ),
    '',
    '### What the bundles are made of (KiB of the bundle, from its source map)',
    '',
    table(['function', ...COMPONENT_GROUPS], compositionRows),
    '',
    '### What `--enable-source-maps` costs at init (median ms)',
    '',
    table(['function', 'with', 'without', 'difference'], sourceMapRows),
    ...compileCacheLines(coldStart),
  ].join('\n');
};

/** The compile-cache what-if, when the cold starts ran on a Node that has one (22.1+). */
const compileCacheLines = (coldStart: ColdStartResult): string[] => {
  const effects = coldStart.compileCacheEffect ?? [];
  if (effects.length === 0) return [];
  const plain = coldStart.baselines.find((baseline) => baseline.name === 'plain getProduct')?.init;
  const ratio = (value: number | undefined, of: number | undefined) =>
    value === undefined || of === undefined ? '–' : `${(value / of).toFixed(2)}×`;
  return [
    '',
    '### What a V8 compile cache would save (median ms; not deployed: see the bench README)',
    '',
    table(
      [
        'function',
        'init without',
        'init with',
        'init with vs plain',
        'cold start without',
        'cold start with',
        'cold start with vs plain',
      ],
      effects.map(({ function: name, withCache, withoutCache }) => [
        name,
        ms(withoutCache.initMs.median),
        ms(withCache.initMs.median),
        ratio(withCache.initMs.median, plain?.initMs.median),
        withoutCache.coldStartMs === undefined ? '–' : ms(withoutCache.coldStartMs.median),
        withCache.coldStartMs === undefined ? '–' : ms(withCache.coldStartMs.median),
        ratio(withCache.coldStartMs?.median, plain?.coldStartMs?.median),
      ]),
    ),
  ];
};

const apiSection = ({ api }: BenchResults): string =>
  [
    '## API latency and throughput (serverless-offline + local cloud; autocannon)',
    '',
    table(
      [
        'endpoint',
        'concurrency',
        'requests',
        'req/s',
        'p50 ms',
        'p99 ms',
        'max ms',
        'errors',
        'non-2xx',
        'status codes',
        'other work (cores)',
      ],
      api.map((row) => [
        row.endpoint,
        row.connections,
        row.requests,
        int(row.requestsPerSecond),
        ms(row.latencyMs.p50),
        ms(row.latencyMs.p99),
        ms(row.latencyMs.max),
        row.errors,
        row.non2xx,
        Object.entries(row.statusCodes)
          .map(([code, count]) => `${code}×${count}`)
          .join(' ') || '–',
        row.noise.foreignCores,
      ]),
    ),
  ].join('\n');

const pipelineSection = ({ pipeline }: BenchResults): string => {
  const { writeFloor } = pipeline;
  return [
    '## Event pipeline: checkout → EventBridge → SQS → poller → ordering → DynamoDB',
    '',
    table(
      [
        'run',
        'checkouts',
        'concurrency',
        'checkouts/s',
        '202→order seen p50 / p99 ms',
        '202→order written p50 / p99 ms',
        'request sent→order written p50 / p99 ms',
        'orders/s',
        'drain after last 202 ms',
        'orders found',
        'missing',
        'duplicated',
        'orders of rejected checkouts',
        'rejected',
        'other work (cores)',
      ],
      pipeline.runs.map((run) => [
        run.label,
        run.checkouts,
        run.concurrency,
        int(run.checkoutsPerSecond),
        `${int(run.toOrderSeenMs.median)} / ${int(run.toOrderSeenMs.p99)}`,
        `${int(run.toOrderWrittenMs.median)} / ${int(run.toOrderWrittenMs.p99)}`,
        `${int(run.sentToOrderWrittenMs.median)} / ${int(run.sentToOrderWrittenMs.p99)}`,
        int(run.ordersPerSecond),
        int(run.drainAfterLastCheckoutMs),
        run.census.found,
        run.census.missing,
        run.census.duplicated,
        run.census.unexpected,
        run.rejected === 0 ? 0 : `${run.rejected} (${run.rejections.join('; ')})`,
        run.noise.foreignCores,
      ]),
    ),
    '',
    `DynamoDB Local write floor: ${writeFloor.writes} conditional PutItems of a ${writeFloor.itemBytes}-byte order at concurrency ${writeFloor.concurrency}: ` +
      `**${int(writeFloor.result.perSecond)} writes/s**, p50 ${ms(writeFloor.result.latencyMs.median)} ms, p99 ${ms(writeFloor.result.latencyMs.p99)} ms, ${writeFloor.result.errors} errors.`,
    '',
    '### Consumer capacity: a backlog of CheckoutBasket events published straight onto the bus',
    '',
    table(
      [
        'pollers',
        'events',
        'published in s',
        'orders/s',
        'orders found',
        'missing',
        'duplicated',
        'other work (cores)',
      ],
      pipeline.drains.map((drain) => [
        drain.label,
        drain.events,
        drain.publishSeconds.toFixed(1),
        int(drain.ordersPerSecond),
        drain.census.found,
        drain.census.missing,
        drain.census.duplicated,
        drain.noise.foreignCores,
      ]),
    ),
  ].join('\n');
};

const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(0);
const FOOTPRINT_KINDS = [
  ['orchestrator', 'orchestrator'],
  ['serverless-offline', 'serverless-offline'],
  ['esbuild', 'esbuild'],
  ['dynamodb-local', 'DynamoDB Local'],
] as const;

const footprintSection = ({ footprint }: BenchResults): string => {
  if (footprint === undefined) return '';
  const { settings, shoppers, census, hotReload } = footprint;
  const memoryRow = (label: string, memory: PeakMemory) => [
    label,
    `**${mib(memory.peakBytes)}**`,
    ...FOOTPRINT_KINDS.map(([kind]) => {
      const total = memory.atPeak[kind];
      return total.processes === 0
        ? '–'
        : `${mib(total.rssBytes)} (${total.processes}, ${total.threads} threads)`;
    }),
    mib(memory.lastBytes),
  ];
  const statuses = Object.entries(shoppers.statuses)
    .map(
      ([kind, codes]) =>
        `${kind}: ${Object.entries(codes)
          .map(([code, n]) => `${code}×${n}`)
          .join(' ')}`,
    )
    .join('; ');
  const count503 = Object.values(shoppers.statuses).reduce((sum, codes) => sum + (codes['503'] ?? 0), 0);
  return [
    '## `pnpm dev` footprint: memory of every process it starts, readiness, load, hot reload',
    '',
    footprint.measuredAt === undefined
      ? ''
      : `Measured alone on ${footprint.measuredAt.date} (load average ${footprint.measuredAt.loadAtStart.loadAverage1m} at start).\n`,
    `Summed RSS in MiB (at the peak of each phase: per kind, with processes and threads). Ready in **${(footprint.readyMs / 1000).toFixed(1)} s** ` +
      `from spawn (banner: ${footprint.reportedReadySeconds} s), using ${footprint.cpuSecondsToReady.toFixed(1)} CPU seconds across the stack; other work on the machine meanwhile: ${footprint.startupNoise.foreignCores} cores.`,
    '',
    table(
      ['phase', 'total (peak)', ...FOOTPRINT_KINDS.map(([, label]) => label), 'total at the end'],
      [
        memoryRow(`at rest, ${settings.idleSeconds} s after ready`, footprint.idle),
        memoryRow(`${settings.shoppers} shoppers at concurrency ${settings.concurrency}`, footprint.load),
        memoryRow(`${settings.afterSeconds} s after the load`, footprint.after),
      ],
    ),
    '',
    `Load: ${settings.shoppers} shoppers, ${settings.concurrency} at a time, each POST /basket then POST /basket/checkout ` +
      `(Idempotency-Key; a 5xx is retried after 500 ms × attempt). ${statuses}. ` +
      `**${count503} × 503, ${footprint.functionTimeouts} function timeouts, ${footprint.integrationTimeouts} integration timeouts, ${shoppers.retries} retries, ${shoppers.failed} shoppers failed**` +
      (shoppers.unexpectedSuccesses > 0
        ? `, ${shoppers.unexpectedSuccesses} checkouts answered 2xx but not 202`
        : '') +
      `. Orders: ${census.found} of ${census.expected} (${census.missing} missing, ${census.duplicated} duplicated). ` +
      `Checkout p50 ${int(shoppers.checkoutLatencyMs.median)} ms, p99 ${int(shoppers.checkoutLatencyMs.p99)} ms; ${(shoppers.elapsedMs / 1000).toFixed(1)} s in all, ` +
      `${footprint.loadCpuSeconds.toFixed(0)} CPU seconds. Other work on the machine meanwhile: ${footprint.noise.foreignCores} cores.`,
    '',
    `Hot reload (an edit of \`${hotReload.file}\` until the edited handler answers): ` +
      (hotReload.reloadMs.length === 0
        ? 'not measured.'
        : `${hotReload.reloadMs.map((value, i) => `${(value / 1000).toFixed(1)} s (${(hotReload.cpuSeconds[i] ?? Number.NaN).toFixed(1)} CPU s)`).join(', ')}.`),
  ].join('\n');
};

const targetSection = (results: BenchResults): string =>
  [
    '## Targets',
    '',
    table(
      ['target', 'measured', 'met'],
      checkTargets(results).map((check) => [check.target, check.measured, check.met ? 'yes' : '**no**']),
    ),
  ].join('\n');

/** results/latest.md: every figure of one run as Markdown tables. */
export const renderMarkdown = (results: BenchResults): string => {
  const { machine, loadAtStart, loadAtEnd } = results;
  return [
    '# eshop benchmark',
    '',
    `${machine.date} · ${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGiB} GiB · Node ${machine.node} (${machine.platform}) · ` +
      `load average ${loadAtStart.loadAverage1m} at start, ${loadAtEnd.loadAverage1m} at end (our own threads count too: see "other work" for noise) · ${results.durationSeconds.toFixed(0)} s` +
      (results.settings.quick === true ? ' · **quick run: numbers not comparable**' : ''),
    '',
    targetSection(results),
    '',
    coldStartSection(results),
    '',
    apiSection(results),
    '',
    pipelineSection(results),
    '',
    footprintSection(results),
    '',
  ].join('\n');
};

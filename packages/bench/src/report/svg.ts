import type { BenchResults } from '../results.js';
import { TARGETS } from './targets.js';

/** One labelled row of a horizontal bar chart; several values draw as grouped bars. */
interface BarRow {
  label: string;
  values: { value: number; color: string; text: string }[];
}

interface BarChart {
  title: string;
  rows: BarRow[];
  legend: { color: string; text: string }[];
  /** A dashed vertical line, e.g. a target. */
  marker?: { value: number; text: string };
}

const WIDTH = 960;
const LABEL_WIDTH = 300;
const BAR_HEIGHT = 12;
const ROW_GAP = 6;
const PLOT_WIDTH = WIDTH - LABEL_WIDTH - 190;

const escapeXml = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

/** Draws one chart at vertical offset `top`; returns its SVG and height. */
const drawBarChart = (chart: BarChart, top: number): { svg: string; height: number } => {
  const max = Math.max(
    chart.marker?.value ?? 0,
    ...chart.rows.flatMap((row) => row.values.map((v) => v.value)),
  );
  const scale = (value: number) => (max > 0 ? (value / max) * PLOT_WIDTH : 0);
  const parts: string[] = [
    `<text x="10" y="${top + 18}" font-size="15" font-weight="bold">${escapeXml(chart.title)}</text>`,
  ];
  chart.legend.forEach((entry, i) => {
    const x = LABEL_WIDTH + i * 190;
    parts.push(
      `<rect x="${x}" y="${top + 26}" width="10" height="10" fill="${entry.color}"/>`,
      `<text x="${x + 14}" y="${top + 35}" font-size="11">${escapeXml(entry.text)}</text>`,
    );
  });
  let y = top + 46;
  for (const row of chart.rows) {
    const rowHeight = row.values.length * BAR_HEIGHT;
    parts.push(
      `<text x="${LABEL_WIDTH - 8}" y="${y + rowHeight / 2 + 4}" font-size="11" text-anchor="end">${escapeXml(row.label)}</text>`,
    );
    row.values.forEach((entry, i) => {
      const barY = y + i * BAR_HEIGHT;
      const width = Math.max(1, scale(entry.value));
      parts.push(
        `<rect x="${LABEL_WIDTH}" y="${barY}" width="${width.toFixed(1)}" height="${BAR_HEIGHT - 2}" fill="${entry.color}"/>`,
        `<text x="${(LABEL_WIDTH + width + 4).toFixed(1)}" y="${barY + BAR_HEIGHT - 3}" font-size="10">${escapeXml(entry.text)}</text>`,
      );
    });
    y += rowHeight + ROW_GAP;
  }
  if (chart.marker !== undefined) {
    const x = LABEL_WIDTH + scale(chart.marker.value);
    parts.push(
      `<line x1="${x.toFixed(1)}" y1="${top + 42}" x2="${x.toFixed(1)}" y2="${y}" stroke="#c0392b" stroke-dasharray="4 3"/>`,
      `<text x="${(x + 4).toFixed(1)}" y="${y + 12}" font-size="10" fill="#c0392b">${escapeXml(chart.marker.text)}</text>`,
    );
  }
  return { svg: parts.join('\n'), height: y - top + 24 };
};

const BLUE = '#2e86c1';
const GREY = '#95a5a6';
const ORANGE = '#e67e22';
const GREEN = '#27ae60';
const CONCURRENCY_COLORS = ['#85c1e9', '#2e86c1', '#1b4f72'];

const coldStartChart = ({ coldStart }: BenchResults): BarChart => {
  const plain = coldStart.baselines.find((b) => b.name === 'plain getProduct')?.init.initMs.median ?? 0;
  return {
    title: `Cold start: module init, median of ${coldStart.runs} fresh processes (ms)`,
    legend: [
      { color: GREY, text: 'baseline / probe' },
      { color: BLUE, text: 'function (as deployed)' },
    ],
    marker: { value: plain * TARGETS.initRatio, text: `target ${TARGETS.initRatio}× plain` },
    rows: [
      ...coldStart.baselines.map((b) => ({
        label: b.name,
        values: [{ value: b.init.initMs.median, color: GREY, text: `${b.init.initMs.median.toFixed(1)} ms` }],
      })),
      ...coldStart.functions.map((fn) => ({
        label: `${fn.service}/${fn.functionKey}`,
        values: [
          {
            value: fn.init.initMs.median,
            color: BLUE,
            text: `${fn.init.initMs.median.toFixed(1)} ms (${fn.initRatio.toFixed(2)}×)`,
          },
        ],
      })),
    ],
  };
};

const apiChart = ({ api }: BenchResults): BarChart => {
  const concurrencies = [...new Set(api.map((row) => row.connections))];
  const endpoints = [...new Set(api.map((row) => row.endpoint))];
  return {
    title: 'API p99 latency by concurrency (ms)',
    legend: concurrencies.map((c, i) => ({ color: CONCURRENCY_COLORS[i] ?? BLUE, text: `concurrency ${c}` })),
    rows: endpoints.map((endpoint) => ({
      label: endpoint,
      values: api
        .filter((row) => row.endpoint === endpoint)
        .map((row) => ({
          value: row.latencyMs.p99,
          color: CONCURRENCY_COLORS[concurrencies.indexOf(row.connections)] ?? BLUE,
          text: `p99 ${row.latencyMs.p99.toFixed(0)} ms · ${row.requestsPerSecond.toFixed(0)} req/s`,
        })),
    })),
  };
};

const pipelineChart = ({ pipeline }: BenchResults): BarChart => ({
  title: 'Checkout → order: 202 to order readable (ms)',
  legend: [
    { color: GREEN, text: 'p50' },
    { color: ORANGE, text: 'p99' },
  ],
  marker: { value: 1000, text: 'p99 target 1 s' },
  rows: pipeline.runs.map((run) => ({
    label: `${run.label}: ${run.ordersPerSecond.toFixed(0)} orders/s`,
    values: [
      {
        value: run.toOrderSeenMs.median,
        color: GREEN,
        text: `p50 ${run.toOrderSeenMs.median.toFixed(0)} ms`,
      },
      { value: run.toOrderSeenMs.p99, color: ORANGE, text: `p99 ${run.toOrderSeenMs.p99.toFixed(0)} ms` },
    ],
  })),
});

const consumerChart = ({ pipeline }: BenchResults): BarChart => ({
  title: 'What limits orders/s: writes or orders per second',
  legend: [
    { color: GREY, text: 'DynamoDB Local alone' },
    { color: BLUE, text: 'queue → poller → consumer' },
    { color: GREEN, text: 'checkouts over HTTP' },
  ],
  rows: [
    {
      label: `DynamoDB PutItem, concurrency ${pipeline.writeFloor.concurrency}`,
      values: [
        {
          value: pipeline.writeFloor.result.perSecond,
          color: GREY,
          text: `${pipeline.writeFloor.result.perSecond.toFixed(0)} writes/s`,
        },
      ],
    },
    ...pipeline.drains.map((drain) => ({
      label: `backlog drained: ${drain.label}`,
      values: [
        { value: drain.ordersPerSecond, color: BLUE, text: `${drain.ordersPerSecond.toFixed(0)} orders/s` },
      ],
    })),
    ...pipeline.runs.map((run) => ({
      label: `${run.checkouts} checkouts at concurrency ${run.concurrency}`,
      values: [
        { value: run.ordersPerSecond, color: GREEN, text: `${run.ordersPerSecond.toFixed(0)} orders/s` },
      ],
    })),
  ],
});

const footprintChart = ({ footprint }: BenchResults): BarChart | undefined => {
  if (footprint === undefined) return undefined;
  const { settings } = footprint;
  const phases: [string, number][] = [
    ['at rest after start (target 1 GiB)', footprint.idle.peakBytes],
    [`${settings.shoppers} shoppers at concurrency ${settings.concurrency}`, footprint.load.peakBytes],
    [`the ${settings.afterSeconds} s after`, footprint.after.peakBytes],
  ];
  return {
    title: '`pnpm dev` memory: summed RSS of every process it starts (MiB, peak of each phase)',
    legend: [{ color: BLUE, text: 'peak' }],
    marker: { value: TARGETS.loadBytes / 2 ** 20, text: 'target under load 1.5 GiB' },
    rows: phases.map(([label, bytes]) => ({
      label,
      values: [{ value: bytes / 2 ** 20, color: BLUE, text: `${(bytes / 2 ** 20).toFixed(0)} MiB` }],
    })),
  };
};

/** results/latest.svg: the headline figures as bar charts, plain SVG text. */
export const renderSvg = (results: BenchResults): string => {
  const { machine } = results;
  let top = 40;
  const charts = [
    coldStartChart(results),
    apiChart(results),
    pipelineChart(results),
    consumerChart(results),
    footprintChart(results),
  ]
    .filter((chart): chart is BarChart => chart !== undefined)
    .map((chart) => {
      const drawn = drawBarChart(chart, top);
      top += drawn.height;
      return drawn.svg;
    });
  const subtitle = `${machine.date.slice(0, 16).replace('T', ' ')} UTC · ${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGiB} GiB · Node ${machine.node}`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${top}" viewBox="0 0 ${WIDTH} ${top}" font-family="sans-serif">`,
    `<title>eshop benchmark: cold start, API latency, checkout to order</title>`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="10" y="22" font-size="17" font-weight="bold">eshop benchmark</text>`,
    `<text x="200" y="22" font-size="11" fill="#555">${escapeXml(subtitle)}</text>`,
    ...charts,
    '</svg>',
    '',
  ].join('\n');
};

import {
  type KindTotals,
  type ProcessSample,
  sampleProcessTree,
  totalRss,
  totalsByKind,
} from './process-tree.js';

/** The largest summed RSS seen over a phase, with what it was made of at that moment. */
export interface PeakMemory {
  samples: number;
  peakBytes: number;
  /** Per kind, at the moment of the peak. */
  atPeak: KindTotals;
  /** Every process at the moment of the peak. */
  peakProcesses: ProcessSample[];
  /** Per kind, the largest each reached during the phase (not necessarily at the same time). */
  maxByKind: Record<string, number>;
  /** Summed RSS at the end of the phase. */
  lastBytes: number;
  /** [ms since the sampler started, summed RSS bytes], about once a second: the memory timeline. */
  timeline: [number, number][];
}

export interface MemorySampler {
  /** Starts a new phase: the peak and timeline start over (the timeline keeps one clock). */
  phase: () => void;
  /** The phase so far. */
  read: () => PeakMemory;
  /** One sample now, outside the interval. */
  sampleNow: () => ProcessSample[];
  stop: () => void;
}

/** Samples the process tree under `rootPid` every `intervalMs` (RSS from /proc). */
export const startMemorySampler = (rootPid: number, intervalMs = 250): MemorySampler => {
  const started = performance.now();
  let current: PeakMemory;
  const reset = () => {
    current = {
      samples: 0,
      peakBytes: 0,
      atPeak: totalsByKind([]),
      peakProcesses: [],
      maxByKind: {},
      lastBytes: 0,
      timeline: [],
    };
  };
  reset();
  const sampleNow = () => {
    const samples = sampleProcessTree(rootPid);
    const total = totalRss(samples);
    const byKind = totalsByKind(samples);
    current.samples += 1;
    current.lastBytes = total;
    // One timeline point a second is enough to draw; the peak sees every sample.
    if (current.samples % 2 === 1) current.timeline.push([Math.round(performance.now() - started), total]);
    if (total > current.peakBytes) {
      current.peakBytes = total;
      current.atPeak = byKind;
      current.peakProcesses = samples;
    }
    for (const [kind, { rssBytes }] of Object.entries(byKind)) {
      current.maxByKind[kind] = Math.max(current.maxByKind[kind] ?? 0, rssBytes);
    }
    return samples;
  };
  const timer = setInterval(sampleNow, intervalMs);
  return {
    phase: reset,
    read: () => ({ ...current, timeline: [...current.timeline] }),
    sampleNow,
    stop: () => clearInterval(timer),
  };
};

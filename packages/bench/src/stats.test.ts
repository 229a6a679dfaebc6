import { describe, expect, it } from 'vitest';
import { percentile, summarize } from './stats.js';

describe('summarize', () => {
  it('reports observed values: the median and the nearest-rank p99', () => {
    const samples = Array.from({ length: 100 }, (_, i) => 100 - i); // 100..1, unsorted

    const summary = summarize(samples);

    expect(summary).toMatchObject({ n: 100, median: 50, p99: 99, min: 1, max: 100, mean: 50.5 });
  });

  it('makes the p99 of a few runs their slowest, never an interpolation', () => {
    expect(percentile([1, 2, 3, 10], 99)).toBe(10);
    expect(percentile([1, 2, 3, 10], 50)).toBe(2);
  });

  it('gives NaN, not a crash, for no samples', () => {
    expect(summarize([]).median).toBeNaN();
  });
});

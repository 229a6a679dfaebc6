import type { FootprintSettings } from './run-footprint.js';

/** Issue 18's measurement: 100 shoppers at concurrency 32, a minute after; quick: just the harness. */
export const footprintSettings = (quick: boolean): FootprintSettings => ({
  idleSeconds: quick ? 5 : 15,
  shoppers: quick ? 20 : 100,
  concurrency: quick ? 8 : 32,
  afterSeconds: quick ? 10 : 60,
  hotReloadEdits: quick ? 1 : 3,
});

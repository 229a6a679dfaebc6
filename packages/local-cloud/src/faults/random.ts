/** A source of numbers in [0, 1); seeded, so a run can be replayed. */
export type Random = () => number;

/**
 * mulberry32: tiny and good enough to pick faults; the same seed gives the same sequence.
 *
 * @example const random = seededRandom(42); random(); // always the same first number for 42
 */
export const seededRandom = (seed: number): Random => {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

/**
 * Derives a stream seed from a run seed and a label (FNV-1a), so one seed can drive several
 * proxies without them drawing the same numbers.
 */
export const deriveSeed = (seed: number, label: string): number => {
  let hash = (0x811c9dc5 ^ seed) >>> 0;
  for (const char of label) {
    hash ^= char.charCodeAt(0);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
};

/** An integer in [min, max]. */
export const randomInt = (random: Random, min: number, max: number): number =>
  min + Math.floor(random() * (max - min + 1));

/** One element, or undefined from an empty list. */
export const pick = <T>(random: Random, items: readonly T[]): T | undefined =>
  items[Math.floor(random() * items.length)];

import { describe, expect, it } from 'vitest';
import { InvalidEventPatternError, matchesEventPattern, validateEventPattern } from './index.js';
import { countBranches, type PatternNode } from './pattern-tree.js';

const LEAF: PatternNode = { fields: new Map(), ors: [] };

/** A node with one `$or` group per entry, each with that many single-branch alternatives. */
const withGroups = (...sizes: number[]): PatternNode => ({
  fields: new Map(),
  ors: sizes.map((size) => Array.from({ length: size }, () => LEAF)),
});

describe('countBranches', () => {
  it('multiplies parallel groups and adds up the alternatives of one group', () => {
    expect(countBranches(withGroups(2, 3), 100)).toBe(6);
    const nested: PatternNode = {
      fields: new Map(),
      ors: [
        [withGroups(2, 2), withGroups(3)],
        [LEAF, LEAF],
      ],
    };
    expect(countBranches(nested, 100)).toBe(14); // (4 + 3) × 2
  });

  it('answers the limit itself when the tree has exactly that many branches', () => {
    expect(countBranches(withGroups(2, 4), 8)).toBe(8);
    expect(countBranches(withGroups(8), 8)).toBe(8);
  });

  it('answers limit + 1 once past the limit, without multiplying out the rest', () => {
    expect(countBranches(withGroups(2, 2, 2, 2, 2), 10)).toBe(11);
    expect(countBranches(withGroups(9), 8)).toBe(9);
  });
});

describe('normalizeEntries: $ors writing the same path', () => {
  /** `count` alternatives each writing `key` (relative to where the `$or` stands) with its own value. */
  const alternatives = (count: number, key: string, prefix: string) =>
    Array.from({ length: count }, (_, index) => ({ [key]: [`${prefix}${index}`] }));
  // Both $ors write "a.b", so event-ruler's sub-rules take one alternative of each and the later
  // write wins: the pattern means "a.b is one of the y values".
  const twoOrs = (count: number) => ({
    $or: alternatives(count, 'a.b', 'x'),
    a: { $or: alternatives(count, 'b', 'y') },
  });

  it('merges them as event-ruler does up to 1024 combinations', () => {
    const pattern = twoOrs(32); // 32 × 32 = 1024
    expect(matchesEventPattern(pattern, { a: { b: 'y31' } })).toBe(true);
    expect(matchesEventPattern(pattern, { a: { b: 'x0' } })).toBe(false);
  });

  it('takes a single $or of any size as it is: only merging has the bound', () => {
    const pattern = { $or: alternatives(1025, 'a.b', 'x') };
    expect(() => validateEventPattern(pattern)).not.toThrow();
    expect(matchesEventPattern(pattern, { a: { b: 'x1024' } })).toBe(true);
  });

  // Requiring both $ors instead would answer differently from event-ruler without saying so.
  it("refuses them past 1024 combinations, saying the limit is the emulator's", () => {
    expect(() => validateEventPattern(twoOrs(33))).toThrow(
      new InvalidEventPatternError(
        "$or groups writing the same path combine into more than 1024 alternatives, which the local EventBridge emulator does not model (its limit, not EventBridge's)",
      ),
    );
  });
});

import { describe, expect, it } from 'vitest';
import { consistentChoiceExists, SearchBudget, type Trail } from './array-consistency.js';

// CPU-time bounds catch a quadratic or exponential walk (seconds, not milliseconds). `pnpm mutate`
// instruments every expression, which slows a linear walk a few times: its vitest config widens them.
const CPU_BOUND_FACTOR = Number(process.env.CPU_BOUND_FACTOR ?? '1');

const trail = (...steps: [number, number][]): Trail => steps;
const consistent = (...constraints: Trail[][]) =>
  consistentChoiceExists(constraints, new SearchBudget(10_000));

describe('consistentChoiceExists', () => {
  it('needs one element per array', () => {
    // Array 0 holds two elements; both constraints can be met in element 1 only.
    expect(consistent([trail([0, 0]), trail([0, 1])], [trail([0, 1])])).toBe(true);
    expect(consistent([trail([0, 0])], [trail([0, 1])])).toBe(false);
  });

  it('lets different arrays choose different elements', () => {
    expect(consistent([trail([0, 0])], [trail([1, 3])])).toBe(true);
  });

  it('follows nested arrays: the inner array belongs to one outer element', () => {
    // Outer array 0; element 0 holds inner array 1, element 1 holds inner array 2.
    expect(consistent([trail([0, 0], [1, 0])], [trail([0, 0], [1, 0])], [trail([0, 0])])).toBe(true);
    expect(consistent([trail([0, 0], [1, 0])], [trail([0, 1], [2, 0])])).toBe(false);
    expect(consistent([trail([0, 0], [1, 0])], [trail([0, 0], [1, 1])])).toBe(false);
  });

  it('tries each array a constraint could be met under (a dotted key next to a nested one)', () => {
    // The first constraint has candidates under array 0 and under array 5.
    expect(consistent([trail([0, 0]), trail([5, 0])], [trail([0, 1])], [trail([0, 1])])).toBe(true);
    expect(consistent([trail([0, 0]), trail([5, 0])], [trail([0, 1])], [trail([5, 1])])).toBe(false);
  });

  it('gives up (no choice) once its budget is spent on alternatives', () => {
    const ambiguous = [trail([0, 0]), trail([5, 0])];
    expect(consistentChoiceExists([ambiguous, [trail([5, 0])]], new SearchBudget(0))).toBe(false);
    expect(consistentChoiceExists([ambiguous, [trail([5, 0])]], new SearchBudget(2))).toBe(true);
  });

  it('spends its budget to the last unit', () => {
    // One alternative is tried (array 0 first, then array 5 succeeds): a budget of 1 is enough.
    const ambiguous = [trail([0, 0]), trail([5, 0])];
    expect(consistentChoiceExists([ambiguous, [trail([5, 0])]], new SearchBudget(1))).toBe(true);
  });

  it('spends nothing when each constraint has a single array to go to', () => {
    expect(consistentChoiceExists([[trail([0, 0])], [trail([1, 0])]], new SearchBudget(0))).toBe(true);
  });

  it('settles a constraint with a candidate at the element itself, whatever its others need', () => {
    // The first constraint has a top-level candidate and one in element 0; the second needs element 1.
    expect(consistent([trail(), trail([0, 0])], [trail([0, 1])])).toBe(true);
  });

  it('keeps earlier choices in an array when a later alternative is taken back', () => {
    // The second constraint first goes to array 0 (where it conflicts), then to array 5: the first
    // constraint is still in array 0 and still conflicts with the third.
    expect(consistent([trail([0, 0])], [trail([0, 1]), trail([5, 0])], [trail([0, 1])])).toBe(false);
  });

  it('tries the elements of the constraint with the fewest, in its order', () => {
    // All three constraints can use elements 0 and 1 of array 0. In element 0 one alternative (array
    // 1 or 2 below it) settles them all; element 1 fails, after trying alternatives (three
    // constraints, two arrays below). With a budget of one alternative only element 0 tried first
    // can match: it comes first in the narrowest constraint (the first of the two with two elements),
    // not in the widest one or the last one.
    const wide = [trail([0, 1], [3, 2]), trail([0, 1], [4, 2]), trail([0, 0]), trail([0, 2])];
    const narrow = [
      trail([0, 0], [1, 0]),
      trail([0, 0], [2, 0]),
      trail([0, 1], [3, 0]),
      trail([0, 1], [4, 0]),
    ];
    const alsoNarrow = [trail([0, 1], [3, 1]), trail([0, 1], [4, 1]), trail([0, 0])];
    expect(consistentChoiceExists([wide, narrow, alsoNarrow], new SearchBudget(1))).toBe(true);
  });

  it('forgets an array once the only constraint sent there is taken back', () => {
    // The first constraint tries array 0, then array 5: array 0 must not stay behind as an empty
    // group to check. Either way the other two need elements 1 and 0 of array 5: no choice.
    expect(consistent([trail([0, 0]), trail([5, 0])], [trail([5, 1])], [trail([5, 0])])).toBe(false);
  });

  it('fails a constraint without candidates', () => {
    expect(consistent([], [trail([0, 0])])).toBe(false);
  });

  it('walks 20,000 candidates that never meet in linear time', () => {
    const evens = Array.from({ length: 10_000 }, (_, index) => trail([0, index * 2]));
    const odds = Array.from({ length: 10_000 }, (_, index) => trail([0, index * 2 + 1]));
    const started = process.cpuUsage();
    expect(consistent(evens, odds)).toBe(false);
    const { user, system } = process.cpuUsage(started);
    // A quadratic walk of these takes 7-9 s of CPU; the linear one 20-110 ms (the first, unoptimised
    // pass), more when two other processes share the cores.
    expect((user + system) / 1000).toBeLessThan(1000 * CPU_BOUND_FACTOR);
  });
});

import { describe, expect, it } from 'vitest';
import { matchesEventPattern } from './index.js';

/**
 * When `$or` alternatives compete for the elements of one array, the matcher searches their
 * combinations under a budget of 10,000 steps and answers "no match" once it is spent. These cases
 * pin that the budget bounds a search that would otherwise take millions of steps, and that the
 * search spends it only where arrays force it to: a match it can find must not be lost to work
 * the search did not need.
 */

// CPU-time bounds catch an unbounded search (seconds, not milliseconds). `pnpm mutate` instruments
// every expression, which slows the bounded one a few times: its vitest config widens them.
const CPU_BOUND_FACTOR = Number(process.env.CPU_BOUND_FACTOR ?? '1');

const orOf = (...alternatives: object[]) => ({ $or: alternatives });

/**
 * `items.first` has to choose element 0 or 1 of `items`, and `items.last` (decided last) only
 * holds in element 1, so the first choice fails only once every `$or` in between is decided.
 */
function firstAndLastInOneElement(between: Record<string, unknown>, eventBetween: Record<string, unknown>) {
  const pattern = {
    detail: {
      ...orOf({ items: { first: ['a'] } }, { items: { first: ['b'] } }),
      ...between,
      items: orOf({ last: ['x'] }, { never: ['x'] }),
    },
  };
  const event = { detail: { items: [{ first: 'a' }, { first: 'b', last: 'x' }], ...eventBetween } };
  return { pattern, event };
}

describe('the search over $ors that compete for one array', () => {
  // The bound is on CPU time; wall time on a loaded machine can pass vitest's default 5 s.
  it('gives up on 2^21 combinations within its budget, in bounded time', { timeout: 30_000 }, () => {
    // Twenty $ors inside the elements of "items", each holding in elements 0 and 1, then one that
    // only holds in element 2: every combination fails, but only at the last $or.
    const items: Record<string, unknown> = {};
    const element: Record<string, unknown> = {};
    for (let index = 0; index < 20; index++) {
      items[`f${index}`] = orOf({ a: ['x'] }, { b: ['y'] });
      element[`f${index}`] = { a: 'x', b: 'y' };
    }
    items.last = orOf({ a: ['x'] }, { b: ['y'] });
    const pattern = { detail: { items } };
    const event = { detail: { items: [element, element, { last: { a: 'x', b: 'y' } }] } };

    const started = process.cpuUsage();
    expect(matchesEventPattern(pattern, event)).toBe(false);
    const { user, system } = process.cpuUsage(started);
    // The budgeted search takes 150-400 ms here (more on a busy machine); the full one, tens of seconds.
    expect((user + system) / 1000).toBeLessThan(3000 * CPU_BOUND_FACTOR);
  });

  it('leaves $ors whose fields lie in arrays of their own out of the search', () => {
    // Fourteen $ors in between, each with two alternatives that hold in an array nothing else
    // uses: searching their 2^14 combinations again for each choice of "first" would spend the
    // budget before "first" is taken back.
    const between: Record<string, unknown> = {};
    const eventBetween: Record<string, unknown> = {};
    for (let index = 0; index < 14; index++) {
      between[`g${index}`] = orOf({ a: ['x'] }, { b: ['x'] });
      eventBetween[`g${index}`] = { a: ['x'], b: ['x'] };
    }
    const { pattern, event } = firstAndLastInOneElement(between, eventBetween);
    expect(matchesEventPattern(pattern, event)).toBe(true);
  });

  it('leaves $ors met outside arrays out of the search, even when an array repeats their fields', () => {
    // Each field in between is met by a dotted key outside arrays, and also inside one shared
    // array: the field outside settles it, so the shared array does not tie the alternatives.
    const between: Record<string, unknown> = {};
    const eventBetween: Record<string, unknown> = {};
    for (let index = 0; index < 14; index++) {
      between[`g${index}`] = orOf({ a: ['x'] }, { b: ['x'] });
      eventBetween[`g${index}`] = [{ a: 'x', b: 'x' }];
      eventBetween[`g${index}.a`] = 'x';
      eventBetween[`g${index}.b`] = 'x';
    }
    const { pattern, event } = firstAndLastInOneElement(between, eventBetween);
    expect(matchesEventPattern(pattern, event)).toBe(true);
  });

  it('re-checks the arrays only after an alternative that adds fields inside them', () => {
    // Ten fields of "items" are also given by dotted keys (arrays of their own), so each check of
    // the fields chosen so far walks about 2,000 assignments. The first $or forces the search; the
    // three $ors under g0-g2 are then met outside arrays, which must not cost a check each.
    const items: Record<string, unknown> = { anchor: ['x'] };
    const first: Record<string, unknown> = { q: 'x' };
    const second: Record<string, unknown> = { anchor: 'x' };
    const detail: Record<string, unknown> = { items: [first, second], region: 'eu' };
    for (let index = 0; index < 10; index++) {
      items[`r${index}`] = ['x'];
      first[`r${index}`] = 'x';
      detail[`items.r${index}`] = ['x'];
    }
    for (let index = 0; index < 3; index++) {
      items[`g${index}`] = orOf({ p: ['x'] }, { q: ['x'] });
      second[`g${index}`] = { q: 'x' };
      detail[`items.g${index}.p`] = 'x';
    }
    const pattern = { detail: { items, ...orOf({ items: { q: ['x'] } }, { region: ['eu'] }) } };
    expect(matchesEventPattern(pattern, { detail })).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { STAR, type WildcardTerm, wildcardComplexity } from './wildcard-complexity.js';

// CPU-time bounds catch a quadratic or exponential walk (seconds, not milliseconds). `pnpm mutate`
// instruments every expression, which slows a linear walk a few times: its vitest config widens them.
const CPU_BOUND_FACTOR = Number(process.env.CPU_BOUND_FACTOR ?? '1');

/** Unquoted byte strings, the way event-ruler's own evaluator tests feed its byte machine. */
const term = (pattern: string): WildcardTerm => ({
  identity: pattern,
  values: [[...pattern].map((char) => (char === '*' ? STAR : char.charCodeAt(0)))],
});
const complexityOf = (...patterns: string[]) => wildcardComplexity(patterns.map(term), 100);

describe('wildcardComplexity (event-ruler MachineComplexityEvaluator semantics)', () => {
  // Expected values are the ones event-ruler's evaluator documents for these machines; the comment
  // names an input that reaches them.
  it.each([
    [['*'], 1], // "a": "*"
    [['*ab'], 2], // "ab": "*", "*ab"
    [['*aa'], 3], // "aa": "*", "*a", "*aa"
    [['aa*'], 2], // "aa": "aa", "aa*"
    [['a*bb'], 3], // "abb": "a*", "a*b", "a*bb"
    [['a*bbb'], 4],
    [['*ab*ad'], 4], // "aba": "*", "*a", "*ab*", "*ab*a"
    [['a*b*bb'], 5],
    [['a*b*cd'], 3],
    [['ab*b*'], 3],
    [['*ab*b*b*'], 7],
    [['*a*a*a*a*a*a*a*a*'], 17], // eight a's: every prefix at once
    [['abc'], 1], // a wildcard operand without a star still counts
    [['*abc', '*abcde'], 4], // prefixes of two patterns add up
    [['a*aaa', 'aa*aa'], 7],
    [['ab*cd', 'ab*wx', 'ab*yz'], 6], // a shared determinate prefix counts every pattern behind it
    [['F*eatureFeature', 'Fe*atureFeature', 'Fea*tureFeature'], 10],
  ])('%j → %i', (patterns, expected) => {
    expect(complexityOf(...patterns)).toBe(expected);
  });

  it('takes every byte value as a plain byte, the star being none of them', () => {
    expect(complexityOf('\u0000ab')).toBe(1);
    expect(complexityOf('\u0001ab')).toBe(1);
    expect(complexityOf('\u00ffab')).toBe(1);
  });

  it('counts a pattern given twice once', () => {
    expect(complexityOf('ab*c', 'ab*c')).toBe(complexityOf('ab*c'));
  });

  it('counts the values of one pattern (an anything-but list) once per state', () => {
    const oneTermTwoValues: WildcardTerm = {
      identity: 'set',
      values: [...term('x*a').values, ...term('x*b').values],
    };
    expect(wildcardComplexity([oneTermTwoValues], 100)).toBe(2); // "x": the shared "x" and "x*"
    expect(complexityOf('x*a', 'x*b')).toBe(4); // the same states, each reaching two patterns
  });

  it('stops at the limit instead of walking a huge machine', () => {
    // As long as EventBridge's 4096-character pattern limit allows.
    const huge = 'F*e*a*t*u*r*e*'.repeat(290);
    const started = process.cpuUsage();
    expect(wildcardComplexity([term(huge)], 11)).toBe(11);
    const { user, system } = process.cpuUsage(started);
    expect((user + system) / 1000).toBeLessThan(200 * CPU_BOUND_FACTOR);
  });

  it('has nothing to count without wildcard patterns', () => {
    expect(wildcardComplexity([], 10)).toBe(0);
  });
});

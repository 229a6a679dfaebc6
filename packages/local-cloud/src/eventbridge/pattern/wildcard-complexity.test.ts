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

/** A value as a rule puts it in the byte machine: between JSON quotes (ASCII here, one byte a char). */
const quoted = (value: string) => [
  0x22,
  ...[...value].map((char) => (char === '*' ? STAR : char.charCodeAt(0))),
  0x22,
];
const quotedComplexityOf = (...patterns: string[]) =>
  wildcardComplexity(
    patterns.map((pattern) => ({ identity: pattern, values: [quoted(pattern)] })),
    1000,
  );

/** The patterns of event-ruler's "Quamina exploder", which once blew up a naive automaton. */
const QUAMINA_EXPLODER = (
  'aahed* aal*ii aargh* aarti* a*baca *abaci a*back ab*acs abaf*t *abaka ab*amp a*band *abase abash* ' +
  'abas*k ab*ate aba*ya abbas* abbed* ab*bes abbey* *abbot ab*cee abea*m abe*ar a*bele a*bers abet*s ' +
  '*abhor abi*de a*bies *abled'
).split(' ');

describe('wildcardComplexity (event-ruler MachineComplexityEvaluator semantics)', () => {
  // Expected values are the ones event-ruler's evaluator documents for these machines; the comment
  // names an input that reaches them.
  it.each([
    [['*'], 1], // "a": "*"
    [['*ab'], 2], // "ab": "*", "*ab"
    [['*aa'], 3], // "aa": "*", "*a", "*aa"
    [['a*b'], 2], // "ab": "a*", "a*b"
    [['aa*'], 2], // "aa": "aa", "aa*"
    [['a*bc'], 2], // "ab": "a*", "a*b"
    [['a*bb'], 3], // "abb": "a*", "a*b", "a*bb"
    [['a*bcb'], 3], // "abcb": "a*", "a*b", "a*bcb"
    [['a*bbb'], 4],
    [['*ab*ad'], 4], // "aba": "*", "*a", "*ab*", "*ab*a"
    [['*ab*d'], 3], // "abd": "*", "*ab*", "*ab*d"
    [['*aba*'], 4], // "aba": "*", "*a", "*aba", "*aba*"
    [['a*b*bb'], 5],
    [['a*b*cb'], 4], // "abcb": "a*", "a*b", "a*b*", "a*b*cb"
    [['a*b*cd'], 3],
    [['a*b*b'], 4], // "abb": "a*", "a*b", "a*b*", "a*b*b"
    [['a*bb*'], 4], // "abb": "a*", "a*b", "a*bb", "a*bb*"
    [['ab*b*'], 3],
    [['*ab*b*b*'], 7],
    [['*a*a*a*a*a*a*a*a*'], 17], // eight a's: every prefix at once
    [['abc'], 1], // a wildcard operand without a star still counts
    [['*abc', '*abcde'], 4], // prefixes of two patterns add up
    [['*', 'ab*c'], 3], // "abc": "*", "ab*", "ab*c"
    [['ab*c', 'x*xx'], 3], // three x's: "x*", "x*x", "x*xx"
    [['a*bcd', 'ab*cd'], 4], // "abcd": "a*", "a*bcd", "ab*", "ab*cd"
    [['a*bc', 'a*bcde'], 4], // "ab": "a*", "a*b", "a*", "a*b"
    [['a*aaa', 'aa*aa'], 7],
    [['a*aaa', 'aaa*a'], 6], // "aaaa": "a*", "a*a", "a*aa", "a*aaa", "aaa*", "aaa*a"
    // A star right after a literal: the byte after the star is reachable from the state before it.
    [['a*bc', 'abc*'], 4], // "abc": "a*", "a*bc", "abc", "abc*"
    [['a*bc', 'abc*d'], 4], // "abc": "a*", "a*bc", "abc", "abc*"
    [['a*aa', 'aaa*'], 5], // "aaa": "a*", "a*a", "a*aa", "aaa", "aaa*"
    [['a*aax', 'aaa*x'], 5], // "aaa": "a*", "a*a", "a*aa", "aaa", "aaa*"
    [['abc*', 'abcde*'], 3], // "abc": "abc", "abc*", "abc"
    [['ab*cd', 'ab*wx', 'ab*yz'], 6], // a shared determinate prefix counts every pattern behind it
    [['F*eatureFeature', 'Fe*atureFeature', 'Fea*tureFeature'], 10],
    [QUAMINA_EXPLODER, 45],
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

  // The values as a rule adds them, quoted: event-ruler's MachineComplexityEvaluatorCorpus pins these
  // for rules built with Machine.addRule.
  it.each([
    ['the Quamina exploder', 45, QUAMINA_EXPLODER],
    ['four leading-star wildcards', 12, ['*kiwi*', '*BASE_QuxB*', '*Delta*', '*a/example-lake-abc98765432*']],
    ['"*a" fifty times then "*"', 101, [`${'*a'.repeat(50)}*`]],
    ['four "*xy*" patterns', 12, ['*aa*', '*ba*', '*ca*', '*da*']],
  ])('%s, quoted → %i', (_label, expected, patterns) => {
    expect(quotedComplexityOf(...patterns)).toBe(expected);
  });

  it('counts an anything-but list of quoted values once per state', () => {
    // event-ruler's corpus: the same four strings score 12 as plain wildcards.
    const anythingBut: WildcardTerm = {
      identity: 'anything-but',
      values: ['*kiwi*', '*BASE_QuxB*', '*Delta*', '*a/example-lake-abc98765432*'].map(quoted),
    };
    expect(wildcardComplexity([anythingBut], 1000)).toBe(7);
  });

  it('reaches the closing quote straight from the state before a final star', () => {
    // The value "aa" completes "*", "aa" and "aa*" (its star matching nothing); "*" and "aa*" also
    // count their star: 5.
    expect(quotedComplexityOf('*', 'aa', 'aa*')).toBe(5);
  });

  it('does not reach the closing quote from the state before a star when a literal follows it', () => {
    // The value "b" completes "b" and "*" (and counts the star of "*"), while "b*a" has got only as
    // far as "b*": 4, not 5.
    expect(quotedComplexityOf('b', 'b*a', '*')).toBe(4);
  });

  it('gives up after 50,000 distinct state sets, however their states were reached', () => {
    // A literal of n bytes walks through n state sets, one state each. The two star patterns add 28
    // distinct sets, several of them reached in more than one order and some whose state numbers
    // run together ("1,23" and "12,3"): each must count exactly once.
    const starPatterns = ['ab*ab*a', 'a*ba*b'].map(term);
    const withLiteral = (length: number) => [...starPatterns, term('c'.repeat(length))];
    expect(wildcardComplexity(withLiteral(50_000 - 28 - 1), 100)).toBe(7);
    expect(wildcardComplexity(withLiteral(50_000 - 28), 100)).toBe(100);
  });

  it('has nothing to count without wildcard patterns', () => {
    expect(wildcardComplexity([], 10)).toBe(0);
  });
});

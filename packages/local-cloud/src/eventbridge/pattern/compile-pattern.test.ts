import { describe, expect, it } from 'vitest';
import { compilePattern } from './compile-pattern.js';
import { matchesEventPattern } from './index.js';

const matchesValue = (valuePattern: unknown, value: unknown) =>
  matchesEventPattern({ v: [valuePattern] }, { v: value });

const matchersOf = (valuePattern: unknown) =>
  compilePattern({ v: [valuePattern] }).root.fields.get('v')?.matchers;

describe('compilePattern', () => {
  describe('exactly', () => {
    it('matches the very string', () => {
      expect(matchesValue({ exactly: 'running' }, 'running')).toBe(true);
      expect(matchesValue({ exactly: 'running' }, 'Running')).toBe(false);
    });

    // A plain string that reads as an IP address is compared as an address; `exactly` keeps the text.
    it('compares an IP address as text', () => {
      expect(matchesValue('2001:db8::1', '2001:0db8:0:0:0:0:0:1')).toBe(true);
      expect(matchesValue({ exactly: '2001:db8::1' }, '2001:0db8:0:0:0:0:0:1')).toBe(false);
      expect(matchesValue({ exactly: '2001:db8::1' }, '2001:db8::1')).toBe(true);
    });
  });

  describe('numeric upper bounds', () => {
    it.each([
      [['<=', 5], 5, true],
      [['<=', 5], 5.1, false],
      [['<', 5], 5, false],
      [['<', 5], 4.9, true],
    ])('%j against %s → %s', (numeric, value, expected) => {
      expect(matchesValue({ numeric }, value)).toBe(expected);
    });
  });

  describe('anything-but', () => {
    it('excludes a single number', () => {
      expect(matchesValue({ 'anything-but': 5 }, 5)).toBe(false);
      expect(matchesValue({ 'anything-but': 5 }, 6)).toBe(true);
    });

    it.each([
      [{ 'equals-ignore-case': ['A', 'b'] }, { kind: 'anything-but-ignore-case', values: ['A', 'b'] }],
      [{ prefix: 'x' }, { kind: 'anything-but-prefix', values: ['x'] }],
      [{ suffix: ['x', 'y'] }, { kind: 'anything-but-suffix', values: ['x', 'y'] }],
    ])('keeps exactly the listed values of %j', (operand, matcher) => {
      expect(matchersOf({ 'anything-but': operand })).toEqual([matcher]);
    });

    it('keeps exactly the listed wildcards', () => {
      expect(matchersOf({ 'anything-but': { wildcard: ['a*', 'b*'] } })).toEqual([
        { kind: 'anything-but-wildcard', values: [expect.any(Array), expect.any(Array)] },
      ]);
    });
  });
});

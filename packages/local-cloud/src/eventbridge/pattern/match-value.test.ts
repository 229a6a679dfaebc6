import { describe, expect, it } from 'vitest';
import { matchesEventPattern } from './index.js';

const matchesValue = (valuePattern: unknown, value: unknown) =>
  matchesEventPattern({ v: [valuePattern] }, { v: value });

describe('matchesValue', () => {
  describe('exact numbers', () => {
    it.each([
      // Within ±5e9 numbers compare at six decimal places, as numeric matching does.
      [0.0000001, 0.0000002, true],
      [5, 5.1, false],
      // Outside ±5e9 (an account number, say) only the same number matches.
      [123456789012, 123456789012, true],
      [123456789012, 123456789013, false],
      [1e10, 2e10, false],
    ])('%s against %s → %s', (pattern, value, expected) => {
      expect(matchesValue(pattern, value)).toBe(expected);
    });
  });

  describe('numeric lower bounds', () => {
    it.each([
      [['>=', 5], 5, true],
      [['>=', 5], 4.9, false],
      [['>', 5], 5, false],
      [['>', 5], 5.1, true],
    ])('%j against %s → %s', (numeric, value, expected) => {
      expect(matchesValue({ numeric }, value)).toBe(expected);
    });
  });

  it('suffix looks at the end of the value', () => {
    expect(matchesValue({ suffix: '.png' }, 'photo.png')).toBe(true);
    expect(matchesValue({ suffix: '.png' }, '.png.txt')).toBe(false);
  });

  it('anything-but equals-ignore-case excludes a value equal to any one of the list', () => {
    const pattern = { 'anything-but': { 'equals-ignore-case': ['stopped', 'failed'] } };
    expect(matchesValue(pattern, 'STOPPED')).toBe(false);
    expect(matchesValue(pattern, 'Failed')).toBe(false);
    expect(matchesValue(pattern, 'running')).toBe(true);
  });
});

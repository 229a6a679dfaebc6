import { describe, expect, it } from 'vitest';
import { handlingPreferenceOf } from './prefer-handling.js';

describe('handlingPreferenceOf (RFC 7240 Prefer)', () => {
  it.each([
    ['handling=strict', 'strict'],
    ['HANDLING = "Strict"', 'strict'],
    ['respond-async, handling=strict; param=1', 'strict'],
    ['handling=lenient', 'lenient'],
    ['handling=lenient, handling=strict', 'lenient'],
    // RFC 7240 allows whitespace before a preference's parameters.
    ['handling=strict ; param=1', 'strict'],
  ])('reads %s as %s', (header, expected) => {
    expect(handlingPreferenceOf(header)).toBe(expected);
  });

  it.each([
    undefined,
    '',
    'return=minimal',
    'handling=picky',
    'xhandling=strict',
    'handling=strict x',
    'handling=strictly',
  ])('finds no handling preference in %s', (header) => {
    expect(handlingPreferenceOf(header)).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { matchesWildcard, parseWildcard } from './wildcard.js';

const reject = (reason: string): never => {
  throw new Error(reason);
};

const matches = (pattern: string, value: string) => matchesWildcard(parseWildcard(pattern, reject), value);

describe('parseWildcard', () => {
  // event-ruler's WildcardParser counts UTF-8 bytes of the quoted value; an escape takes two.
  it('places an error after an escape by its byte position in the quoted value', () => {
    expect(() => parseWildcard('\\*a**', reject)).toThrow('Consecutive wildcard characters at pos 4');
    expect(() => parseWildcard('\\\\\\x', reject)).toThrow('Invalid escape character at pos 3');
  });
});

describe('matchesWildcard', () => {
  it.each([
    ['', '', true], // an empty operand is an exact match on the empty string
    ['', 'a', false],
    ['ab*', 'abz', true],
    ['ab*', 'xyz', false], // the text before the first star must start the value
    ['*ba', 'xba', true],
    ['*ba', 'xbb', false],
    ['ab*ba', 'abba', true],
    ['ab*ba', 'aba', false], // head and tail may not share the middle "b"
    ['*b*b', 'xbb', true],
    ['*b*b', 'xb', false], // the middle "b" may not be the one the tail takes
    ['*a*b', 'b', false], // a piece between stars must be found
    ['*a*b', 'ab', true],
    ['*ab*ab*', 'abab', true],
    ['*ab*ab*', 'xab', false], // two pieces may not overlap
    ['*ab*ab*', 'aab', false],
  ])('%j on %j → %s', (pattern, value, expected) => {
    expect(matches(pattern, value)).toBe(expected);
  });
});

import { describe, expect, it } from 'vitest';
import { recordedPatternCases as cases } from '../../../test/fixtures/eventbridge-patterns/cases.js';
import { InvalidEventPatternError, matchesEventPattern, validateEventPattern } from './index.js';

// The outcomes recorded against AWS, straight through the matcher: the same cases as
// test/eventbridge-patterns.conformance.test.ts without the HTTP API and the SDK around it, so
// `pnpm mutate` can run them against every mutant of the matcher in milliseconds.
describe('the matcher on the outcomes recorded against AWS', () => {
  it.each(cases)('$name → $expected', ({ pattern, event, expected, message }) => {
    const text = JSON.stringify(pattern);

    if (expected === 'invalid') {
      expect(() => validateEventPattern(text)).toThrow(InvalidEventPatternError);
      expect(() => validateEventPattern(text)).toThrow(expect.objectContaining({ message }));
    } else {
      expect(matchesEventPattern(text, JSON.stringify(event))).toBe(expected === 'match');
    }
  });
});

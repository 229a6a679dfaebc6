import { describe, expect, it } from 'vitest';
import { InvalidEventPatternError, matchesEventPattern, validateEventPattern } from './index.js';

describe('validateEventPattern', () => {
  it('refuses pattern text that is not JSON, saying so', () => {
    expect(() => validateEventPattern('{"source": [')).toThrow(InvalidEventPatternError);
    expect(() => validateEventPattern('{"source": [')).toThrow(
      /^Event pattern is not valid\. Reason: Filter is not valid JSON: \S/,
    );
  });
});

describe('matchesEventPattern', () => {
  // A pattern of absent fields holds for an event without fields: only an object is an event at all.
  const absent = { source: [{ exists: false }] };

  it('holds for an object without the field', () => {
    expect(matchesEventPattern(absent, '{}')).toBe(true);
  });

  it.each(['null', '5', '"text"', 'true', '[]', '[{"other": 1}]'])('never matches the event %s', (event) => {
    expect(matchesEventPattern(absent, event)).toBe(false);
  });

  it('never matches an array, even one holding a matching object', () => {
    expect(matchesEventPattern({ source: ['orders'] }, [{ source: 'orders' }])).toBe(false);
  });
});

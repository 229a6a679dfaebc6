import { describe, expect, it } from 'vitest';
import { InvalidEventPatternError, validateEventPattern } from './index.js';

function reasonFor(pattern: unknown): string | undefined {
  try {
    validateEventPattern(pattern as object);
    return undefined;
  } catch (error) {
    if (error instanceof InvalidEventPatternError) return error.reason;
    throw error;
  }
}

describe('validateEventPattern', () => {
  it.each([
    [[], 'Filter is not an object'],
    [{}, 'Empty objects are not allowed'],
    [{ a: [] }, 'Empty arrays are not allowed'],
    [{ a: { b: {} } }, 'Empty objects are not allowed'],
    [{ a: [[1]] }, 'Match value must be String, number, true, false, or null'],
    [{ a: [{}] }, 'Match expression name not found'],
    [{ a: [{ prefix: 'x', suffix: 'y' }] }, 'Only one key allowed in match expression'],
    [{ a: [{ exists: 'yes' }] }, 'exists match pattern must be either true or false.'],
    [{ a: [{ numeric: [] }] }, 'Invalid member in numeric match: ]'],
    [{ a: [{ numeric: [5] }] }, 'Invalid member in numeric match: 5'],
    // Jackson names a nested array or object by the token that opens it.
    [{ a: [{ numeric: [['>'], 5] }] }, 'Invalid member in numeric match: ['],
    [{ a: [{ numeric: [{ op: '>' }, 5] }] }, 'Invalid member in numeric match: {'],
    [{ a: [{ numeric: ['>', 1, ['<'], 5] }] }, 'Bad value in numeric range: ['],
    [{ a: [{ numeric: ['>', 1, { op: '<' }, 5] }] }, 'Bad value in numeric range: {'],
    [{ a: [{ numeric: ['!=', 5] }] }, 'Unrecognized numeric range operator: !='],
    [{ a: [{ numeric: ['=', 'x'] }] }, 'Value of equals must be numeric'],
    [{ a: [{ numeric: ['>', 'x'] }] }, 'Value of > must be numeric'],
    [{ a: [{ numeric: ['>=', true] }] }, 'Value of >= must be numeric'],
    [{ a: [{ numeric: ['<', null] }] }, 'Value of < must be numeric'],
    [{ a: [{ numeric: ['<=', '5'] }] }, 'Value of <= must be numeric'],
    [{ a: [{ numeric: ['=', 5, '<', 6] }] }, 'Too many elements in numeric expression'],
    [{ a: [{ numeric: ['<', 5, '>', 1] }] }, 'Too many elements in numeric expression'],
    [{ a: [{ numeric: ['>', 5, '<', 1] }] }, 'Bottom must be less than top'],
    // An empty range is refused even when both ends are inclusive.
    [{ a: [{ numeric: ['>=', 5, '<=', 5] }] }, 'Bottom must be less than top'],
    [{ a: [{ numeric: ['>', 1, '<', 5, 6] }] }, 'Too many terms in numeric range expression'],
    [{ a: [{ numeric: ['>', 1e10] }] }, 'Value must be between -5.0E9 and 5.0E9, inclusive'],
    [{ a: [{ numeric: ['>', 5_000_000_001] }] }, 'Value must be between -5.0E9 and 5.0E9, inclusive'],
    [{ a: [{ numeric: ['<', -5_000_000_001] }] }, 'Value must be between -5.0E9 and 5.0E9, inclusive'],
    [{ a: [{ 'anything-but': [true] }] }, 'Inside anything but list, start|null|boolean is not supported.'],
    [
      { a: [{ 'anything-but': ['x', 1] }] },
      'Inside anything but list, either all values are number or string, mixed type is not supported',
    ],
    [{ a: [{ 'anything-but': {} }] }, 'Anything-But expression name not found'],
    [{ a: [{ 'anything-but': { numeric: [1] } }] }, 'Unsupported anything-but pattern: numeric'],
    [{ a: [{ 'anything-but': { suffix: '' } }] }, 'Null prefix/suffix not allowed'],
    // A key next to an anything-but set is refused with event-ruler's numeric wording.
    [{ a: [{ 'anything-but': { prefix: 'x' }, other: 1 }] }, 'Too many elements in numeric expression'],
    [{ a: [{ exactly: 5 }] }, 'exact match pattern must be a string'],
    [{ a: [{ prefix: { 'equals-ignore-case': 1 } }] }, 'equals-ignore-case match pattern must be a string'],
    [{ a: [{ prefix: { other: 'x' } }] }, 'Unsupported prefix pattern: other'],
    [{ a: [{ prefix: {} }] }, 'Prefix expression name not found'],
    [{ a: [{ suffix: {} }] }, 'Suffix expression name not found'],
    [{ a: [{ wildcard: 'a\\b' }] }, 'Invalid escape character at pos 2'],
    [{ a: [{ wildcard: 'é**' }] }, 'Consecutive wildcard characters at pos 3'],
    [{ a: [{ cidr: '10.0.0.0' }] }, "Malformed CIDR, one '/' required"],
    [{ a: [{ cidr: '10.0.0.0/x' }] }, 'Malformed CIDR, mask bits must be an integer'],
    [{ a: [{ cidr: '10.0.0.0/32' }] }, 'IPv4 mask bits must be < 32'],
    [{ a: [{ cidr: '10.0.0.300/8' }] }, 'Invalid IP address: 10.0.0.300'],
    [{ a: [{ cidr: 5 }] }, 'prefix match pattern must be a string'],
    [{ $or: [{ a: ['x'] }] }, 'There must have at least 2 Objects in $or relationship.'],
    [{ $or: { a: ['x'] } }, 'It must be an Array followed with $or.'],
    [{ $or: [{ a: ['x'] }, 'b'] }, 'Only JSON object is allowed in array of $or relationship.'],
    [
      { $or: [{ a: ['x'] }, { numeric: [1] }] },
      'numeric is Ruler reserved fieldName which cannot be used inside $or.',
    ],
    [{ a: [{ regex: 'x' }] }, 'Unrecognized match type regex'],
  ])('%j → %s', (pattern, reason) => {
    expect(reasonFor(pattern)).toBe(reason);
  });

  it.each([
    { a: [{ cidr: '2001:db8::/32' }] },
    { a: [{ wildcard: 'a\\*b\\\\c*' }] },
    { a: [{ 'anything-but': { wildcard: '' } }] },
    { a: [{ numeric: ['>=', -5e9, '<=', 5e9] }] },
    { numeric: ['field named like an operator is fine outside $or'] },
    { a: [123456789012] },
  ])('accepts %j', (pattern) => {
    expect(reasonFor(pattern)).toBeUndefined();
  });

  it('prefixes messages the way EventBridge does', () => {
    expect(() => validateEventPattern('{"a": 1}')).toThrow(
      'Event pattern is not valid. Reason: "a" must be an object or an array',
    );
  });

  it('throws an error that names itself in logs and stack traces', () => {
    expect(() => validateEventPattern('{"a": 1}')).toThrow(
      expect.objectContaining({
        name: 'InvalidEventPatternError',
        reason: '"a" must be an object or an array',
      }),
    );
  });

  // event-ruler's reserved field names inside $or (each would be ambiguous with a match expression
  // there); AWS answers InvalidEventPatternException for each. Outside $or they are plain fields.
  // Written out rather than imported from compile-pattern.ts, so a name dropped there fails here.
  it.each([
    'exactly',
    'equals-ignore-case',
    'prefix',
    'suffix',
    'anything-but',
    'exists',
    'wildcard',
    'numeric',
    'cidr',
    '=',
    '<',
    '<=',
    '>',
    '>=',
    'regex',
    'not-wildcard',
    'not-equals-ignore-case',
    'date-after',
    'date-on-or-after',
    'date-before',
    'date-on-or-before',
    'in-date-range',
    'ip-address-in-range',
    'ip-address-not-in-range',
  ])('refuses the reserved field name %s inside $or, and takes it outside', (name) => {
    expect(reasonFor({ $or: [{ [name]: ['x'] }, { b: ['y'] }] })).toBe(
      `${name} is Ruler reserved fieldName which cannot be used inside $or.`,
    );
    expect(reasonFor({ [name]: ['x'] })).toBeUndefined();
  });
});

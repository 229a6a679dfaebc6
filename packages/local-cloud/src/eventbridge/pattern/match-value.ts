import { toComparable } from './comparable-number.js';
import { ipInRange, parseIpAddress, sameIp } from './ip-address.js';
import type { LeafValue, ValueMatcher } from './matchers.js';
import { matchesWildcard } from './wildcard.js';

/** event-ruler folds case per character: each pattern character matches its lower or upper case. */
function sameCharIgnoringCase(patternChar: string, eventChar: string): boolean {
  return (
    patternChar === eventChar ||
    patternChar.toLowerCase() === eventChar ||
    patternChar.toUpperCase() === eventChar
  );
}

function startsWithIgnoringCase(value: string, prefix: string): boolean {
  const valueChars = Array.from(value);
  const prefixChars = Array.from(prefix);
  if (prefixChars.length > valueChars.length) return false;
  return prefixChars.every((char, i) => sameCharIgnoringCase(char, valueChars[i] ?? ''));
}

function endsWithIgnoringCase(value: string, suffix: string): boolean {
  const valueChars = Array.from(value);
  const suffixChars = Array.from(suffix);
  const offset = valueChars.length - suffixChars.length;
  if (offset < 0) return false;
  return suffixChars.every((char, i) => sameCharIgnoringCase(char, valueChars[offset + i] ?? ''));
}

export function equalsIgnoringCase(value: string, expected: string): boolean {
  if (value === expected) return true;
  const valueChars = Array.from(value);
  const expectedChars = Array.from(expected);
  return (
    valueChars.length === expectedChars.length &&
    expectedChars.every((char, i) => sameCharIgnoringCase(char, valueChars[i] ?? ''))
  );
}

function ipOf(value: LeafValue) {
  return typeof value === 'string' ? parseIpAddress(value) : undefined;
}

function withinBounds(value: number, matcher: Extract<ValueMatcher, { kind: 'numeric' }>): boolean {
  const comparable = toComparable(value);
  if (comparable === undefined) return false;
  const { lower, upper } = matcher;
  if (lower && (lower.inclusive ? comparable < lower.value : comparable <= lower.value)) return false;
  if (upper && (upper.inclusive ? comparable > upper.value : comparable >= upper.value)) return false;
  return true;
}

/**
 * Whether one leaf value satisfies one matcher. String operators only ever match strings; the
 * anything-but family matches every value (null, numbers, booleans included) it does not exclude.
 */
export function matchesValue(matcher: ValueMatcher, value: LeafValue): boolean {
  switch (matcher.kind) {
    case 'exact-string':
      return value === matcher.value;
    case 'exact-ip': {
      const address = ipOf(value);
      return address !== undefined && sameIp(address, matcher.address);
    }
    case 'exact-number':
      return (
        typeof value === 'number' &&
        (value === matcher.value ||
          (matcher.comparable !== undefined && toComparable(value) === matcher.comparable))
      );
    case 'literal':
      return value === matcher.value;
    case 'prefix':
      return (
        typeof value === 'string' &&
        (matcher.ignoreCase ? startsWithIgnoringCase(value, matcher.value) : value.startsWith(matcher.value))
      );
    case 'suffix':
      return (
        typeof value === 'string' &&
        (matcher.ignoreCase ? endsWithIgnoringCase(value, matcher.value) : value.endsWith(matcher.value))
      );
    case 'equals-ignore-case':
      return typeof value === 'string' && equalsIgnoringCase(value, matcher.value);
    case 'wildcard':
      return typeof value === 'string' && matchesWildcard(matcher.tokens, value);
    case 'numeric':
      return typeof value === 'number' && withinBounds(value, matcher);
    case 'cidr': {
      const address = ipOf(value);
      return address !== undefined && ipInRange(address, matcher.range);
    }
    case 'anything-but-strings':
      return !(typeof value === 'string' && matcher.values.has(value));
    case 'anything-but-numbers': {
      if (typeof value !== 'number') return true;
      const comparable = toComparable(value);
      return comparable === undefined || !matcher.values.has(comparable);
    }
    case 'anything-but-ignore-case':
      return !(
        typeof value === 'string' && matcher.values.some((excluded) => equalsIgnoringCase(value, excluded))
      );
    case 'anything-but-prefix':
      return !(typeof value === 'string' && matcher.values.some((excluded) => value.startsWith(excluded)));
    case 'anything-but-suffix':
      return !(typeof value === 'string' && matcher.values.some((excluded) => value.endsWith(excluded)));
    case 'anything-but-wildcard':
      return !(typeof value === 'string' && matcher.values.some((tokens) => matchesWildcard(tokens, value)));
  }
}

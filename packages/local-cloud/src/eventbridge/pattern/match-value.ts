import { toComparable } from './comparable-number.js';
import { ipInRange, parseIpAddress, sameIp } from './ip-address.js';
import type { LeafValue, ValueMatcher } from './matchers.js';
import { matchesWildcard } from './wildcard.js';

/**
 * event-ruler's case folding (its EqualsIgnoreCaseParser): each character of the pattern becomes
 * two alternatives, its lower case and its upper case (Locale.ROOT), either of which may be longer
 * than one character ('ß' → "ß" or "SS"). The event's value is not folded. So a titlecase letter
 * such as 'ǅ' matches 'ǆ' and 'Ǆ' but not itself. One difference is kept on purpose: event-ruler
 * folds UTF-16 units and turns a lone surrogate into '?', so a pattern with an emoji could never
 * match; here a character outside the BMP matches itself.
 */
function caseAlternatives(pattern: string): (readonly [string, string])[] {
  return Array.from(pattern, (char) => [char.toLowerCase(), char.toUpperCase()] as const);
}

/**
 * Where in `value` a case-insensitive match of `pattern` can end: reading forward from the start,
 * or backward from the end. Alternatives of different lengths make several ends possible.
 */
function caseInsensitiveEnds(value: string, pattern: string, direction: 'forward' | 'backward'): Set<number> {
  const forward = direction === 'forward';
  const steps = caseAlternatives(pattern);
  if (!forward) steps.reverse();
  let ends = new Set([forward ? 0 : value.length]);
  for (const alternatives of steps) {
    const next = new Set<number>();
    for (const at of ends) {
      for (const alternative of alternatives) {
        if (forward && value.startsWith(alternative, at)) next.add(at + alternative.length);
        if (!forward && value.endsWith(alternative, at)) next.add(at - alternative.length);
      }
    }
    ends = next;
  }
  return ends;
}

function startsWithIgnoringCase(value: string, prefix: string): boolean {
  return caseInsensitiveEnds(value, prefix, 'forward').size > 0;
}

function endsWithIgnoringCase(value: string, suffix: string): boolean {
  return caseInsensitiveEnds(value, suffix, 'backward').size > 0;
}

function equalsIgnoringCase(value: string, expected: string): boolean {
  return caseInsensitiveEnds(value, expected, 'forward').has(value.length);
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

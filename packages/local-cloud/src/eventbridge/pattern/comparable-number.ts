/**
 * EventBridge compares numbers the way event-ruler does: only values in [-5e9, 5e9] take part in
 * numeric matching, and they are compared at six decimal places (the value is scaled by 1e6 and
 * truncated). Reproducing the truncation keeps edge cases such as 0.0000001 == 0.0000002 identical.
 */
const FIVE_BILLION = 5e9;

export const NUMBER_RANGE_MESSAGE = 'Value must be between -5.0E9 and 5.0E9, inclusive';

export function isComparable(value: number): boolean {
  // NaN and the infinities fail these comparisons too.
  return value >= -FIVE_BILLION && value <= FIVE_BILLION;
}

/** Scaled integer form; undefined when the number is outside the comparable range. */
export function toComparable(value: number): number | undefined {
  if (!isComparable(value)) return undefined;
  return Math.trunc(1e6 * (FIVE_BILLION + value));
}

/** For pattern operands: out-of-range values make the pattern invalid. */
export function toComparableOrThrow(value: number, reject: (reason: string) => never): number {
  const comparable = toComparable(value);
  return comparable === undefined ? reject(NUMBER_RANGE_MESSAGE) : comparable;
}

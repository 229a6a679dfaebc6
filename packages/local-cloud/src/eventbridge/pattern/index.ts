import { type CompiledPattern, compilePattern, isCompiledPattern } from './compile-pattern.js';
import { flattenEvent } from './flatten-event.js';
import { InvalidEventPatternError } from './invalid-event-pattern-error.js';
import { matchesCompiledPattern } from './match-event.js';

export type { CompiledPattern } from './compile-pattern.js';
export { InvalidEventPatternError } from './invalid-event-pattern-error.js';
export { compilePattern, flattenEvent, isCompiledPattern, matchesCompiledPattern };

function parsePatternText(pattern: string): unknown {
  try {
    return JSON.parse(pattern);
  } catch (error) {
    // Jackson's own parse messages cannot be reproduced byte for byte; keep the EventBridge framing.
    throw new InvalidEventPatternError(`Filter is not valid JSON: ${(error as Error).message}`);
  }
}

/**
 * Checks a pattern (JSON text or parsed) and throws InvalidEventPatternError with EventBridge's
 * exact message when EventBridge would reject it.
 *
 * @example validateEventPattern('{"source": ["orders"]}');
 */
export function validateEventPattern(pattern: string | object): CompiledPattern {
  return compilePattern(typeof pattern === 'string' ? parsePatternText(pattern) : pattern);
}

/**
 * Whether an event (an EventBridge envelope, JSON text or parsed) matches a pattern.
 * Throws InvalidEventPatternError for an invalid pattern.
 *
 * @example matchesEventPattern({source: ['orders']}, {source: 'orders', detail: {}}); // true
 */
export function matchesEventPattern(
  pattern: string | object | CompiledPattern,
  event: string | object,
): boolean {
  const compiled = isCompiledPattern(pattern) ? pattern : validateEventPattern(pattern);
  const parsed = typeof event === 'string' ? (JSON.parse(event) as unknown) : event;
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return false;
  return matchesCompiledPattern(compiled, flattenEvent(parsed as Record<string, unknown>, compiled.paths));
}

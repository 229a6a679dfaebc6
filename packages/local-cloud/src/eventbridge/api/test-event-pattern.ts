import { validationError } from '../api-error.js';
import { flattenEvent, matchesCompiledPattern } from '../pattern/index.js';
import type { OperationHandler } from './context.js';
import { requiredString } from './request-fields.js';
import { checkPatternLength, compileOrReject } from './rules.js';

/** TestEventPattern insists on an envelope carrying these fields. */
const REQUIRED_EVENT_FIELDS = ['id', 'account', 'source', 'time', 'region', 'detail-type'];

function parseEnvelope(text: string): Record<string, unknown> {
  let event: unknown;
  try {
    event = JSON.parse(text);
  } catch {
    throw validationError('Parameter Event is not valid.');
  }
  if (typeof event !== 'object' || event === null || Array.isArray(event)) {
    throw validationError('Parameter Event is not valid.');
  }
  const missing = REQUIRED_EVENT_FIELDS.find((field) => !(field in event));
  if (missing) throw validationError('Parameter Event is not valid.');
  return event as Record<string, unknown>;
}

export const testEventPattern: OperationHandler = (_context, body) => {
  const patternText = requiredString(body, 'EventPattern');
  checkPatternLength(patternText);
  const pattern = compileOrReject(patternText);
  const event = parseEnvelope(requiredString(body, 'Event'));
  return { Result: matchesCompiledPattern(pattern, flattenEvent(event, pattern.paths)) };
};

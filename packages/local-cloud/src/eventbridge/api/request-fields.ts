import { validationError } from '../api-error.js';

/** Reading request members with AWS's validation wording (member names in lowerCamelCase). */
export type RequestBody = Record<string, unknown>;

const memberName = (field: string) => field.charAt(0).toLowerCase() + field.slice(1);

export function optionalString(body: RequestBody, field: string): string | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw validationError(`Value at '${memberName(field)}' must be a string`);
  return value;
}

export function requiredString(body: RequestBody, field: string): string {
  const value = optionalString(body, field);
  if (value === undefined) {
    throw validationError(
      `1 validation error detected: Value null at '${memberName(field)}' failed to satisfy constraint: Member must not be null`,
    );
  }
  return value;
}

export function checkedName(
  value: string,
  field: string,
  pattern: RegExp,
  patternText: string,
  max: number,
): string {
  const member = memberName(field);
  if (value.length < 1 || value.length > max) {
    throw validationError(
      `1 validation error detected: Value '${value}' at '${member}' failed to satisfy constraint: Member must have length less than or equal to ${max}`,
    );
  }
  if (!pattern.test(value)) {
    throw validationError(
      `1 validation error detected: Value '${value}' at '${member}' failed to satisfy constraint: Member must satisfy regular expression pattern: ${patternText}`,
    );
  }
  return value;
}

export function optionalArray(body: RequestBody, field: string): unknown[] | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw validationError(`Value at '${memberName(field)}' must be a list`);
  return value;
}

export function optionalLimit(body: RequestBody): number | undefined {
  const value = body.Limit;
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 100) {
    throw validationError(
      `1 validation error detected: Value '${String(value)}' at 'limit' failed to satisfy constraint: Member must have value between 1 and 100`,
    );
  }
  return value;
}

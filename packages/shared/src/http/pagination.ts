import { type FieldError, ValidationError } from '../errors.js';
import * as z from '../zod.js';

/** A page of a list plus the opaque cursor of the next page (absent on the last page). */
export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

/**
 * A string key attribute inside a cursor: non-empty, well-formed Unicode and within DynamoDB's
 * key size (1024 bytes for a sort key, 2048 for a partition key), so a forged cursor is a 400
 * here instead of a DynamoDB ValidationException (a 500) later.
 *
 * @example
 * decodeCursor(cursor, z.strictObject({ userName: cursorKeyString(2048), orderKey: cursorKeyString() }));
 */
export const cursorKeyString = (maxBytes = 1024) =>
  z.string().check(
    z.minLength(1),
    z.refine((value) => Buffer.byteLength(value, 'utf8') <= maxBytes && !/\p{Cs}/u.test(value)),
  );

const invalidCursor = (): ValidationError => {
  const error: FieldError = { in: 'query', pointer: '#/cursor', detail: 'Invalid or expired cursor' };
  return new ValidationError('The cursor is not one this API issued', [error]);
};

/**
 * Encodes a DynamoDB `LastEvaluatedKey` as an opaque, URL-safe cursor.
 *
 * @example
 * const nextCursor = encodeCursor(result.LastEvaluatedKey);
 */
export const encodeCursor = (key: Record<string, unknown> | undefined): string | undefined =>
  key === undefined ? undefined : Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');

/**
 * Decodes a cursor back into a start key, checking its shape against the table's key schema so a
 * forged or corrupted cursor is a 400, not a DynamoDB error.
 *
 * @example
 * const startKey = decodeCursor(query.cursor, z.strictObject({ id: z.string() }));
 */
export const decodeCursor = <T>(cursor: string | undefined, keySchema: z.ZodMiniType<T>): T | undefined => {
  if (cursor === undefined) return undefined;
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  const parsed = keySchema.safeParse(decoded);
  if (!parsed.success) throw invalidCursor();
  return parsed.data;
};

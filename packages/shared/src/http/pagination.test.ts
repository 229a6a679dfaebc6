import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.js';
import * as z from '../zod.js';
import { cursorKeyString, decodeCursor, encodeCursor } from './pagination.js';

const keySchema = z.strictObject({ id: z.string() });

describe('cursor', () => {
  it('round-trips a start key', () => {
    const cursor = encodeCursor({ id: 'p-1' });

    expect(cursor).toMatch(/^[\w-]+$/);
    expect(decodeCursor(cursor, keySchema)).toEqual({ id: 'p-1' });
  });

  it('is absent on the last page', () => {
    expect(encodeCursor(undefined)).toBeUndefined();
    expect(decodeCursor(undefined, keySchema)).toBeUndefined();
  });

  it.each(['not-base64-json', encodeCursor({ id: 1 }), encodeCursor({ id: 'x', extra: 'y' }), '%%%'])(
    'rejects %s as a validation error on the cursor',
    (cursor) => {
      expect(() => decodeCursor(cursor, keySchema)).toThrow(
        expect.objectContaining({
          name: 'ValidationError',
          message: 'The cursor is not one this API issued',
          fieldErrors: [{ in: 'query', pointer: '#/cursor', detail: 'Invalid or expired cursor' }],
        }),
      );
    },
  );
});

describe('cursorKeyString', () => {
  // Found by the HTTP fuzz tests: `{"id":""}` as a cursor reached DynamoDB and came back a 500.
  const strict = z.strictObject({ id: cursorKeyString(8) });

  it.each([
    ['an empty key', ''],
    ['a key over the byte limit', 'ééééé'],
    ['a lone surrogate', '\ud800'],
  ])('rejects %s as a validation error on the cursor', (_, id) => {
    expect(() => decodeCursor(encodeCursor({ id }), strict)).toThrow(ValidationError);
  });

  it('accepts a key within the limit', () => {
    expect(decodeCursor(encodeCursor({ id: 'é😀' }), strict)).toEqual({ id: 'é😀' });
    // Exactly the limit: 4 × 2 bytes.
    expect(decodeCursor(encodeCursor({ id: 'éééé' }), strict)).toEqual({ id: 'éééé' });
  });
});

import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.js';
import * as z from '../zod.js';
import { cursorKeyString, cursorParam, decodeCursor, encodeCursor, limitParam } from './pagination.js';

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

describe('limitParam and cursorParam', () => {
  it('take a page size of 1 to 100 from the query string, 20 when absent', () => {
    expect(limitParam.parse(undefined)).toBe(20);
    expect(limitParam.parse('1')).toBe(1);
    expect(limitParam.parse('100')).toBe(100);
    for (const bad of ['0', '101', '2.5', 'ten']) expect(limitParam.safeParse(bad).success).toBe(false);
  });

  it('take a cursor of 1 to 2048 characters, or none', () => {
    expect(cursorParam.parse(undefined)).toBeUndefined();
    expect(cursorParam.parse('x'.repeat(2048))).toHaveLength(2048);
    expect(cursorParam.safeParse('').success).toBe(false);
    expect(cursorParam.safeParse('x'.repeat(2049)).success).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ValidationError } from '../errors.js';
import { decodeCursor, encodeCursor } from './pagination.js';

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
      expect(() => decodeCursor(cursor, keySchema)).toThrow(ValidationError);
    },
  );
});

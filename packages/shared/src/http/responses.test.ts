import { describe, expect, it } from 'vitest';
import { accepted, created, noContent, ok } from './responses.js';

describe('responses', () => {
  it('answers 200, 201 with Location, 202 and 204', () => {
    expect(ok({ id: 1 }, { etag: '"1"' })).toEqual({
      status: 200,
      body: { id: 1 },
      headers: { etag: '"1"' },
    });
    expect(created('/product/1', { id: 1 }, { etag: '"1"' })).toEqual({
      status: 201,
      body: { id: 1 },
      headers: { etag: '"1"', location: '/product/1' },
    });
    expect(accepted({ checkoutId: 'c-1' })).toEqual({
      status: 202,
      body: { checkoutId: 'c-1' },
      headers: undefined,
    });
    expect(noContent()).toEqual({ status: 204 });
  });
});

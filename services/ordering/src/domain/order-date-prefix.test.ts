import { describe, expect, it } from 'vitest';
import { orderDatePrefixSchema } from './order-date-prefix.js';

describe('orderDatePrefixSchema', () => {
  it.each([
    '2026',
    '2026-11',
    '2026-11-27',
    '2026-11-27T10',
    '2026-11-27T10:00',
    '2026-11-27T10:00:00',
    '2026-11-27T10:00:00Z',
    '2026-11-27T10:00:00.000Z',
  ])('accepts %j', (prefix) => {
    expect(orderDatePrefixSchema.safeParse(prefix).success).toBe(true);
  });

  it.each(['', 'yesterday', '27-11-2026', '2026-11-27 10:00', '2026-11-27T10:00:00+01:00'])(
    'rejects %j',
    (prefix) => {
      expect(orderDatePrefixSchema.safeParse(prefix).success).toBe(false);
    },
  );

  it('tells the client what a prefix looks like', () => {
    expect(orderDatePrefixSchema.safeParse('yesterday').error?.issues[0]?.message).toBe(
      'Must be an ISO 8601 date or timestamp prefix, e.g. 2026-11-27',
    );
  });
});

import { ValidationError } from '@eshop/shared';
import { describe, expect, it } from 'vitest';
import { basketView, emptyBasket, MAX_QUANTITY_PER_LINE, mergeLines } from './basket.js';

describe('mergeLines', () => {
  it('sums quantities of the same product and colour, keeping first-seen order', () => {
    expect(
      mergeLines([
        { productId: 'a', quantity: 1 },
        { productId: 'b', quantity: 2, color: 'red' },
        { productId: 'a', quantity: 4 },
        { productId: 'b', quantity: 1, color: 'blue' },
      ]),
    ).toEqual([
      { productId: 'a', quantity: 5 },
      { productId: 'b', quantity: 2, color: 'red' },
      { productId: 'b', quantity: 1, color: 'blue' },
    ]);
  });

  it('gives a line without a colour no colour field', () => {
    const [line] = mergeLines([
      { productId: 'a', quantity: 1 },
      { productId: 'a', quantity: 2 },
    ]);

    expect(line).toStrictEqual({ productId: 'a', quantity: 3 });
  });

  it('refuses a merged quantity over the per-line limit, naming the product and its sum', () => {
    const merge = () =>
      mergeLines([
        { productId: 'a', quantity: 60 },
        { productId: 'a', quantity: 40 },
      ]);

    expect(merge).toThrow(ValidationError);
    expect(merge).toThrow(
      expect.objectContaining({
        message: 'At most 99 of one product per basket',
        fieldErrors: [
          { in: 'body', pointer: '#/items', detail: 'Product a adds up to 100; the limit is 99' },
        ],
      }),
    );
  });

  it('accepts a merged quantity of exactly the per-line limit', () => {
    expect(
      mergeLines([
        { productId: 'a', quantity: MAX_QUANTITY_PER_LINE - 1 },
        { productId: 'a', quantity: 1 },
      ]),
    ).toEqual([{ productId: 'a', quantity: MAX_QUANTITY_PER_LINE }]);
  });
});

describe('emptyBasket', () => {
  it('is the basket of a user who has none: no lines, dated at the epoch', () => {
    expect(emptyBasket('ada')).toEqual({ userName: 'ada', lines: [], updatedAt: '1970-01-01T00:00:00.000Z' });
  });
});

describe('basketView', () => {
  const basket = {
    userName: 'u',
    updatedAt: '2026-01-01T00:00:00.000Z',
    lines: [
      { productId: 'a', productName: 'A', unitPrice: 250, quantity: 3 },
      { productId: 'b', productName: 'B', unitPrice: 1999, quantity: 1 },
    ],
  };

  it('computes line totals and a total that respects quantity', () => {
    const view = basketView(basket, new Date());

    expect(view.items.map((i) => i.lineTotal)).toEqual([750, 1999]);
    expect(view.total).toBe(2749);
    expect(view).not.toHaveProperty('pendingCheckout');
  });

  it('shows a pending checkout with its expiry, as EXPIRED once past it', () => {
    const pendingCheckout = {
      version: '1' as const,
      checkoutId: 'c-1',
      correlationId: 'x',
      userName: 'u',
      buyer: { firstName: 'A', lastName: 'B', email: 'a@b.example', address: 'x' },
      payment: { method: 'card' },
      items: [{ productId: 'a', productName: 'A', quantity: 1, unitPrice: 300, lineTotal: 300 }],
      total: 300,
      currency: 'USD',
      checkedOutAt: '2026-01-01T10:00:00.000Z',
    };
    const at = (time: string) => basketView({ ...basket, pendingCheckout }, new Date(time)).pendingCheckout;

    expect(at('2026-01-01T10:14:59.999Z')).toEqual({
      checkoutId: 'c-1',
      status: 'PENDING',
      total: 300,
      currency: 'USD',
      checkedOutAt: '2026-01-01T10:00:00.000Z',
      expiresAt: '2026-01-01T10:15:00.000Z',
    });
    expect(at('2026-01-01T10:15:00.000Z')?.status).toBe('EXPIRED');
  });
});

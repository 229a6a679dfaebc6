import { ValidationError } from '@eshop/shared';
import { describe, expect, it } from 'vitest';
import { basketView, mergeLines } from './basket.js';

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

  it('refuses a merged quantity over the per-line limit', () => {
    expect(() =>
      mergeLines([
        { productId: 'a', quantity: 60 },
        { productId: 'a', quantity: 40 },
      ]),
    ).toThrow(ValidationError);
  });
});

describe('basketView', () => {
  it('computes line totals and a total that respects quantity', () => {
    const view = basketView({
      userName: 'u',
      updatedAt: '2026-01-01T00:00:00.000Z',
      lines: [
        { productId: 'a', productName: 'A', unitPrice: 250, quantity: 3 },
        { productId: 'b', productName: 'B', unitPrice: 1999, quantity: 1 },
      ],
    });

    expect(view.items.map((i) => i.lineTotal)).toEqual([750, 1999]);
    expect(view.total).toBe(2749);
  });
});

import { describe, expect, it } from 'vitest';
import { aCheckout } from '../../test/support/checkout.js';
import { orderDifferences, orderFromCheckout, orderIdFor } from './order.js';

const now = new Date('2026-12-01T08:00:00.000Z');

describe('orderFromCheckout', () => {
  it('copies the checkout into a PLACED order dated by the checkout, not by the clock', () => {
    const checkout = aCheckout({ checkoutId: '3f1c2b9a-8d7e-4f60-9a1b-2c3d4e5f6a7b' });

    const order = orderFromCheckout(checkout, now);

    expect(order).toEqual({
      orderId: orderIdFor(checkout.checkoutId),
      checkoutId: checkout.checkoutId,
      userName: 'swn',
      buyer: checkout.buyer,
      payment: { method: 'card', cardLast4: '4242' },
      items: checkout.items,
      total: 6999,
      currency: 'USD',
      status: 'PLACED',
      orderDate: '2026-11-27T10:00:00.000Z',
      correlationId: 'corr-1',
      createdAt: '2026-12-01T08:00:00.000Z',
    });
  });

  it('normalises the checkout time to millisecond ISO 8601 so dates sort and match uniformly', () => {
    const order = orderFromCheckout(aCheckout({ checkedOutAt: '2026-11-27T10:00:00Z' }), now);

    expect(order.orderDate).toBe('2026-11-27T10:00:00.000Z');
  });

  it('stores no card field beyond the last four digits', () => {
    const order = orderFromCheckout(aCheckout({ payment: { method: 'invoice' } }), now);

    expect(order.payment).toStrictEqual({ method: 'invoice' });
  });

  it('builds the same order (but createdAt) for the same checkout delivered later', () => {
    const checkout = aCheckout();

    const first = orderFromCheckout(checkout, now);
    const again = orderFromCheckout(checkout, new Date('2026-12-02T00:00:00.000Z'));

    expect({ ...again, createdAt: first.createdAt }).toEqual(first);
  });
});

describe('orderDifferences', () => {
  const checkout = aCheckout();
  const order = orderFromCheckout(checkout, now);

  it('finds none for the same checkout stored at another time', () => {
    expect(
      orderDifferences(order, orderFromCheckout(checkout, new Date('2027-01-01T00:00:00.000Z'))),
    ).toEqual([]);
  });

  it('names every field of the checkout that differs, not their values', () => {
    const other = orderFromCheckout(
      {
        ...checkout,
        checkedOutAt: '2026-11-27T10:00:01.000Z',
        buyer: { ...checkout.buyer, address: 'Elsewhere' },
      },
      now,
    );

    expect(orderDifferences(order, other)).toEqual(['buyer', 'orderDate']);
  });
});

describe('orderIdFor', () => {
  it('derives a stable name-based UUID (v5) from the checkout id', () => {
    const id = orderIdFor('3f1c2b9a-8d7e-4f60-9a1b-2c3d4e5f6a7b');

    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(orderIdFor('3f1c2b9a-8d7e-4f60-9a1b-2c3d4e5f6a7b')).toBe(id);
    expect(orderIdFor('3f1c2b9a-8d7e-4f60-9a1b-2c3d4e5f6a7c')).not.toBe(id);
    expect(id).not.toBe('3f1c2b9a-8d7e-4f60-9a1b-2c3d4e5f6a7b');
  });

  // Orders already stored carry ids derived with this namespace: a different one would give a
  // redelivered checkout a second order id after a deploy. Python's uuid.uuid5 gives the same id.
  it('keeps the namespace every stored order id was derived with', () => {
    expect(orderIdFor('3f1c2b9a-8d7e-4f60-9a1b-2c3d4e5f6a7b')).toBe('6096de4e-a9e4-5fea-b650-ea29134b6684');
  });
});

import { describe, expect, it } from 'vitest';
import { aCheckout } from '../../test/support/checkout.js';
import { orderFromCheckout } from './order.js';
import { CheckoutConflictError, placeOrder } from './place-order.js';
import type { SaveNewOrder } from './ports.js';

const now = () => new Date('2026-12-01T08:00:00.000Z');
const checkout = aCheckout({ checkoutId: '3f1c2b9a-8d7e-4f60-9a1b-2c3d4e5f6a7b' });
const placeWith = (saveNewOrder: SaveNewOrder) => placeOrder({ saveNewOrder, now })(checkout);

describe('placeOrder', () => {
  it('places the checkout’s order when none is stored', async () => {
    await expect(placeWith(async () => ({ placed: true }))).resolves.toMatchObject({ outcome: 'placed' });
  });

  it('takes the same order stored earlier for a redelivery: already placed, nothing thrown', async () => {
    const existing = orderFromCheckout(checkout, new Date('2026-11-30T00:00:00.000Z'));

    await expect(placeWith(async () => ({ placed: false, existing }))).resolves.toMatchObject({
      outcome: 'already-placed',
    });
  });

  // The operator reads this in the logs and the DLQ: the checkout and which fields differ, no values.
  it('refuses another event for the same checkout, naming the fields that differ', async () => {
    const existing = orderFromCheckout({ ...checkout, total: 1, currency: 'EUR' }, now());

    const error = await placeWith(async () => ({ placed: false, existing })).catch((caught) => caught);

    expect(error).toBeInstanceOf(CheckoutConflictError);
    expect(error).toMatchObject({
      name: 'CheckoutConflictError',
      message: `Checkout ${checkout.checkoutId} already has an order that differs in total, currency`,
      checkoutId: checkout.checkoutId,
      differences: ['total', 'currency'],
    });
  });

  // The guard says an order exists but it cannot be read back: never taken for a duplicate.
  it('refuses, rather than calls already placed, an order the store cannot show', async () => {
    await expect(placeWith(async () => ({ placed: false, existing: undefined }))).rejects.toMatchObject({
      name: 'CheckoutConflictError',
      differences: ['order'],
    });
  });
});

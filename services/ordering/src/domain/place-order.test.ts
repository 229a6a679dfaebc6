import { describe, expect, it } from 'vitest';
import { aCheckout } from '../../test/support/checkout.js';
import { inMemoryOrders } from '../../test/support/in-memory-orders.js';
import { placeOrder } from './place-order.js';

const clock = { now: () => new Date('2026-12-01T08:00:00.000Z') };

describe('placeOrder', () => {
  it('stores one order per checkout however often it is delivered', async () => {
    const store = inMemoryOrders();
    const place = placeOrder({ ...store, clock });
    const checkout = aCheckout();

    const first = await place(checkout);
    const again = await place(checkout);

    expect(first.created).toBe(true);
    expect(again.created).toBe(false);
    expect(again.order.orderId).toBe(first.order.orderId);
    expect(store.orders.size).toBe(1);
  });

  it('lets a store failure through, storing nothing', async () => {
    const place = placeOrder({
      saveNewOrder: async () => {
        throw new Error('throttled');
      },
      clock,
    });

    await expect(place(aCheckout())).rejects.toThrow('throttled');
  });
});

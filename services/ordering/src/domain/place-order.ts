import type { CheckoutBasketDetail } from '@eshop/shared';
import { type Order, orderDifferences, orderFromCheckout } from './order.js';
import type { SaveNewOrder } from './ports.js';

/**
 * Another order is stored for this checkout id, built from a different event: two events claim
 * one checkout. Never resolved by overwriting either; a person has to look (the DLQ).
 */
export class CheckoutConflictError extends Error {
  readonly checkoutId: string;
  /** The order fields that differ (never their values: they hold personal data). */
  readonly differences: string[];
  constructor(checkoutId: string, differences: string[]) {
    super(`Checkout ${checkoutId} already has an order that differs in ${differences.join(', ')}`);
    this.name = 'CheckoutConflictError';
    this.checkoutId = checkoutId;
    this.differences = differences;
  }
}

/**
 * One order per checkout id: places the checkout's order, or finds the one already placed for it.
 * The same event again (a redelivery) is `already-placed`, a no-op; a different event for the
 * same checkout id is a CheckoutConflictError.
 */
export const placeOrder =
  ({ saveNewOrder, now }: { saveNewOrder: SaveNewOrder; now: () => Date }) =>
  async (checkout: CheckoutBasketDetail): Promise<{ order: Order; outcome: 'placed' | 'already-placed' }> => {
    const order = orderFromCheckout(checkout, now());
    const saved = await saveNewOrder(order);
    if (saved.placed) return { order, outcome: 'placed' };
    const differences = saved.existing === undefined ? ['order'] : orderDifferences(saved.existing, order);
    if (differences.length > 0) throw new CheckoutConflictError(checkout.checkoutId, differences);
    return { order, outcome: 'already-placed' };
  };

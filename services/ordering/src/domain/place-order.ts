import type { CheckoutBasketDetail } from '@eshop/shared';
import { type Order, orderFromCheckout } from './order.js';
import type { SaveNewOrder } from './ports.js';

export interface Clock {
  now: () => Date;
}

export interface PlacedOrder {
  order: Order;
  /** False when this checkout already had its order: the event was delivered again. */
  created: boolean;
}

/** Turns a checkout into its order, exactly once per checkout id however often it is delivered. */
export const placeOrder =
  ({ saveNewOrder, clock }: { saveNewOrder: SaveNewOrder; clock: Clock }) =>
  async (checkout: CheckoutBasketDetail): Promise<PlacedOrder> => {
    const order = orderFromCheckout(checkout, clock.now());
    const created = await saveNewOrder(order);
    return { order, created };
  };

import { type CheckoutBasketDetail, ValidationError } from '@eshop/shared';
import { pendingCheckoutView } from './pending-checkout.js';

/** A basket line as stored: what the user chose, priced from the catalog when it was written. */
export interface BasketLine {
  productId: string;
  productName: string;
  quantity: number;
  /** Catalog price per unit, in minor units, when the line was written. Checkout re-prices. */
  unitPrice: number;
  color?: string;
}

export interface Basket {
  userName: string;
  lines: BasketLine[];
  updatedAt: string;
  /**
   * A new random id on every save: the optimistic lock of checkout, which prices the lines of one
   * revision. Unlike a timestamp, two saves never share one. Absent on baskets saved before it was.
   */
  revision?: string;
  /** A checkout of this basket that was prepared but not completed (see pending-checkout.ts). */
  pendingCheckout?: CheckoutBasketDetail;
}

/** The shop's one currency; prices everywhere are integers in its minor unit. */
export const CURRENCY = 'USD';
export const MAX_QUANTITY_PER_LINE = 99;
export const MAX_LINES = 50;

export interface RequestedLine {
  productId: string;
  quantity: number;
  color?: string;
}

/**
 * Merges lines for the same product and colour, summing quantities, in first-seen order.
 * A merged quantity over the per-line limit is a validation error naming the product.
 */
export const mergeLines = (items: RequestedLine[]): RequestedLine[] => {
  const merged = new Map<string, RequestedLine>();
  for (const { productId, quantity, color } of items) {
    const key = JSON.stringify([productId, color ?? null]);
    const existing = merged.get(key);
    merged.set(key, {
      productId,
      quantity: (existing?.quantity ?? 0) + quantity,
      ...(color === undefined ? {} : { color }),
    });
  }
  const lines = [...merged.values()];
  const tooMany = lines.findIndex((line) => line.quantity > MAX_QUANTITY_PER_LINE);
  if (tooMany >= 0) {
    const line = lines[tooMany];
    throw new ValidationError(`At most ${MAX_QUANTITY_PER_LINE} of one product per basket`, [
      {
        in: 'body',
        pointer: '#/items',
        detail: `Product ${line?.productId} adds up to ${line?.quantity}; the limit is ${MAX_QUANTITY_PER_LINE}`,
      },
    ]);
  }
  return lines;
};

/** The basket as clients see it: lines with line totals, the total, and any pending checkout. */
export const basketView = (basket: Basket, now: Date) => {
  const items = basket.lines.map((line) => ({ ...line, lineTotal: line.unitPrice * line.quantity }));
  return {
    userName: basket.userName,
    items,
    total: items.reduce((sum, item) => sum + item.lineTotal, 0),
    currency: CURRENCY,
    updatedAt: basket.updatedAt,
    ...(basket.pendingCheckout === undefined
      ? {}
      : { pendingCheckout: pendingCheckoutView(basket.pendingCheckout, now) }),
  };
};

export const emptyBasket = (userName: string): Basket => ({
  userName,
  lines: [],
  updatedAt: new Date(0).toISOString(),
});

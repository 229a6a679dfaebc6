import { createHash } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type { CheckoutBasketDetail } from '@eshop/shared';

export interface OrderItem {
  productId: string;
  productName: string;
  quantity: number;
  /** Catalog price per unit at checkout, in minor units (cents). */
  unitPrice: number;
  /** unitPrice × quantity, in minor units. */
  lineTotal: number;
  color?: string;
}

/** An order, created once per checkout. Card data is never stored beyond the last four digits. */
export interface Order {
  orderId: string;
  checkoutId: string;
  userName: string;
  buyer: { firstName: string; lastName: string; email: string; address: string };
  payment: { method: string; cardLast4?: string };
  items: OrderItem[];
  /** Sum of the line totals, in minor units. */
  total: number;
  currency: string;
  status: 'PLACED';
  /** When the basket was checked out (the event's `checkedOutAt`), ISO 8601 UTC with milliseconds. */
  orderDate: string;
  correlationId: string;
  /** When this service stored the order. */
  createdAt: string;
}

// Any fixed UUID works; changing it would change every order id derived from a checkout id.
const ORDER_ID_NAMESPACE = Buffer.from('6f1d4a52c1e84c0e9b7a0d3e5f2c8a91', 'hex');

/**
 * The order id of a checkout: a name-based UUID (v5, RFC 9562) of the checkout id, so every
 * delivery of the same checkout yields the same order id and no random id is ever needed.
 */
export const orderIdFor = (checkoutId: string): string => {
  const hash = createHash('sha1').update(ORDER_ID_NAMESPACE).update(checkoutId, 'utf8').digest();
  hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x50;
  hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

/**
 * Builds the order for a checked-out basket. Everything but `createdAt` comes from the event, so a
 * redelivered event produces the same order (and the same table key): `orderDate` is the
 * checkout's time, normalised to millisecond ISO 8601 so dates sort and prefix-match uniformly.
 */
export const orderFromCheckout = (checkout: CheckoutBasketDetail, now: Date): Order => ({
  orderId: orderIdFor(checkout.checkoutId),
  checkoutId: checkout.checkoutId,
  userName: checkout.userName,
  buyer: { ...checkout.buyer },
  payment:
    checkout.payment.cardLast4 === undefined
      ? { method: checkout.payment.method }
      : { method: checkout.payment.method, cardLast4: checkout.payment.cardLast4 },
  items: checkout.items.map((item) => ({ ...item })),
  total: checkout.total,
  currency: checkout.currency,
  status: 'PLACED',
  orderDate: new Date(checkout.checkedOutAt).toISOString(),
  correlationId: checkout.correlationId,
  createdAt: now.toISOString(),
});

/** The fields of an order that come from its checkout: every one but `createdAt`. */
const CHECKOUT_FIELDS = [
  'orderId',
  'checkoutId',
  'userName',
  'buyer',
  'payment',
  'items',
  'total',
  'currency',
  'status',
  'orderDate',
  'correlationId',
] as const satisfies readonly (keyof Order)[];

/**
 * The fields in which two orders for the same checkout differ, ignoring when each was stored: none
 * for a redelivery of the same event, some when two different events claim one checkout id.
 */
export const orderDifferences = (stored: Order, incoming: Order): (keyof Order)[] =>
  CHECKOUT_FIELDS.filter((field) => !isDeepStrictEqual(stored[field], incoming[field]));

import { randomUUID } from 'node:crypto';
import type { CheckoutBasketDetail } from '../events/checkout-basket.js';

/** A valid CheckoutBasket detail; override what a test is about. */
export const aCheckout = (overrides: Partial<CheckoutBasketDetail> = {}): CheckoutBasketDetail => ({
  version: '1',
  checkoutId: randomUUID(),
  correlationId: 'corr-1',
  userName: 'swn',
  buyer: { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com', address: '1 Analytical St' },
  payment: { method: 'card', cardLast4: '4242' },
  items: [
    { productId: 'p-1', productName: 'Mug', quantity: 2, unitPrice: 1000, lineTotal: 2000 },
    { productId: 'p-2', productName: 'Lamp', quantity: 1, unitPrice: 4999, lineTotal: 4999, color: 'red' },
  ],
  total: 6999,
  currency: 'USD',
  checkedOutAt: '2026-11-27T10:00:00.000Z',
  ...overrides,
});

/** The EventBridge envelope around a detail, as a rule's SQS target delivers it in the message body. */
export const envelopeOf = (detail: unknown, overrides: Record<string, unknown> = {}) => ({
  version: '0',
  id: randomUUID(),
  'detail-type': 'CheckoutBasket',
  source: 'eshop.basket',
  account: '000000000000',
  time: '2026-11-27T10:00:00Z',
  region: 'us-east-1',
  resources: [],
  detail,
  ...overrides,
});

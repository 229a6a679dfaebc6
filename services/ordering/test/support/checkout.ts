import { randomUUID } from 'node:crypto';
import type { CheckoutBasketDetail } from '@eshop/shared';
import type { SQSEvent, SQSRecord } from 'aws-lambda';

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

/** The EventBridge envelope the rule's SQS target delivers, as the message body. */
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

/** An SQS record as Lambda's event source mapping builds it. */
export const sqsRecord = (body: unknown, messageId: string = randomUUID()): SQSRecord => ({
  messageId,
  receiptHandle: `receipt-${messageId}`,
  body: typeof body === 'string' ? body : JSON.stringify(body),
  attributes: {
    ApproximateReceiveCount: '1',
    SentTimestamp: '1790000000000',
    SenderId: 'AIDAEVENTBRIDGE',
    ApproximateFirstReceiveTimestamp: '1790000000001',
  },
  messageAttributes: {},
  md5OfBody: 'not-checked',
  eventSource: 'aws:sqs',
  eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:eshop-ordering-test-checkout',
  awsRegion: 'us-east-1',
});

export const sqsEvent = (...records: SQSRecord[]): SQSEvent => ({ Records: records });

/** An SQS record carrying a CheckoutBasket event. */
export const checkoutRecord = (detail: CheckoutBasketDetail, messageId?: string): SQSRecord =>
  sqsRecord(envelopeOf(detail), messageId);

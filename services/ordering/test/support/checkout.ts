import { randomUUID } from 'node:crypto';
import type { CheckoutBasketDetail } from '@eshop/shared';
import { aCheckout, envelopeOf } from '@eshop/shared/testing';
import type { SQSEvent, SQSRecord } from 'aws-lambda';

// The CheckoutBasket fixtures live with the contract; re-exported for the tests that build batches.
export { aCheckout, envelopeOf };

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

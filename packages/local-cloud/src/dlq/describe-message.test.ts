import type { Message } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { describeDeadLetter, reasonText } from './describe-message.js';

const checkoutEvent = JSON.stringify({
  id: 'event-1',
  'detail-type': 'CheckoutBasket',
  detail: { checkoutId: 'c-1', correlationId: 'corr-1' },
});
const text = (value: string) => ({ DataType: 'String', StringValue: value });

describe('describeDeadLetter', () => {
  it('reads the reason EventBridge attaches to an event it could not deliver', () => {
    const message: Message = {
      MessageId: 'm-1',
      Body: checkoutEvent,
      Attributes: { ApproximateReceiveCount: '1', SentTimestamp: '1796000000000' },
      MessageAttributes: {
        ERROR_CODE: text('ResourceNotFoundException'),
        ERROR_MESSAGE: text('Queue q does not exist'),
        RULE_ARN: text('arn:aws:events:us-east-1:000000000000:rule/eshop-basket-local/checkout'),
        TARGET_ARN: text('arn:aws:sqs:us-east-1:000000000000:q'),
      },
    };

    const described = describeDeadLetter(message);

    expect(described).toMatchObject({
      messageId: 'm-1',
      sentAt: '2026-11-30T00:53:20.000Z',
      eventId: 'event-1',
      detailType: 'CheckoutBasket',
      correlationId: 'corr-1',
      reason: { kind: 'eventbridge', errorCode: 'ResourceNotFoundException' },
    });
    expect(reasonText(described)).toBe(
      'EventBridge could not deliver it: ResourceNotFoundException: Queue q does not exist (rule checkout, target q)',
    );
  });

  it('names the source queue and its maxReceiveCount for a message SQS moved', () => {
    const source = 'arn:aws:sqs:us-east-1:000000000000:eshop-ordering-local-checkout';
    const described = describeDeadLetter({
      MessageId: 'm-2',
      Body: checkoutEvent,
      Attributes: { ApproximateReceiveCount: '1', DeadLetterQueueSourceArn: source },
    });

    expect(described.reason).toEqual({ kind: 'redrive', sourceQueueArn: source });
    expect(reasonText(described, (arn) => (arn === source ? 5 : undefined))).toBe(
      'received 5 times from eshop-ordering-local-checkout and never deleted (its consumer failed it), so SQS moved it here',
    );
  });

  it('says so when a message carries no reason, and keeps a body that is not an event', () => {
    const described = describeDeadLetter({ MessageId: 'm-3', Body: 'not json' });

    expect(described).toMatchObject({ reason: { kind: 'unknown' }, body: 'not json' });
    expect(described).not.toHaveProperty('eventId');
    expect(reasonText(described)).toBe('sent to the DLQ directly, with no reason attached');
  });
});

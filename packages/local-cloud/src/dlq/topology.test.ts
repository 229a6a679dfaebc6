import { describe, expect, it } from 'vitest';
import { orderingConfig } from './ordering-config.fixture.js';
import { type DeadLetterSource, deadLetterQueuesOf, planRedrive, type RedrivePlan } from './topology.js';

describe('deadLetterQueuesOf', () => {
  it('finds the DLQ of a queue redrive policy and of a rule target, with both sources', () => {
    expect(deadLetterQueuesOf(orderingConfig())).toEqual([
      {
        service: 'eshop-ordering',
        logicalId: 'CheckoutDeadLetterQueue',
        sources: [
          { kind: 'queue', queueLogicalId: 'CheckoutQueue', maxReceiveCount: 5 },
          {
            kind: 'rule',
            ruleLogicalId: 'CheckoutBasketRule',
            targetQueueLogicalId: 'CheckoutQueue',
            transformsInput: false,
          },
        ],
      },
    ]);
  });

  it('finds nothing in a service without dead-letter queues', () => {
    expect(
      deadLetterQueuesOf({ service: 'eshop-product', provider: { stage: 'local', region: 'us-east-1' } }),
    ).toEqual([]);
  });
});

describe('planRedrive', () => {
  it('sends everything back to the one queue both sources name', () => {
    const [dlq] = deadLetterQueuesOf(orderingConfig());

    expect(dlq && planRedrive(dlq)).toEqual({ redrivable: true, destinationLogicalId: 'CheckoutQueue' });
  });

  it.each([
    ['transforms its input', { InputPath: '$.detail' }, /transforms its target's input/],
    ['is not a queue of the service', { Arn: 'arn:aws:lambda:us-east-1:1:function:f' }, /not a queue/],
  ])('refuses when the rule target %s', (_, target, reason) => {
    const [dlq] = deadLetterQueuesOf(orderingConfig({ target }));

    expect(dlq && planRedrive(dlq)).toEqual({ redrivable: false, reason: expect.stringMatching(reason) });
  });

  const queueA: DeadLetterSource = { kind: 'queue', queueLogicalId: 'A', maxReceiveCount: 3 };
  it.each<[string, DeadLetterSource, RedrivePlan]>([
    [
      'lets SQS choose per message when only queues feed the DLQ',
      { kind: 'queue', queueLogicalId: 'B', maxReceiveCount: 3 },
      { redrivable: true },
    ],
    [
      'refuses when EventBridge events share the DLQ with several queues',
      { kind: 'rule', ruleLogicalId: 'R', targetQueueLogicalId: 'B', transformsInput: false },
      { redrivable: false, reason: expect.stringMatching(/cannot tell where each event belongs/) },
    ],
  ])('%s', (_, otherSource, plan) => {
    expect(planRedrive({ service: 's', logicalId: 'Dlq', sources: [queueA, otherSource] })).toEqual(plan);
  });
});

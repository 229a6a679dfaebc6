import { describe, expect, it } from 'vitest';
import type { ServiceConfig } from '../templates/service-config.js';
import { sqsEventSources } from './event-sources.js';

// Shaped like `serverless print --format json` output for a service with SQS consumers.
const config: ServiceConfig = {
  service: 'eshop-ordering',
  provider: { stage: 'local', region: 'us-east-1' },
  functions: {
    processCheckout: {
      handler: 'src/functions/process-checkout.handler',
      events: [
        {
          sqs: {
            arn: { 'Fn::GetAtt': ['CheckoutQueue', 'Arn'] },
            batchSize: 10,
            maximumBatchingWindow: 1,
            functionResponseType: 'ReportBatchItemFailures',
          },
        },
      ],
    },
    audit: {
      handler: 'src/functions/audit.handler',
      events: [
        { sqs: { arn: 'arn:aws:sqs:us-east-1:000000000000:audit', maximumConcurrency: 2 } },
        { httpApi: { method: 'GET', path: '/x' } },
      ],
    },
    listOrders: { handler: 'src/functions/list-orders.handler', events: [{ httpApi: '*' }] },
  },
};

describe('sqsEventSources', () => {
  it('reads every sqs event with its settings and the function name serverless-offline serves', () => {
    expect(sqsEventSources(config)).toEqual([
      {
        functionKey: 'processCheckout',
        functionName: 'eshop-ordering-local-processCheckout',
        queueLogicalId: 'CheckoutQueue',
        batchSize: 10,
        maximumBatchingWindowSeconds: 1,
        reportBatchItemFailures: true,
        enabled: true,
        concurrency: 5,
      },
      {
        functionKey: 'audit',
        functionName: 'eshop-ordering-local-audit',
        queueArn: 'arn:aws:sqs:us-east-1:000000000000:audit',
        batchSize: 10,
        maximumBatchingWindowSeconds: 0,
        reportBatchItemFailures: false,
        enabled: true,
        concurrency: 2,
      },
    ]);
  });

  it('prefers the name the resolved config gives the function', () => {
    const named: ServiceConfig = {
      ...config,
      functions: {
        worker: { handler: 'h', name: 'custom-name', events: [{ sqs: 'arn:aws:sqs:r:1:q' }] } as never,
      },
    };

    expect(sqsEventSources(named)[0]?.functionName).toBe('custom-name');
  });
});

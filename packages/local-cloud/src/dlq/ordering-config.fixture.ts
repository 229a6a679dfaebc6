import type { ServiceConfig } from '../templates/service-config.js';

/** Ordering's queues and rule as `serverless print --stage local --format json` resolves them. */
export const orderingConfig = (overrides: { target?: Record<string, unknown> } = {}): ServiceConfig => ({
  service: 'eshop-ordering',
  provider: { stage: 'local', region: 'us-east-1' },
  resources: {
    Resources: {
      CheckoutQueue: {
        Type: 'AWS::SQS::Queue',
        Properties: {
          QueueName: 'eshop-ordering-local-checkout',
          VisibilityTimeout: 70,
          RedrivePolicy: {
            deadLetterTargetArn: { 'Fn::GetAtt': ['CheckoutDeadLetterQueue', 'Arn'] },
            maxReceiveCount: 5,
          },
        },
      },
      CheckoutDeadLetterQueue: {
        Type: 'AWS::SQS::Queue',
        Properties: { QueueName: 'eshop-ordering-local-checkout-dlq' },
      },
      CheckoutBasketRule: {
        Type: 'AWS::Events::Rule',
        Properties: {
          Name: 'eshop-ordering-local-checkout-basket',
          EventBusName: 'eshop-basket-local',
          EventPattern: { source: ['eshop.basket'], 'detail-type': ['CheckoutBasket'] },
          Targets: [
            {
              Id: 'checkout-queue',
              Arn: { 'Fn::GetAtt': ['CheckoutQueue', 'Arn'] },
              DeadLetterConfig: { Arn: { 'Fn::GetAtt': ['CheckoutDeadLetterQueue', 'Arn'] } },
              ...overrides.target,
            },
          ],
        },
      },
      OrderTable: { Type: 'AWS::DynamoDB::Table', Properties: { TableName: 'eshop-ordering-local-orders' } },
    },
  },
});

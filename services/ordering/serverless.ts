// Ordering: CheckoutBasket events (basket's EventBridge bus → rule → SQS → Lambda) become orders in
// DynamoDB; an HTTP API reads them.
import {
  allow,
  defineService,
  dynamoDbTable,
  functionErrorsAlarm,
  getAtt,
  integerParam,
  publicHttpFunction,
  queueHasMessagesAlarm,
  signedInHttpFunction,
  userPoolTokens,
} from '@eshop/serverless-config';

const table = getAtt('OrderTable');
const checkoutQueueArn = getAtt('CheckoutQueue');
const deadLetterQueueArn = getAtt('CheckoutDeadLetterQueue');

/** Lets the checkout rule, and nothing else, send to `queueArn`. */
const ruleMaySendTo = (sid: string, queueArn: unknown) => ({
  Sid: sid,
  Effect: 'Allow',
  Principal: { Service: 'events.amazonaws.com' },
  Action: 'sqs:SendMessage',
  Resource: queueArn,
  Condition: { ArnEquals: { 'aws:SourceArn': getAtt('CheckoutBasketRule') } },
});

export default defineService({
  service: 'eshop-ordering',
  localPort: 3003,
  tokenIssuer: userPoolTokens,
  params: {
    default: {
      // Name of basket's event bus. serverless-compose passes basket's stack output for deploys;
      // this default (basket's naming convention) keeps `package`, `print` and local runs free of
      // any deployed stack or AWS call.
      basketEventBusName: 'eshop-basket-${sls:stage}',
    },
  },
  environment: { ORDER_TABLE_NAME: '${self:custom.orderTableName}' },
  custom: {
    orderTableName: '${self:service}-${sls:stage}-orders',
    checkoutQueueName: '${self:service}-${sls:stage}-checkout',
    checkoutDeadLetterQueueName: '${self:service}-${sls:stage}-checkout-dlq',
  },
  functions: {
    // This API's OpenAPI document (the committed openapi.json), public; no AWS calls.
    getApiDocument: { ...publicHttpFunction('get-api-document', 'GET /openapi.json', []), memorySize: 256 },
    processCheckout: {
      handler: 'src/functions/process-checkout.handler',
      // CheckoutQueue's VisibilityTimeout must stay at least 6× this (AWS's advice for SQS sources).
      timeout: 10,
      events: [
        {
          sqs: {
            arn: checkoutQueueArn,
            batchSize: 10,
            maximumBatchingWindow: 1,
            functionResponseType: 'ReportBatchItemFailures',
            // Bounds the consumer's concurrency (and so its writes) whatever the backlog.
            maximumConcurrency: integerParam('checkoutConsumerMaxConcurrency'),
          },
        },
      ],
      // Writes an order with its checkout guard (a transaction of two puts) and reads the order a
      // guard names when a checkout comes again; the SQS statement (ReceiveMessage, DeleteMessage,
      // GetQueueAttributes on CheckoutQueue only) is added for the event source mapping by the
      // per-function-role plugin.
      iamRoleStatements: [allow(['dynamodb:GetItem', 'dynamodb:PutItem'], table)],
    },
    listOrders: signedInHttpFunction('list-orders', 'GET /order', [allow(['dynamodb:Scan'], table)]),
    listUserOrders: signedInHttpFunction('list-user-orders', 'GET /order/{userName}', [
      allow(['dynamodb:Query'], table),
    ]),
  },
  resources: {
    Resources: {
      // PK userName, SK orderKey = "<orderDate>#<checkoutId>": a user's orders are one Query, newest
      // first, filterable by date prefix; the key comes from the event, so redeliveries collide.
      OrderTable: dynamoDbTable({
        name: '${self:custom.orderTableName}',
        key: { partition: 'userName', sort: 'orderKey' },
      }),
      CheckoutQueue: {
        Type: 'AWS::SQS::Queue',
        Properties: {
          QueueName: '${self:custom.checkoutQueueName}',
          // 6 × processCheckout's timeout + its batching window, rounded up: a batch in flight never
          // becomes visible to a second poller while the first is still working on it.
          VisibilityTimeout: 70,
          MessageRetentionPeriod: 345600, // 4 days
          SqsManagedSseEnabled: true,
          RedrivePolicy: {
            deadLetterTargetArn: deadLetterQueueArn,
            // A message that fails this many receives (a poison message, or an outage that outlasts
            // ~6 minutes of retries) is moved to the DLQ instead of being retried for 4 days.
            maxReceiveCount: 5,
          },
        },
      },
      // Holds checkouts that could not become orders: poison messages from CheckoutQueue, and events
      // EventBridge could not deliver to CheckoutQueue. Kept 14 days (the maximum) for redrive.
      CheckoutDeadLetterQueue: {
        Type: 'AWS::SQS::Queue',
        Properties: {
          QueueName: '${self:custom.checkoutDeadLetterQueueName}',
          MessageRetentionPeriod: 1209600, // 14 days
          SqsManagedSseEnabled: true,
        },
      },
      // Literal values of the CheckoutBasket contract (packages/shared/src/events/checkout-basket.ts).
      // The detail version is checked by the consumer, so an unknown version reaches the DLQ instead
      // of being filtered out unseen.
      CheckoutBasketRule: {
        Type: 'AWS::Events::Rule',
        Properties: {
          Name: '${self:service}-${sls:stage}-checkout-basket',
          Description: 'CheckoutBasket events from basket become orders',
          EventBusName: '${param:basketEventBusName}',
          State: 'ENABLED',
          EventPattern: { source: ['eshop.basket'], 'detail-type': ['CheckoutBasket'] },
          Targets: [
            {
              Id: 'checkout-queue',
              Arn: checkoutQueueArn,
              RetryPolicy: { MaximumRetryAttempts: 185, MaximumEventAgeInSeconds: 86400 },
              DeadLetterConfig: { Arn: deadLetterQueueArn },
            },
          ],
        },
      },
      // One DLQ serves both the queue's redrive and the rule target's dead letters, so one alarm
      // covers every checkout that did not become an order.
      CheckoutDeadLetterQueueAlarm: queueHasMessagesAlarm(
        'CheckoutDeadLetterQueue',
        '${self:service} ${sls:stage}: checkouts in the dead-letter queue (pnpm dlq list --stage ${sls:stage})',
      ),
      // Invocations that failed as a whole (a thrown error, a timeout); a poison message is a
      // reported item failure instead, and ends in the DLQ.
      ProcessCheckoutErrorsAlarm: functionErrorsAlarm(
        'ProcessCheckoutLambdaFunction',
        '${self:service} ${sls:stage}: the checkout consumer failed',
      ),
      // Only the rule above may send, to the queue and (for failed deliveries) to the DLQ.
      CheckoutQueuePolicy: {
        Type: 'AWS::SQS::QueuePolicy',
        Properties: {
          Queues: [{ Ref: 'CheckoutQueue' }, { Ref: 'CheckoutDeadLetterQueue' }],
          PolicyDocument: {
            Version: '2012-10-17',
            Statement: [
              ruleMaySendTo('CheckoutBasketRuleSendsCheckouts', checkoutQueueArn),
              ruleMaySendTo('CheckoutBasketRuleSendsUndeliverable', deadLetterQueueArn),
            ],
          },
        },
      },
    },
    Outputs: {
      OrderTableName: { Value: { Ref: 'OrderTable' } },
      CheckoutQueueUrl: { Value: { Ref: 'CheckoutQueue' } },
      CheckoutQueueArn: { Value: checkoutQueueArn },
      CheckoutDeadLetterQueueUrl: { Value: { Ref: 'CheckoutDeadLetterQueue' } },
      CheckoutDeadLetterQueueArn: { Value: deadLetterQueueArn },
    },
  },
});

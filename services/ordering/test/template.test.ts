import { localCloud, readPackagedTemplate, sortPermissions } from '@eshop/local-cloud/testing';
import { runPackagedFunction } from '@eshop/serverless-config/testing';
import {
  itIsValidCloudFormationKeepingItsTables,
  itPackagesLeanBundles,
} from '@eshop/serverless-config/testing/template-checks';
import { describe, expect, it } from 'vitest';
import { aCheckout, checkoutRecord, envelopeOf, sqsEvent, sqsRecord } from './support/checkout.js';
import { localOrderTable } from './support/local-table.js';

// The CloudFormation `serverless package --stage test` produced (offline, fake credentials).
const { template, resources, ofType, permissionsOf, wildcards, bundledPackagesOf } = readPackagedTemplate(
  localCloud().packageDir('ordering'),
);
const getAtt = (logicalId: string) => ({ 'Fn::GetAtt': [logicalId, 'Arn'] });

describe('ordering CloudFormation', () => {
  const queue = resources.CheckoutQueue?.Properties;
  const dlq = resources.CheckoutDeadLetterQueue?.Properties;
  const rule = resources.CheckoutBasketRule?.Properties;
  const consumer = resources.ProcessCheckoutLambdaFunction?.Properties;

  itIsValidCloudFormationKeepingItsTables(template, { orders: 'OrderTable' });
  itPackagesLeanBundles(localCloud().packageDir('ordering'), template);

  it('alarms on any checkout in the DLQ and on failed consumer invocations, notifying the alarm topic', () => {
    const notifies = { AlarmActions: [{ Ref: 'AlarmTopic' }], OKActions: [{ Ref: 'AlarmTopic' }] };

    expect(resources.CheckoutDeadLetterQueueAlarm?.Properties).toMatchObject({
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': ['CheckoutDeadLetterQueue', 'QueueName'] } }],
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      ...notifies,
    });
    expect(resources.ProcessCheckoutErrorsAlarm?.Properties).toMatchObject({
      Namespace: 'AWS/Lambda',
      MetricName: 'Errors',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: 'ProcessCheckoutLambdaFunction' } }],
      Threshold: 1,
      ...notifies,
    });
  });

  it('has an on-demand orders table with point-in-time recovery and encryption', () => {
    const table = resources.OrderTable?.Properties;

    expect(table?.TableName).toBe('eshop-ordering-test-orders');
    expect(table?.BillingMode).toBe('PAY_PER_REQUEST');
    expect(table?.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    expect(table?.SSESpecification).toEqual({ SSEEnabled: true });
    expect(table?.KeySchema).toEqual([
      { AttributeName: 'userName', KeyType: 'HASH' },
      { AttributeName: 'orderKey', KeyType: 'RANGE' },
    ]);
  });

  it('has an encrypted checkout queue that redrives to an encrypted DLQ after a bounded number of receives', () => {
    expect(queue?.QueueName).toBe('eshop-ordering-test-checkout');
    expect(dlq?.QueueName).toBe('eshop-ordering-test-checkout-dlq');
    expect(queue?.SqsManagedSseEnabled).toBe(true);
    expect(dlq?.SqsManagedSseEnabled).toBe(true);
    expect(queue?.RedrivePolicy.deadLetterTargetArn).toEqual(getAtt('CheckoutDeadLetterQueue'));
    expect(queue?.RedrivePolicy.maxReceiveCount).toBeGreaterThanOrEqual(2);
    expect(queue?.RedrivePolicy.maxReceiveCount).toBeLessThanOrEqual(10);
    expect(dlq?.MessageRetentionPeriod).toBeGreaterThan(queue?.MessageRetentionPeriod ?? 345600);
  });

  it('keeps messages invisible for at least 6× the consumer’s timeout', () => {
    expect(consumer?.Timeout).toBeGreaterThan(0);
    expect(queue?.VisibilityTimeout).toBeGreaterThanOrEqual(6 * consumer?.Timeout);
  });

  it('feeds the consumer in batches with a window and partial batch responses', () => {
    const mappings = ofType('AWS::Lambda::EventSourceMapping');

    expect(mappings).toHaveLength(1);
    expect(mappings[0]?.[1].Properties).toMatchObject({
      EventSourceArn: getAtt('CheckoutQueue'),
      FunctionName: getAtt('ProcessCheckoutLambdaFunction'),
      BatchSize: 10,
      MaximumBatchingWindowInSeconds: 1,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      // The checkoutConsumerMaxConcurrency param's default.
      ScalingConfig: { MaximumConcurrency: 5 },
    });
  });

  it('routes CheckoutBasket events from basket’s bus to the queue, with retries and a DLQ', () => {
    expect(rule?.EventBusName).toBe('eshop-basket-test');
    expect(rule?.EventPattern).toEqual({ source: ['eshop.basket'], 'detail-type': ['CheckoutBasket'] });
    expect(rule?.Targets).toEqual([
      expect.objectContaining({
        Arn: getAtt('CheckoutQueue'),
        DeadLetterConfig: { Arn: getAtt('CheckoutDeadLetterQueue') },
        RetryPolicy: expect.objectContaining({ MaximumRetryAttempts: expect.any(Number) }),
      }),
    ]);
  });

  it('lets only that rule send to the queues', () => {
    const policies = ofType('AWS::SQS::QueuePolicy');

    expect(policies).toHaveLength(1);
    const policy = policies[0]?.[1].Properties;
    expect(policy?.Queues).toEqual([{ Ref: 'CheckoutQueue' }, { Ref: 'CheckoutDeadLetterQueue' }]);
    const statements = policy?.PolicyDocument.Statement;
    expect(statements.map((s: any) => s.Resource)).toEqual([
      getAtt('CheckoutQueue'),
      getAtt('CheckoutDeadLetterQueue'),
    ]);
    for (const statement of statements) {
      expect(statement).toMatchObject({
        Effect: 'Allow',
        Principal: { Service: 'events.amazonaws.com' },
        Action: 'sqs:SendMessage',
        Condition: { ArnEquals: { 'aws:SourceArn': getAtt('CheckoutBasketRule') } },
      });
    }
  });

  it('runs every function on arm64 with a current Node.js runtime and the table name', () => {
    const functions = ofType('AWS::Lambda::Function');

    expect(functions).toHaveLength(4);
    for (const [, fn] of functions) {
      expect(fn.Properties.Runtime).toMatch(/^nodejs(2[2-9]|[3-9]\d)\.x$/);
      expect(fn.Properties.Architectures).toEqual(['arm64']);
      expect(fn.Properties.Environment.Variables.ORDER_TABLE_NAME).toBe('eshop-ordering-test-orders');
    }
  });

  it('routes the two read endpoints behind the JWT authorizer of the configured issuer, and its public OpenAPI document', () => {
    const routes = ofType('AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties);
    const [authorizer] = ofType('AWS::ApiGatewayV2::Authorizer').map(([, a]) => a.Properties);
    const signedIn = routes.filter((r) => r.RouteKey !== 'GET /openapi.json');

    expect(routes.map((r) => r.RouteKey).sort()).toEqual([
      'GET /openapi.json',
      'GET /order',
      'GET /order/{userName}',
    ]);
    expect(signedIn.every((r) => r.AuthorizationType === 'JWT')).toBe(true);
    expect(routes.find((r) => r.RouteKey === 'GET /openapi.json')?.AuthorizationType ?? 'NONE').toBe('NONE');
    expect(authorizer?.JwtConfiguration).toEqual({
      Issuer: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Example',
      Audience: ['example-app-client-id'],
    });
  });

  const onTable = (action: string) => ({ action, resource: getAtt('OrderTable') });
  const onQueue = (action: string) => ({ action, resource: getAtt('CheckoutQueue') });

  it.each([
    [
      // The SQS permissions are for its event source mapping, on its own queue only.
      'processCheckout',
      [
        onTable('dynamodb:GetItem'),
        onTable('dynamodb:PutItem'),
        onQueue('sqs:DeleteMessage'),
        onQueue('sqs:GetQueueAttributes'),
        onQueue('sqs:ReceiveMessage'),
      ],
    ],
    ['listOrders', [onTable('dynamodb:Scan')]],
    ['listUserOrders', [onTable('dynamodb:Query')]],
  ])('gives %s a role of its own with exactly these permissions besides its logs', (name, allowed) => {
    expect(permissionsOf(name)).toEqual(sortPermissions(allowed));
  });

  it('has no wildcard action or resource in any role, but for the functions’ own log groups', () => {
    expect(wildcards()).toEqual([]);
  });

  it('outputs the queue URL and ARN, the DLQ ARN and the table name', () => {
    expect(template.Outputs).toMatchObject({
      CheckoutQueueUrl: { Value: { Ref: 'CheckoutQueue' } },
      CheckoutQueueArn: { Value: getAtt('CheckoutQueue') },
      CheckoutDeadLetterQueueArn: { Value: getAtt('CheckoutDeadLetterQueue') },
      OrderTableName: { Value: { Ref: 'OrderTable' } },
    });
  });

  it('bundles into the queue consumer no token verification and no Middy', () => {
    const packages = bundledPackagesOf('processCheckout');
    expect(packages).toContain('@aws-lambda-powertools/batch');
    for (const unused of ['jose', '@middy/core', '@middy/http-cors', '@middy/http-security-headers']) {
      expect(packages).not.toContain(unused);
    }
  });

  it.each(['listOrders', 'listUserOrders'])(
    'bundles token verification into %s, a signed-in route',
    (name) => {
      expect(bundledPackagesOf(name)).toContain('jose');
    },
  );
  it.each(['processCheckout', 'listOrders', 'listUserOrders'])(
    'loads %s from its package, with the environment its template gives it',
    async (name) => {
      expect(await runPackagedFunction(localCloud().packageDir('ordering'), template, name)).toEqual({
        loaded: true,
      });
    },
  );

  it('reports exactly the poison messages of a batch through the packaged consumer, and orders the rest', async () => {
    const orders = localOrderTable();
    const userName = `bundle-smoke-${Date.now()}`;
    const [first, second] = [aCheckout({ userName }), aCheckout({ userName })];
    const event = sqsEvent(
      checkoutRecord(first, 'valid-1'),
      sqsRecord('not json', 'not-json'),
      sqsRecord(envelopeOf({ ...aCheckout({ userName }), total: 'free' }), 'invalid-detail'),
      sqsRecord(envelopeOf(aCheckout({ userName }), { 'detail-type': 'SomethingElse' }), 'wrong-type'),
      checkoutRecord(second, 'valid-2'),
    );

    const outcome = await runPackagedFunction(
      localCloud().packageDir('ordering'),
      template,
      'processCheckout',
      {
        event,
        // The same bundle, pointed at the test run's DynamoDB Local table.
        overrides: {
          ORDER_TABLE_NAME: orders.tableName,
          AWS_ENDPOINT_URL_DYNAMODB: localCloud().endpoints.dynamodb,
          POWERTOOLS_LOG_LEVEL: 'SILENT',
        },
      },
    );

    expect(outcome).toEqual({
      loaded: true,
      result: {
        batchItemFailures: [
          { itemIdentifier: 'not-json' },
          { itemIdentifier: 'invalid-detail' },
          { itemIdentifier: 'wrong-type' },
        ],
      },
    });
    const { items } = await orders.listUserOrders({ userName, limit: 10 });
    expect(items.map((order) => order.checkoutId).sort()).toEqual(
      [first.checkoutId, second.checkoutId].sort(),
    );
    await orders.deleteOrders(items);
  });
});

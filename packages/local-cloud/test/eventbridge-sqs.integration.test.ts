import {
  CreateEventBusCommand,
  DeleteRuleCommand,
  EventBridgeClient,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
  RemoveTargetsCommand,
} from '@aws-sdk/client-eventbridge';
import { DeleteQueueCommand, type Message, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningEventBridge, startEventBridge } from '../src/eventbridge/index.js';
import { type RunningLocalSqs, startLocalSqs } from '../src/sqs/index.js';
import { createQueue as createQueueNamed } from './support/queues.js';

const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
const region = 'us-east-1';
const silentLogger = { info: () => {}, warn: () => {}, error: () => {} };

describe('EventBridge emulator delivering to local SQS', () => {
  let sqs: RunningLocalSqs;
  let eventBridge: RunningEventBridge;
  let sqsClient: SQSClient;
  let events: EventBridgeClient;
  let testNumber = 0;

  beforeAll(async () => {
    sqs = await startLocalSqs({ port: 0 });
    eventBridge = await startEventBridge({ port: 0, sqsEndpoint: sqs.url, logger: silentLogger });
    sqsClient = new SQSClient({ endpoint: sqs.url, region, credentials });
    events = new EventBridgeClient({ endpoint: eventBridge.url, region, credentials });
  });

  afterAll(async () => {
    events.destroy();
    sqsClient.destroy();
    await eventBridge.stop();
    await sqs.stop();
  });

  /** A fresh queue per test, so tests never see each other's messages. */
  const createQueue = (name: string) => createQueueNamed(sqsClient, `${name}-${++testNumber}`);

  /** Every message currently in the queue (short polls until one comes back empty). */
  async function drain(queueUrl: string): Promise<Message[]> {
    const received: Message[] = [];
    for (;;) {
      const { Messages = [] } = await sqsClient.send(
        new ReceiveMessageCommand({
          QueueUrl: queueUrl,
          MaxNumberOfMessages: 10,
          WaitTimeSeconds: 0,
          VisibilityTimeout: 60,
          MessageAttributeNames: ['All'],
        }),
      );
      if (Messages.length === 0) return received;
      received.push(...Messages);
    }
  }

  async function ruleWithTarget(busName: string, ruleName: string, pattern: object, target: object) {
    await events.send(
      new PutRuleCommand({ Name: ruleName, EventBusName: busName, EventPattern: JSON.stringify(pattern) }),
    );
    await events.send(
      new PutTargetsCommand({
        Rule: ruleName,
        EventBusName: busName,
        Targets: [target as { Id: string; Arn: string }],
      }),
    );
  }

  it('delivers exactly the matching events, with the standard envelope', async () => {
    const queue = await createQueue('orders');
    await events.send(new CreateEventBusCommand({ Name: 'shop-bus' }));
    await ruleWithTarget(
      'shop-bus',
      'checkout-to-orders',
      {
        source: ['eshop.basket'],
        'detail-type': ['CheckoutBasket'],
        detail: { total: [{ numeric: ['>', 0] }] },
      },
      { Id: 'orders-queue', Arn: queue.arn },
    );
    const time = new Date('2024-05-01T10:20:30.456Z');

    const result = await events.send(
      new PutEventsCommand({
        Entries: [
          {
            EventBusName: 'shop-bus',
            Source: 'eshop.basket',
            DetailType: 'CheckoutBasket',
            Detail: '{"total":1250,"n":1}',
            Time: time,
            Resources: ['arn:aws:x:1'],
          },
          {
            EventBusName: 'shop-bus',
            Source: 'eshop.basket',
            DetailType: 'BasketUpdated',
            Detail: '{"total":10}',
          },
          {
            EventBusName: 'shop-bus',
            Source: 'eshop.other',
            DetailType: 'CheckoutBasket',
            Detail: '{"total":10}',
          },
          {
            EventBusName: 'shop-bus',
            Source: 'eshop.basket',
            DetailType: 'CheckoutBasket',
            Detail: '{"total":0}',
          },
          {
            EventBusName: 'shop-bus',
            Source: 'eshop.basket',
            DetailType: 'CheckoutBasket',
            Detail: '{"total":7,"n":2}',
          },
          { Source: 'eshop.basket', DetailType: 'CheckoutBasket', Detail: '{"total":99}' },
        ],
      }),
    );
    await eventBridge.idle();

    expect(result.FailedEntryCount).toBe(0);
    const messages = await drain(queue.url);
    const bodies = messages.map((message) => JSON.parse(message.Body ?? 'null'));
    expect(bodies.map((body) => body.detail.n).sort()).toEqual([1, 2]);
    const first = bodies.find((body) => body.detail.n === 1);
    expect(Object.keys(first)).toEqual([
      'version',
      'id',
      'detail-type',
      'source',
      'account',
      'time',
      'region',
      'resources',
      'detail',
    ]);
    expect(first).toEqual({
      version: '0',
      id: result.Entries?.[0]?.EventId,
      'detail-type': 'CheckoutBasket',
      source: 'eshop.basket',
      account: '000000000000',
      time: '2024-05-01T10:20:30Z',
      region: 'us-east-1',
      resources: ['arn:aws:x:1'],
      detail: { total: 1250, n: 1 },
    });
  });

  it('sends what InputPath and InputTransformer make of the event', async () => {
    const pathQueue = await createQueue('input-path');
    const transformQueue = await createQueue('input-transformer');
    await events.send(
      new PutRuleCommand({ Name: 'shaped', EventPattern: JSON.stringify({ source: ['eshop.shape'] }) }),
    );
    await events.send(
      new PutTargetsCommand({
        Rule: 'shaped',
        Targets: [
          { Id: 'path', Arn: pathQueue.arn, InputPath: '$.detail.order' },
          {
            Id: 'transform',
            Arn: transformQueue.arn,
            InputTransformer: {
              InputPathsMap: {
                user: '$.detail.order.user',
                total: '$.detail.order.total',
                items: '$.detail.order.items',
              },
              InputTemplate:
                '{"who": <user>, "amount": <total>, "summary": "<user> paid <total> for <items>", "rule": "<aws.events.rule-name>"}',
            },
          },
        ],
      }),
    );

    await events.send(
      new PutEventsCommand({
        Entries: [
          {
            Source: 'eshop.shape',
            DetailType: 'Shaped',
            Detail: JSON.stringify({ order: { user: 'ana', total: 42, items: ['a', 'b'] } }),
          },
        ],
      }),
    );
    await eventBridge.idle();

    const [pathMessage] = await drain(pathQueue.url);
    expect(JSON.parse(pathMessage?.Body ?? '')).toEqual({ user: 'ana', total: 42, items: ['a', 'b'] });
    const [transformMessage] = await drain(transformQueue.url);
    expect(JSON.parse(transformMessage?.Body ?? '')).toEqual({
      who: 'ana',
      amount: 42,
      summary: 'ana paid 42 for [a,b]',
      rule: 'shaped',
    });

    await events.send(new RemoveTargetsCommand({ Rule: 'shaped', Ids: ['path', 'transform'] }));
    await events.send(new DeleteRuleCommand({ Name: 'shaped' }));
  });

  it('reports per-entry failures without failing the request', async () => {
    const result = await events.send(
      new PutEventsCommand({
        Entries: [
          { Source: 'eshop.ok', DetailType: 'Fine', Detail: '{}' },
          { DetailType: 'NoSource', Detail: '{}' },
          { Source: 'eshop.bad', DetailType: 'NotAnObject', Detail: '[1,2]' },
          { Source: 'eshop.bad', DetailType: 'NoBus', Detail: '{}', EventBusName: 'missing-bus' },
        ],
      }),
    );

    expect(result.FailedEntryCount).toBe(3);
    expect(result.Entries?.[0]?.EventId).toMatch(/^[0-9a-f-]{36}$/);
    expect(result.Entries?.[1]).toEqual({
      ErrorCode: 'InvalidArgument',
      ErrorMessage: 'Parameter Source is not valid. Reason: Source is a required argument.',
    });
    expect(result.Entries?.[2]).toEqual({
      ErrorCode: 'MalformedDetail',
      ErrorMessage: 'Detail is malformed.',
    });
    expect(result.Entries?.[3]?.ErrorCode).toBe('ResourceNotFoundException');
  });

  it('sends events for a target whose queue is gone to its dead-letter queue', async () => {
    const doomed = await createQueue('doomed');
    const deadLetters = await createQueue('dead-letters');
    await ruleWithTarget(
      'default',
      'to-doomed',
      { source: ['eshop.doomed'] },
      {
        Id: 'doomed',
        Arn: doomed.arn,
        DeadLetterConfig: { Arn: deadLetters.arn },
        RetryPolicy: { MaximumRetryAttempts: 1 },
      },
    );
    await sqsClient.send(new DeleteQueueCommand({ QueueUrl: doomed.url }));

    const result = await events.send(
      new PutEventsCommand({
        Entries: [{ Source: 'eshop.doomed', DetailType: 'Lost', Detail: '{"k":"v"}' }],
      }),
    );
    await eventBridge.idle();

    const [deadLetter] = await drain(deadLetters.url);
    expect(JSON.parse(deadLetter?.Body ?? '')).toMatchObject({
      id: result.Entries?.[0]?.EventId,
      source: 'eshop.doomed',
      detail: { k: 'v' },
    });
    expect(deadLetter?.MessageAttributes?.TARGET_ARN?.StringValue).toBe(doomed.arn);
    expect(deadLetter?.MessageAttributes?.RULE_ARN?.StringValue).toBe(
      'arn:aws:events:us-east-1:000000000000:rule/to-doomed',
    );
  });
});

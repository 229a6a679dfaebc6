import {
  CreateTableCommand,
  DynamoDBClient,
  ThrottlingException as DynamoDbThrottlingException,
  GetItemCommand,
  InternalServerError,
  ProvisionedThroughputExceededException,
  PutItemCommand,
  TransactionCanceledException,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import {
  EventBridgeClient,
  ThrottlingException as EventBridgeThrottlingException,
  InternalException,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
} from '@aws-sdk/client-eventbridge';
import { RequestThrottled, SendMessageCommand, SQSClient, SQSServiceException } from '@aws-sdk/client-sqs';
import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type RunningDynamoDbLocal, startDynamoDbLocal } from '../src/dynamodb/dynamodb-local.js';
import { type RunningEventBridge, startEventBridge } from '../src/eventbridge/index.js';
import { type RunningFaultProxy, startFaultProxy } from '../src/faults/index.js';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../src/local-aws.js';
import { freePort } from '../src/process/free-port.js';
import { type RunningLocalSqs, startLocalSqs } from '../src/sqs/index.js';
import { createQueue, takeAllMessages } from './support/queues.js';

// The real SDK clients against each real emulator behind the fault proxy: every injected fault
// must become the exception AWS's own would, and the proxy counts how often the SDK tried.
// Clients keep their default number of attempts; only the backoff between them is zero, so the
// suite stays fast (retry decisions are the SDK's own; ConfiguredRetryStrategy changes delays only).
const silentLogger = { info: () => {}, warn: () => {}, error: () => {} };
const local = { region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS };

/** The SDK's own default attempts for a client class (4 for DynamoDB, 3 for the others here). */
const defaultAttempts = async (client: {
  config: { maxAttempts: () => Promise<number> };
  destroy(): void;
}) => {
  const attempts = await client.config.maxAttempts();
  client.destroy();
  return attempts;
};

/** Runs a call with faults on, returns what it threw (or resolved to) and how many requests it made. */
const injected = async <T>(proxy: RunningFaultProxy, operation: string, call: () => Promise<T>) => {
  proxy.resetCounts();
  proxy.enable();
  try {
    const result = await call().then(
      (value) => ({ value, error: undefined }),
      (error: unknown) => ({ value: undefined, error }),
    );
    return { ...result, attempts: proxy.counts().byOperation[operation]?.requests ?? 0 };
  } finally {
    proxy.disable();
  }
};

/** An AWS error the proxy injects, and what the SDK must turn it into. */
type InjectedError = readonly [name: string, type: abstract new (...args: never[]) => Error, status: number];

/**
 * Injects `error` before forwarding every request of `call`: the SDK must try `attempts` times,
 * then throw the error's exception class with its HTTP status. Answers the outcome.
 */
const expectRetriedThenThrown = async <T>(
  proxy: RunningFaultProxy,
  operation: string,
  call: () => Promise<T>,
  [name, type, status]: InjectedError,
  attempts: number,
) => {
  proxy.configure({ rates: { errorBeforeForward: 1 }, errors: [name] });

  const outcome = await injected(proxy, operation, call);

  expect(outcome.error).toBeInstanceOf(type);
  expect(outcome.error).toMatchObject({ name, $metadata: { httpStatusCode: status } });
  expect(outcome.attempts).toBe(attempts);
  return outcome;
};

describe('DynamoDB Local behind the fault proxy', () => {
  const table = 'fault-things';
  let ddb: RunningDynamoDbLocal;
  let proxy: RunningFaultProxy;
  let client: DynamoDBClient;
  let attempts: number;

  beforeAll(async () => {
    ddb = await startDynamoDbLocal({ port: await freePort() });
    proxy = await startFaultProxy({ service: 'dynamodb', upstream: ddb.endpoint, seed: 1 });
    attempts = await defaultAttempts(new DynamoDBClient(local));
    client = new DynamoDBClient({
      ...local,
      endpoint: proxy.url,
      retryStrategy: new ConfiguredRetryStrategy(attempts, 0),
    });
    await client.send(
      new CreateTableCommand({
        TableName: table,
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
  }, 60_000);

  afterAll(async () => {
    client?.destroy();
    await proxy?.stop();
    await ddb?.stop();
  });

  const put = (id: string) => () =>
    client.send(new PutItemCommand({ TableName: table, Item: { id: { S: id } } }));
  const stored = async (id: string) =>
    (await client.send(new GetItemCommand({ TableName: table, Key: { id: { S: id } } }))).Item !== undefined;

  it('uses four attempts by default', () => {
    expect(attempts).toBe(4);
  });

  it.each<InjectedError>([
    ['ProvisionedThroughputExceededException', ProvisionedThroughputExceededException, 400],
    ['ThrottlingException', DynamoDbThrottlingException, 400],
    ['InternalServerError', InternalServerError, 500],
  ])('%s before forwarding: retried on every attempt, then thrown; nothing written', async (...error) => {
    const id = `before-${error[0]}`;

    const outcome = await expectRetriedThenThrown(proxy, 'PutItem', put(id), error, attempts);

    expect(outcome.error).toMatchObject({ $metadata: { attempts } });
    expect(await stored(id)).toBe(false);
  });

  it('InternalServerError after forwarding: the item is written, yet the caller sees the error', async () => {
    proxy.configure({ rates: { errorAfterForward: 1 } });

    const outcome = await injected(proxy, 'PutItem', put('after-write'));

    expect(outcome.error).toBeInstanceOf(InternalServerError);
    expect(outcome.attempts).toBe(attempts);
    expect(await stored('after-write')).toBe(true);
  });

  it('a TransactionConflict cancellation is not retried and names the conflicting item', async () => {
    proxy.configure({ rates: { errorBeforeForward: 1 }, errors: ['TransactionConflict'] });
    const items = ['tx-a', 'tx-b', 'tx-c'].map((id) => ({
      Put: { TableName: table, Item: { id: { S: id } } },
    }));

    const outcome = await injected(proxy, 'TransactWriteItems', () =>
      client.send(new TransactWriteItemsCommand({ TransactItems: items })),
    );

    expect(outcome.error).toBeInstanceOf(TransactionCanceledException);
    expect(outcome.attempts).toBe(1);
    const reasons = (outcome.error as TransactionCanceledException).CancellationReasons ?? [];
    expect(reasons).toHaveLength(3);
    expect(reasons.filter((reason) => reason.Code === 'TransactionConflict')).toHaveLength(1);
    expect(reasons.filter((reason) => reason.Code === 'None')).toHaveLength(2);
    expect(await stored('tx-a')).toBe(false);
  });

  it('never injects a throttle after the work: that is not something AWS does', async () => {
    proxy.configure({ rates: { errorAfterForward: 1 }, errors: ['ThrottlingException'] });

    const outcome = await injected(proxy, 'PutItem', put('no-after-throttle'));

    expect(outcome.error).toBeUndefined();
    expect(proxy.counts().faults).toEqual({});
  });
});

describe('the local EventBridge and SQS behind fault proxies', () => {
  let sqs: RunningLocalSqs;
  let eventBridge: RunningEventBridge;
  let eventsProxy: RunningFaultProxy;
  let sqsProxy: RunningFaultProxy;
  let events: EventBridgeClient;
  let queues: SQSClient;
  let direct: SQSClient;
  let eventAttempts: number;
  let sqsAttempts: number;
  let queueUrl: string;

  beforeAll(async () => {
    sqs = await startLocalSqs({ port: 0 });
    eventBridge = await startEventBridge({ port: 0, sqsEndpoint: sqs.url, logger: silentLogger });
    eventsProxy = await startFaultProxy({ service: 'eventbridge', upstream: eventBridge.url, seed: 2 });
    sqsProxy = await startFaultProxy({ service: 'sqs', upstream: sqs.url, seed: 3 });
    eventAttempts = await defaultAttempts(new EventBridgeClient(local));
    sqsAttempts = await defaultAttempts(new SQSClient(local));
    events = new EventBridgeClient({
      ...local,
      endpoint: eventsProxy.url,
      retryStrategy: new ConfiguredRetryStrategy(eventAttempts, 0),
    });
    queues = new SQSClient({
      ...local,
      endpoint: sqsProxy.url,
      retryStrategy: new ConfiguredRetryStrategy(sqsAttempts, 0),
    });
    // Checks what reached the queue without going through the faults.
    direct = new SQSClient({ ...local, endpoint: sqs.url });
    const queue = await createQueue(direct, 'fault-events');
    queueUrl = queue.url;
    await events.send(
      new PutRuleCommand({ Name: 'to-queue', EventPattern: JSON.stringify({ source: ['fault.test'] }) }),
    );
    await events.send(
      new PutTargetsCommand({ Rule: 'to-queue', Targets: [{ Id: 'queue', Arn: queue.arn }] }),
    );
  });

  /** Takes every message the bus delivered off the queue, once it is done delivering. */
  const takeAll = async (): Promise<string[]> => {
    await eventBridge.idle();
    return takeAllMessages(direct, queueUrl);
  };

  beforeEach(async () => {
    await takeAll();
  });

  afterAll(async () => {
    for (const client of [events, queues, direct]) client?.destroy();
    await eventsProxy?.stop();
    await sqsProxy?.stop();
    await eventBridge?.stop();
    await sqs?.stop();
  });

  const publish = (count: number) => () =>
    events.send(
      new PutEventsCommand({
        Entries: Array.from({ length: count }, (_, n) => ({
          Source: 'fault.test',
          DetailType: 'Numbered',
          Detail: JSON.stringify({ n }),
        })),
      }),
    );

  it('EventBridge and SQS clients use three attempts by default', () => {
    expect({ eventAttempts, sqsAttempts }).toEqual({ eventAttempts: 3, sqsAttempts: 3 });
  });

  it.each<InjectedError>([
    ['ThrottlingException', EventBridgeThrottlingException, 400],
    ['InternalException', InternalException, 500],
  ])('EventBridge %s before forwarding: retried, then thrown; nothing published', async (...error) => {
    await expectRetriedThenThrown(eventsProxy, 'PutEvents', publish(1), error, eventAttempts);

    expect(await takeAll()).toEqual([]);
  });

  it('PutEvents failed entries before forwarding: 200, not retried, and the failed entries never published', async () => {
    eventsProxy.configure({ rates: { errorBeforeForward: 1 }, errors: ['PutEventsFailedEntries'] });

    const outcome = await injected(eventsProxy, 'PutEvents', publish(6));

    expect(outcome.error).toBeUndefined();
    expect(outcome.attempts).toBe(1);
    const result = outcome.value;
    const failed = result?.Entries?.filter((entry) => entry.ErrorCode !== undefined) ?? [];
    expect(result?.FailedEntryCount).toBe(failed.length);
    expect(failed.length).toBeGreaterThan(0);
    for (const entry of failed) expect(['InternalFailure', 'ThrottlingException']).toContain(entry.ErrorCode);
    // Entry n carries detail {n}: exactly the entries reported accepted reach the queue, with their ids.
    const accepted = (result?.Entries ?? []).flatMap((entry, n) =>
      entry.EventId === undefined ? [] : [{ id: entry.EventId, n }],
    );
    const delivered = (await takeAll()).map((body) => {
      const event = JSON.parse(body) as { id: string; detail: { n: number } };
      return { id: event.id, n: event.detail.n };
    });
    expect(delivered.sort((a, b) => a.n - b.n)).toEqual(accepted);
  });

  it('PutEvents failed entries after forwarding: every entry was published, some are reported failed', async () => {
    eventsProxy.configure({ rates: { errorAfterForward: 1 }, errors: ['PutEventsFailedEntries'] });

    const outcome = await injected(eventsProxy, 'PutEvents', publish(6));

    expect(outcome.value?.FailedEntryCount).toBeGreaterThan(0);
    expect(await takeAll()).toHaveLength(6);
  });

  it.each<InjectedError>([
    ['RequestThrottled', RequestThrottled, 403],
    ['InternalFailure', SQSServiceException, 500],
  ])('SQS %s before forwarding: retried, then thrown; nothing sent', async (...error) => {
    const send = () => queues.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: error[0] }));

    await expectRetriedThenThrown(sqsProxy, 'SendMessage', send, error, sqsAttempts);

    expect(await takeAll()).toEqual([]);
  });

  it('SQS InternalFailure after forwarding: each attempt sends the message, so the queue holds every copy', async () => {
    sqsProxy.configure({ rates: { errorAfterForward: 1 } });

    const outcome = await injected(sqsProxy, 'SendMessage', () =>
      queues.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'sent-and-failed' })),
    );

    expect(outcome.error).toMatchObject({ name: 'InternalFailure' });
    expect(await takeAll()).toEqual(Array(sqsAttempts).fill('sent-and-failed'));
    expect(sqsProxy.counts().sdkRetries).toBe(sqsAttempts - 1);
  });
});

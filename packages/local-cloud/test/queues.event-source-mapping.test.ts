import { createHash } from 'node:crypto';
import {
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../src/local-aws.js';
import { createQueues, type LocalQueue } from '../src/queues/create-queues.js';
import {
  type EventSourceMappingOptions,
  type RunningEventSourceMapping,
  startEventSourceMapping,
} from '../src/queues/event-source-mapping.js';
import { type RunningLocalSqs, startLocalSqs } from '../src/sqs/index.js';
import type { ServiceConfig } from '../src/templates/service-config.js';

// Local SQS (local-aws-sqs) and the event source mapping, with a fake function: no mocks of SQS.
const silent = { info: () => {}, warn: () => {}, error: () => {} };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves when `condition` holds, failing the test after `timeoutMs`. */
const eventually = async (condition: () => boolean | Promise<boolean>, timeoutMs = 10_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(20);
  }
};

let sqs: RunningLocalSqs;
let client: SQSClient;
let queueNumber = 0;
const mappings: RunningEventSourceMapping[] = [];

/** A fresh queue (and DLQ) per test, created the way services' queues are: from a template. */
const createQueue = async ({ visibilityTimeout = 1, maxReceiveCount = 3 } = {}) => {
  const id = ++queueNumber;
  const config: ServiceConfig = {
    service: 'esm-test',
    provider: { stage: 'test', region: LOCAL_REGION },
    resources: {
      Resources: {
        Queue: {
          Type: 'AWS::SQS::Queue',
          Properties: {
            QueueName: `esm-test-${id}`,
            VisibilityTimeout: visibilityTimeout,
            RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': ['Dlq', 'Arn'] }, maxReceiveCount },
          },
        },
        Dlq: { Type: 'AWS::SQS::Queue', Properties: { QueueName: `esm-test-${id}-dlq` } },
      },
    },
  };
  const queues = await createQueues(config, sqs.url);
  return { queue: queues.get('Queue') as LocalQueue, dlq: queues.get('Dlq') as LocalQueue };
};

const send = async (queue: LocalQueue, bodies: string[]) => {
  for (let start = 0; start < bodies.length; start += 10) {
    await client.send(
      new SendMessageBatchCommand({
        QueueUrl: queue.url,
        Entries: bodies
          .slice(start, start + 10)
          .map((body, index) => ({ Id: String(index), MessageBody: body })),
      }),
    );
  }
};

const messagesIn = async (queue: LocalQueue) => {
  const { Attributes = {} } = await client.send(
    new GetQueueAttributesCommand({
      QueueUrl: queue.url,
      AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
    }),
  );
  return (
    Number(Attributes.ApproximateNumberOfMessages) + Number(Attributes.ApproximateNumberOfMessagesNotVisible)
  );
};

/** Starts a mapping that records every event it invokes with; stopped after each test. */
const consume = (
  queue: LocalQueue,
  handle: (event: SQSEvent) => unknown,
  options: Partial<EventSourceMappingOptions> = {},
) => {
  const events: SQSEvent[] = [];
  const mapping = startEventSourceMapping({
    sqsEndpoint: sqs.url,
    queueUrl: queue.url,
    logger: silent,
    invoke: async (event) => {
      events.push(event);
      return handle(event);
    },
    ...options,
  });
  mappings.push(mapping);
  const records = () => events.flatMap((event) => event.Records);
  const deliveriesOf = (body: string) => records().filter((record) => record.body === body);
  return { mapping, events, records, deliveriesOf };
};

const failing = (records: SQSRecord[]) => ({
  batchItemFailures: records.map((record) => ({ itemIdentifier: record.messageId })),
});

beforeAll(async () => {
  sqs = await startLocalSqs({ port: 0 });
  client = new SQSClient({ endpoint: sqs.url, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
});

afterEach(async () => {
  await Promise.all(mappings.splice(0).map((mapping) => mapping.stop()));
});

afterAll(async () => {
  client.destroy();
  await sqs.stop();
});

describe('local SQS event source mapping', () => {
  it('builds Lambda-shaped SQS records', async () => {
    const { queue } = await createQueue();
    const { records } = consume(queue, () => undefined);

    await client.send(
      new SendMessageCommand({
        QueueUrl: queue.url,
        MessageBody: '{"hello":"world"}',
        MessageAttributes: { kind: { DataType: 'String', StringValue: 'greeting' } },
      }),
    );
    await eventually(() => records().length === 1);

    const [record] = records();
    expect(record).toMatchObject({
      messageId: expect.any(String),
      receiptHandle: expect.any(String),
      body: '{"hello":"world"}',
      md5OfBody: createHash('md5').update('{"hello":"world"}').digest('hex'),
      eventSource: 'aws:sqs',
      eventSourceARN: queue.arn,
      awsRegion: 'us-east-1',
      attributes: {
        ApproximateReceiveCount: '1',
        SentTimestamp: expect.stringMatching(/^\d{13}$/),
        ApproximateFirstReceiveTimestamp: expect.stringMatching(/^\d{13}$/),
      },
      messageAttributes: { kind: { dataType: 'String', stringValue: 'greeting' } },
    });
  });

  it('honours the batch size and delivers every message once', async () => {
    const { queue } = await createQueue({ visibilityTimeout: 30 });
    const bodies = Array.from({ length: 23 }, (_, i) => `m-${i}`);
    await send(queue, bodies);

    const { events, records } = consume(queue, () => ({ batchItemFailures: [] }), {
      batchSize: 4,
      reportBatchItemFailures: true,
    });
    await eventually(() => records().length >= bodies.length);
    await eventually(async () => (await messagesIn(queue)) === 0);

    expect(Math.max(...events.map((event) => event.Records.length))).toBe(4);
    expect(events.every((event) => event.Records.length <= 4)).toBe(true);
    expect(
      records()
        .map((record) => record.body)
        .sort(),
    ).toEqual([...bodies].sort());
  });

  it('gathers batches above 10 records within the batching window', async () => {
    const { queue } = await createQueue({ visibilityTimeout: 30 });
    const bodies = Array.from({ length: 25 }, (_, i) => `w-${i}`);
    await send(queue, bodies);

    const { events, records } = consume(queue, () => undefined, {
      batchSize: 25,
      maximumBatchingWindowSeconds: 1,
    });
    await eventually(() => records().length >= bodies.length);

    expect(events[0]?.Records).toHaveLength(25);
  });

  it('deletes the records that succeeded and redelivers only the reported failures', async () => {
    const { queue } = await createQueue({ visibilityTimeout: 1 });
    await send(queue, ['ok-1', 'fail-1', 'ok-2', 'fail-2', 'ok-3']);
    let firstAttempt = true;

    const { deliveriesOf } = consume(
      queue,
      (event) => {
        const failures = firstAttempt ? event.Records.filter((r) => r.body.startsWith('fail')) : [];
        firstAttempt = false;
        return failing(failures);
      },
      { batchSize: 10, reportBatchItemFailures: true },
    );
    await eventually(() => deliveriesOf('fail-1').length === 2 && deliveriesOf('fail-2').length === 2);
    await eventually(async () => (await messagesIn(queue)) === 0);

    for (const body of ['ok-1', 'ok-2', 'ok-3']) expect(deliveriesOf(body)).toHaveLength(1);
    expect(deliveriesOf('fail-1').map((r) => r.attributes.ApproximateReceiveCount)).toEqual(['1', '2']);
  });

  it.each([
    ['an unknown message id', () => ({ batchItemFailures: [{ itemIdentifier: 'not-in-this-batch' }] })],
    ['an empty item identifier', () => ({ batchItemFailures: [{ itemIdentifier: '' }] })],
    ['a malformed batchItemFailures', () => ({ batchItemFailures: 'all of them' })],
    ['a string response', () => 'done'],
    [
      'a thrown error',
      () => {
        throw new Error('function crashed');
      },
    ],
  ])('treats %s as a failure of the whole batch', async (_, handle) => {
    const { queue } = await createQueue({ visibilityTimeout: 1 });
    await send(queue, ['a', 'b']);
    let attempts = 0;

    const { deliveriesOf } = consume(
      queue,
      (event) => {
        attempts += 1;
        return attempts === 1 ? handle() : failing(event.Records.slice(0, 0));
      },
      { reportBatchItemFailures: true },
    );
    await eventually(() => deliveriesOf('a').length === 2 && deliveriesOf('b').length === 2);
    await eventually(async () => (await messagesIn(queue)) === 0);

    expect(deliveriesOf('a').map((r) => r.attributes.ApproximateReceiveCount)).toEqual(['1', '2']);
  });

  it('without ReportBatchItemFailures deletes the whole batch whatever the response says', async () => {
    const { queue } = await createQueue({ visibilityTimeout: 1 });
    await send(queue, ['x', 'y']);

    const { records } = consume(queue, (event) => failing(event.Records));
    await eventually(() => records().length === 2);
    await eventually(async () => (await messagesIn(queue)) === 0);
    await sleep(1300); // longer than the visibility timeout: nothing comes back

    expect(records()).toHaveLength(2);
  });

  it('moves a poison message to the DLQ after maxReceiveCount receives, keeping the others', async () => {
    const { queue, dlq } = await createQueue({ visibilityTimeout: 1, maxReceiveCount: 3 });
    await send(queue, ['good', 'poison']);

    const { deliveriesOf } = consume(
      queue,
      (event) => failing(event.Records.filter((r) => r.body === 'poison')),
      {
        reportBatchItemFailures: true,
      },
    );
    await eventually(async () => (await messagesIn(dlq)) === 1, 15_000);

    expect(deliveriesOf('good')).toHaveLength(1);
    expect(deliveriesOf('poison').map((r) => r.attributes.ApproximateReceiveCount)).toEqual(['1', '2', '3']);
    expect(await messagesIn(queue)).toBe(0);
    const { Messages = [] } = await client.send(new ReceiveMessageCommand({ QueueUrl: dlq.url }));
    expect(Messages.map((m) => m.Body)).toEqual(['poison']);
  });

  it('keeps up to `concurrency` batches in flight, each message delivered once', async () => {
    const { queue } = await createQueue({ visibilityTimeout: 30 });
    let inFlight = 0;
    let mostInFlight = 0;
    const { records, deliveriesOf } = consume(
      queue,
      async () => {
        inFlight += 1;
        mostInFlight = Math.max(mostInFlight, inFlight);
        await sleep(150);
        inFlight -= 1;
      },
      { batchSize: 2, concurrency: 3 },
    );
    const bodies = Array.from({ length: 12 }, (_, i) => `parallel-${i}`);

    await send(queue, bodies);
    await eventually(() => records().length >= bodies.length);
    await eventually(async () => (await messagesIn(queue)) === 0);

    expect(mostInFlight).toBe(3);
    expect(bodies.map((body) => deliveriesOf(body).length)).toEqual(bodies.map(() => 1));
  });

  it('stop() waits for the batch in flight, which is then deleted', async () => {
    const { queue } = await createQueue({ visibilityTimeout: 30 });
    let finished = false;
    const { mapping, records } = consume(queue, async () => {
      await sleep(300);
      finished = true;
    });
    await send(queue, ['slow']);
    await eventually(() => records().length === 1);

    await mapping.stop();

    expect(finished).toBe(true);
    expect(await messagesIn(queue)).toBe(0);
  });

  it('delivers a sent message to the function in well under a second', async () => {
    const { queue } = await createQueue({ visibilityTimeout: 30 });
    const arrivals = new Map<string, number>();
    consume(
      queue,
      (event) => {
        for (const record of event.Records) arrivals.set(record.body, performance.now());
      },
      { batchSize: 10, reportBatchItemFailures: true },
    );

    const latencies: number[] = [];
    for (let i = 0; i < 60; i++) {
      const body = `latency-${i}`;
      const sentAt = performance.now();
      await client.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: body }));
      await eventually(() => arrivals.has(body), 5_000);
      latencies.push((arrivals.get(body) ?? Number.NaN) - sentAt);
      await sleep(Math.random() * 30); // arrive at any point of the poll cycle
    }
    latencies.sort((a, b) => a - b);
    const p50 = latencies[Math.floor(latencies.length * 0.5)] ?? Number.NaN;
    const p95 = latencies[Math.floor(latencies.length * 0.95)] ?? Number.NaN;
    console.info(
      `SQS → invoke latency over ${latencies.length} messages: p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, max ${latencies.at(-1)?.toFixed(1)} ms`,
    );

    expect(p50).toBeLessThan(500);
    // 60 round trips with pauses: seconds on a busy machine. The latency is what is asserted.
  }, 30_000);
});

/**
 * EventBridge emulator benchmark: PutEvents → message-in-queue latency (p50/p99) and PutEvents
 * throughput with 100 rules on the bus. Prints a table, then the figures as JSON on the last line.
 * Run: pnpm exec tsx packages/local-cloud/bench/eventbridge.bench.ts
 */
import {
  EventBridgeClient,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
} from '@aws-sdk/client-eventbridge';
import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { startEventBridge } from '../src/eventbridge/index.js';
import { startLocalSqs } from '../src/sqs/index.js';
import { createQueue, takeAllMessages } from '../test/support/queues.js';

const LATENCY_EVENTS = 500;
const THROUGHPUT_EVENTS = 5000;
const RULES_ON_BUS = 100;
const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
const region = 'us-east-1';

const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
const round = (value: number) => Math.round(value * 100) / 100;

const sqs = await startLocalSqs({ port: 0 });
const eventBridge = await startEventBridge({ port: 0, sqsEndpoint: sqs.url });
const sqsClient = new SQSClient({ endpoint: sqs.url, region, credentials });
const events = new EventBridgeClient({ endpoint: eventBridge.url, region, credentials });

try {
  const { url: queueUrl, arn: queueArn } = await createQueue(sqsClient, 'bench');

  // 99 rules that look at the same events but do not match, and one that delivers to the queue.
  for (let i = 0; i < RULES_ON_BUS; i++) {
    const delivering = i === RULES_ON_BUS - 1;
    const pattern = {
      source: ['bench'],
      'detail-type': ['Measured'],
      detail: delivering ? { kind: ['order'], total: [{ numeric: ['>', 0] }] } : { kind: [`other-${i}`] },
    };
    await events.send(new PutRuleCommand({ Name: `rule-${i}`, EventPattern: JSON.stringify(pattern) }));
    await events.send(
      new PutTargetsCommand({ Rule: `rule-${i}`, Targets: [{ Id: 'queue', Arn: queueArn }] }),
    );
  }

  const entry = (n: number) => ({
    Source: 'bench',
    DetailType: 'Measured',
    Detail: JSON.stringify({ kind: 'order', total: 10 + n, n }),
  });

  /** Polls the queue's message count, which local-aws-sqs answers without the receive path's delay. */
  async function waitForMessageInQueue(): Promise<void> {
    for (;;) {
      const { Attributes: counts } = await sqsClient.send(
        new GetQueueAttributesCommand({
          QueueUrl: queueUrl,
          AttributeNames: ['ApproximateNumberOfMessages'],
        }),
      );
      if (Number(counts?.ApproximateNumberOfMessages ?? 0) > 0) return;
    }
  }

  // Latency: one event at a time, from PutEvents to the message being receivable.
  const latencies: number[] = [];
  for (let n = 0; n < LATENCY_EVENTS; n++) {
    const started = performance.now();
    await events.send(new PutEventsCommand({ Entries: [entry(n)] }));
    await waitForMessageInQueue();
    latencies.push(performance.now() - started);
    await takeAllMessages(sqsClient, queueUrl);
  }
  latencies.sort((a, b) => a - b);

  // Throughput: batches of 10 from 10 concurrent senders, until every delivery has settled.
  const started = performance.now();
  const batches = THROUGHPUT_EVENTS / 10;
  let next = 0;
  const sender = async () => {
    while (next < batches) {
      const batch = next++;
      await events.send(
        new PutEventsCommand({ Entries: Array.from({ length: 10 }, (_, i) => entry(batch * 10 + i)) }),
      );
    }
  };
  await Promise.all(Array.from({ length: 10 }, sender));
  const acceptedMs = performance.now() - started;
  await eventBridge.idle();
  const deliveredMs = performance.now() - started;

  const figures = {
    latencyEvents: LATENCY_EVENTS,
    latencyP50Ms: round(percentile(latencies, 50)),
    latencyP99Ms: round(percentile(latencies, 99)),
    rulesOnBus: RULES_ON_BUS,
    throughputEvents: THROUGHPUT_EVENTS,
    putEventsPerSecond: Math.round(THROUGHPUT_EVENTS / (acceptedMs / 1000)),
    deliveredEventsPerSecond: Math.round(THROUGHPUT_EVENTS / (deliveredMs / 1000)),
  };
  console.table(figures);
  console.log(JSON.stringify(figures));
} finally {
  events.destroy();
  sqsClient.destroy();
  await eventBridge.stop();
  await sqs.stop();
}

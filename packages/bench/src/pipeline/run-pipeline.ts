import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { benchDocumentClient, TABLES } from '../aws-clients.js';
import { type ClosedLoopResult, runClosedLoop } from '../load/closed-loop.js';
import type { BenchCloud } from '../local-cloud/start-cloud.js';
import { type NoiseReading, startNoiseMeter } from '../noise.js';
import type { UserTokens } from '../shop/auth.js';
import { prepareBaskets } from '../shop/baskets.js';
import { checkoutOf } from '../shop/shopper.js';
import { type Summary, summarize } from '../stats.js';
import { benchSqsClient, checkoutQueueUrl, waitForEmptyQueue } from './checkout-queue.js';
import { censusOf, type OrderCensus, ordersPerSecond, scanOrders } from './order-census.js';
import { epochMs, type TrackedCheckout, watchOrders } from './order-watcher.js';

export interface PipelineResult {
  label: string;
  checkouts: number;
  concurrency: number;
  /** CPU other work on the machine used meanwhile. */
  noise: NoiseReading;
  /** Checkouts that did not answer 202, and why (the first few). */
  rejected: number;
  rejections: string[];
  checkoutsPerSecond: number;
  checkoutLatencyMs: Summary;
  /** 202 → order first read back by the watcher (includes up to one watcher round). */
  toOrderSeenMs: Summary;
  /**
   * 202 → the order's createdAt (stamped by the consumer just before writing it). Negative when
   * the order was written before the 202 reached the client: basket publishes, then empties the
   * basket, then answers, while the event races ahead.
   */
  toOrderWrittenMs: Summary;
  /** Checkout request sent → order's createdAt: the whole journey, the HTTP call included. */
  sentToOrderWrittenMs: Summary;
  /** Orders written per second, from the first order's createdAt to the last one's. */
  ordersPerSecond: number;
  /** From the last 202 to the last order written: the backlog the consumer had to work off. */
  drainAfterLastCheckoutMs: number;
  watcherRoundMs: Summary;
  census: OrderCensus;
  /** One user whose order exists: the template for the write floor's items. */
  sampleUser: string;
}

export interface WriteFloorResult {
  concurrency: number;
  writes: number;
  itemBytes: number;
  result: ClosedLoopResult;
}

/**
 * Fires `checkouts` checkouts at `concurrency` (each user with one basket, filled beforehand) and
 * follows each to its order in the ordering table.
 */
export const runCheckoutPipeline = async (
  cloud: BenchCloud,
  tokens: UserTokens,
  { label, checkouts, concurrency }: { label: string; checkouts: number; concurrency: number },
  log: (line: string) => void,
): Promise<PipelineResult> => {
  const basketUrl = cloud.services.basket ?? '';
  const sqs = benchSqsClient(cloud.endpoints.sqs);
  const documentClient = benchDocumentClient(cloud.endpoints.dynamodb);
  try {
    const queueUrl = await checkoutQueueUrl(sqs);
    await waitForEmptyQueue(sqs, queueUrl);
    const prefix = `bench-pipeline-${label}-${Date.now()}-`;
    const users = Array.from({ length: checkouts }, (_, i) => `${prefix}${i}`);
    await tokens.prepare(users);
    await prepareBaskets(basketUrl, users, tokens.headers);
    log(`  ${checkouts} baskets ready; checking out at concurrency ${concurrency}`);

    const watcher = watchOrders(documentClient);
    const accepted: TrackedCheckout[] = [];
    let lastAcceptedAt = 0;
    const meter = startNoiseMeter();
    const checkoutRun = await runClosedLoop(concurrency, { total: checkouts }, async (index) => {
      const userName = users[index] ?? '';
      const sentAt = epochMs();
      const response = await fetch(`${basketUrl}/basket/checkout`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...tokens.headers(userName) },
        body: JSON.stringify(checkoutOf(userName)),
      });
      const text = await response.text();
      const acceptedAt = epochMs();
      const body = (response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : {}) as {
        checkoutId?: string;
      };
      if (response.status !== 202 || body.checkoutId === undefined) {
        // The body says who answered: the handler (problem+json) or serverless-offline itself.
        throw new Error(`HTTP ${response.status} ${text.slice(0, 120)}`);
      }
      lastAcceptedAt = Math.max(lastAcceptedAt, acceptedAt);
      const tracked = { userName, checkoutId: body.checkoutId, sentAt, acceptedAt };
      accepted.push(tracked);
      watcher.track(tracked);
    });
    await watcher.settled(60_000);
    const { roundMs } = await watcher.stop();
    const orders = await scanOrders(documentClient, prefix);
    const census = censusOf(orders, new Set(accepted.map((c) => c.checkoutId)));
    const lastWritten = Math.max(...orders.map((order) => order.createdAt));
    return {
      label,
      checkouts,
      concurrency,
      noise: meter.read(),
      rejected: checkoutRun.errors,
      rejections: checkoutRun.errorSamples,
      checkoutsPerSecond: checkoutRun.perSecond,
      checkoutLatencyMs: checkoutRun.latencyMs,
      toOrderSeenMs: summarize(
        accepted.flatMap((c) => (c.seenAt === undefined ? [] : [c.seenAt - c.acceptedAt])),
      ),
      toOrderWrittenMs: summarize(
        accepted.flatMap((c) => (c.createdAt === undefined ? [] : [c.createdAt - c.acceptedAt])),
      ),
      sentToOrderWrittenMs: summarize(
        accepted.flatMap((c) => (c.createdAt === undefined ? [] : [c.createdAt - c.sentAt])),
      ),
      ordersPerSecond: ordersPerSecond(orders),
      drainAfterLastCheckoutMs: lastWritten - lastAcceptedAt,
      watcherRoundMs: summarize(roundMs),
      census,
      sampleUser: accepted[0]?.userName ?? '',
    };
  } finally {
    documentClient.destroy();
    sqs.destroy();
  }
};

/**
 * DynamoDB Local's own write capacity for orders: conditional PutItems of a real order (read back
 * from the table, re-keyed) at the pipeline's concurrency, from this process. If the pipeline's
 * orders/s is far below this, the database is not what limits it.
 */
export const measureOrderWriteFloor = async (
  cloud: BenchCloud,
  sampleUser: string,
  { writes, concurrency }: { writes: number; concurrency: number },
): Promise<WriteFloorResult> => {
  const documentClient = benchDocumentClient(cloud.endpoints.dynamodb);
  try {
    const { Items = [] } = await documentClient.send(
      new QueryCommand({
        TableName: TABLES.order,
        KeyConditionExpression: 'userName = :u',
        ExpressionAttributeValues: { ':u': sampleUser },
        Limit: 1,
      }),
    );
    const sample = Items[0];
    if (sample === undefined) throw new Error(`no order for ${sampleUser} to copy`);
    const prefix = `bench-put-${Date.now()}-`;
    const result = await runClosedLoop(concurrency, { total: writes }, async (index) => {
      await documentClient.send(
        new PutCommand({
          TableName: TABLES.order,
          Item: { ...sample, userName: `${prefix}${index}`, orderKey: `${sample.orderKey}#${index}` },
          ConditionExpression: 'attribute_not_exists(orderKey)',
        }),
      );
    });
    // Reading one back proves the writes landed where the orders live.
    await documentClient.send(
      new GetCommand({
        TableName: TABLES.order,
        Key: { userName: `${prefix}0`, orderKey: `${sample.orderKey}#0` },
      }),
    );
    return { concurrency, writes, itemBytes: Buffer.byteLength(JSON.stringify(sample)), result };
  } finally {
    documentClient.destroy();
  }
};

import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { benchDocumentClient } from '../aws-clients.js';
import type { BenchCloud } from '../local-cloud/start-cloud.js';
import { type NoiseReading, startNoiseMeter } from '../noise.js';
import { benchSqsClient, checkoutQueueUrl, waitForEmptyQueue } from './checkout-queue.js';
import { startExtraPollers } from './concurrent-poller.js';
import { censusOf, type OrderCensus, ordersPerSecond, scanOrders } from './order-census.js';
import { publishCheckouts } from './publish-checkouts.js';

export interface QueueDrainResult {
  label: string;
  events: number;
  /** Pollers besides the local cloud's own five; 0 is the local cloud as it is. */
  extraPollers: number;
  /** CPU other work on the machine used meanwhile. */
  noise: NoiseReading;
  publishSeconds: number;
  ordersPerSecond: number;
  census: OrderCensus;
}

const ORDERING_FUNCTION = 'eshop-ordering-local-processCheckout';

/**
 * The consumer side's capacity on its own: `events` CheckoutBasket events are published straight
 * onto the bus (a backlog within a second or two), and orders/s is how fast they become orders.
 */
export const runQueueDrain = async (
  cloud: BenchCloud,
  { label, events, extraPollers }: { label: string; events: number; extraPollers: number },
): Promise<QueueDrainResult> => {
  const sqs = benchSqsClient(cloud.endpoints.sqs);
  const documentClient = benchDocumentClient(cloud.endpoints.dynamodb);
  const queueUrl = await checkoutQueueUrl(sqs);
  await waitForEmptyQueue(sqs, queueUrl);
  const { Attributes = {} } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }),
  );
  const pollers = startExtraPollers({
    sqs,
    queueUrl,
    queueArn: Attributes.QueueArn ?? '',
    lambdaEndpoint: `http://127.0.0.1:${cloud.ports.services.ordering?.lambda}`,
    functionName: ORDERING_FUNCTION,
    count: extraPollers,
  });
  try {
    const prefix = `bench-drain-${label}-${Date.now()}-`;
    const meter = startNoiseMeter();
    const started = Date.now();
    const { checkoutIds, publishedAt } = await publishCheckouts(
      cloud.endpoints.eventbridge,
      Array.from({ length: events }, (_, i) => `${prefix}${i}`),
    );
    const deadline = performance.now() + 120_000;
    let orders = await scanOrders(documentClient, prefix);
    while (orders.length < events && performance.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      orders = await scanOrders(documentClient, prefix);
    }
    return {
      label,
      events,
      extraPollers,
      noise: meter.read(),
      publishSeconds: (publishedAt - started) / 1000,
      ordersPerSecond: ordersPerSecond(orders),
      census: censusOf(orders, checkoutIds),
    };
  } finally {
    await pollers.stop();
    documentClient.destroy();
    sqs.destroy();
  }
};

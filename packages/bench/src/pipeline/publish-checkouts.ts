import { randomUUID } from 'node:crypto';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';

/** Basket's bus in the local cloud (stage `local`). */
const BUS_NAME = 'eshop-basket-local';

/** A valid CheckoutBasket v1 detail (packages/shared/src/events/checkout-basket.ts). */
const checkoutDetail = (userName: string) => ({
  version: '1',
  checkoutId: randomUUID(),
  correlationId: randomUUID(),
  userName,
  buyer: { firstName: 'Bench', lastName: 'Mark', email: 'bench@example.com', address: '1 Load Street' },
  payment: { method: '1', cardLast4: '4242' },
  items: [{ productId: 'p-1', productName: 'Bench item', quantity: 2, unitPrice: 1250, lineTotal: 2500 }],
  total: 2500,
  currency: 'USD',
  checkedOutAt: new Date().toISOString(),
});

/**
 * Publishes CheckoutBasket events straight onto basket's bus (10 per PutEvents, as fast as the
 * emulator takes them), bypassing the basket API. With the HTTP side out of the way, how fast
 * orders appear is what the queue → poller → consumer → DynamoDB path can do on its own.
 */
export const publishCheckouts = async (
  eventBridgeEndpoint: string,
  userNames: readonly string[],
): Promise<{ checkoutIds: Set<string>; publishedAt: number }> => {
  const client = new EventBridgeClient({
    endpoint: eventBridgeEndpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const checkoutIds = new Set<string>();
  try {
    const chunks: string[][] = [];
    for (let start = 0; start < userNames.length; start += 10)
      chunks.push(userNames.slice(start, start + 10));
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        for (let chunk = chunks.shift(); chunk !== undefined; chunk = chunks.shift()) {
          const details = chunk.map(checkoutDetail);
          const { FailedEntryCount = 0 } = await client.send(
            new PutEventsCommand({
              Entries: details.map((detail) => ({
                EventBusName: BUS_NAME,
                Source: 'eshop.basket',
                DetailType: 'CheckoutBasket',
                Detail: JSON.stringify(detail),
              })),
            }),
          );
          if (FailedEntryCount > 0) throw new Error(`${FailedEntryCount} event(s) were not accepted`);
          for (const detail of details) checkoutIds.add(detail.checkoutId);
        }
      }),
    );
    return { checkoutIds, publishedAt: Date.now() };
  } finally {
    client.destroy();
  }
};

import { randomUUID } from 'node:crypto';
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { benchDocumentClient } from '../aws-clients.js';

/**
 * Sends a freshly started DynamoDB Local the requests the cold starts will send, each on a new
 * connection as a fresh process does (a GetItem and a two-item conditional transaction), for
 * `durationMs`. Unwarmed, it answered them 3-7 ms slower for a whole 25-round run (A/B, two fresh
 * instances side by side: plain getProduct's first request 54.4 vs 51.3 ms, the consumer's
 * transaction 65.7 vs 59.0 ms), more for a transaction than for a GetItem, which biased the
 * consumer's ratio by ~0.015. DynamoDB itself is never cold for a function on Lambda. Reusing
 * connections (keep-alive) did not warm it: the per-connection path is what stays cold.
 */
export const warmDatabase = async (
  endpoint: string,
  tables: { product: string; order: string },
  productId: string,
  durationMs: number,
): Promise<number> => {
  const client = benchDocumentClient(endpoint, 1, { keepAlive: false });
  const until = performance.now() + durationMs;
  let requests = 0;
  try {
    while (performance.now() < until) {
      const id = randomUUID();
      await client.send(new GetCommand({ TableName: tables.product, Key: { id: productId } }));
      await client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: tables.order,
                Item: { userName: `checkout/${id}`, orderKey: 'GUARD' },
                ConditionExpression: 'attribute_not_exists(orderKey)',
              },
            },
            {
              Put: {
                TableName: tables.order,
                Item: { userName: 'bench-warm-up', orderKey: `2026-01-01T00:00:00.000Z#${id}` },
                ConditionExpression: 'attribute_not_exists(orderKey)',
              },
            },
          ],
        }),
      );
      requests += 2;
    }
    return requests;
  } finally {
    client.destroy();
  }
};

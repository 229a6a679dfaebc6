import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { TABLES } from '../aws-clients.js';

/** When the client got its 202, and when the watcher first read the resulting order. */
export interface TrackedCheckout {
  userName: string;
  checkoutId: string;
  /** When the checkout request was sent. */
  sentAt: number;
  acceptedAt: number;
  seenAt?: number;
  /** The order's own `createdAt`, stamped by the consumer just before its write. */
  createdAt?: number;
}

/** Epoch milliseconds with sub-millisecond precision, comparable with the services' clocks. */
export const epochMs = (): number => performance.timeOrigin + performance.now();

/**
 * Reads the ordering table directly until every accepted checkout's order is there. It only asks
 * about checkouts still pending — one Query per user, whose partition holds exactly that order —
 * so its own load on DynamoDB Local stays small and falls as orders arrive, instead of scanning a
 * table that grows. "Seen" is therefore up to one polling round late: its round time is reported.
 */
export const watchOrders = (documentClient: DynamoDBDocumentClient, parallelQueries = 8) => {
  const pending = new Map<string, TrackedCheckout>();
  const rounds: number[] = [];
  let running = true;

  const lookUp = async (checkout: TrackedCheckout) => {
    const { Items = [] } = await documentClient.send(
      new QueryCommand({
        TableName: TABLES.order,
        KeyConditionExpression: 'userName = :u',
        ExpressionAttributeValues: { ':u': checkout.userName },
        ProjectionExpression: 'checkoutId, createdAt',
      }),
    );
    const order = Items.find((item) => item.checkoutId === checkout.checkoutId);
    if (order === undefined) return;
    checkout.seenAt = epochMs();
    checkout.createdAt = Date.parse(String(order.createdAt));
    pending.delete(checkout.userName);
  };

  const loop = (async () => {
    while (running) {
      const started = performance.now();
      const batch = [...pending.values()];
      for (let start = 0; start < batch.length; start += parallelQueries) {
        await Promise.all(batch.slice(start, start + parallelQueries).map(lookUp));
      }
      if (batch.length > 0) rounds.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  })();

  return {
    track: (checkout: TrackedCheckout) => pending.set(checkout.userName, checkout),
    pendingCount: () => pending.size,
    /** Resolves when nothing is pending, or after `timeoutMs`. */
    settled: async (timeoutMs: number) => {
      const deadline = performance.now() + timeoutMs;
      while (pending.size > 0 && performance.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    },
    stop: async () => {
      running = false;
      await loop;
      return { roundMs: rounds };
    },
  };
};

import { type DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { TABLES } from '../aws-clients.js';

/** What the ordering table holds for a set of checkouts: the proof that none was lost or doubled. */
export interface OrderCensus {
  expected: number;
  /** Orders of the expected checkouts. */
  found: number;
  /**
   * Orders of checkouts the client did not see accepted (e.g. it got a 503 after the event was
   * published): allowed — a retry would find the same checkout — but counted, not hidden.
   */
  unexpected: number;
  distinctCheckouts: number;
  duplicated: number;
  missing: number;
}

export interface StoredOrder {
  checkoutId: string;
  /** Epoch ms of the order's `createdAt`, stamped by the consumer just before its write. */
  createdAt: number;
}

/** Every order of the users whose names start with `userPrefix` (a full scan of the table). */
export const scanOrders = async (
  documentClient: DynamoDBDocumentClient,
  userPrefix: string,
): Promise<StoredOrder[]> => {
  const orders: StoredOrder[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await documentClient.send(
      new ScanCommand({
        TableName: TABLES.order,
        FilterExpression: 'begins_with(userName, :prefix)',
        ExpressionAttributeValues: { ':prefix': userPrefix },
        ProjectionExpression: 'checkoutId, createdAt',
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) {
      orders.push({ checkoutId: String(item.checkoutId), createdAt: Date.parse(String(item.createdAt)) });
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey !== undefined);
  return orders;
};

/** Counts orders per checkout id against the checkouts that were accepted. */
export const censusOf = (
  orders: readonly StoredOrder[],
  expectedCheckoutIds: ReadonlySet<string>,
): OrderCensus => {
  const perCheckout = new Map<string, number>();
  for (const { checkoutId } of orders) perCheckout.set(checkoutId, (perCheckout.get(checkoutId) ?? 0) + 1);
  const ofExpected = orders.filter((order) => expectedCheckoutIds.has(order.checkoutId)).length;
  return {
    expected: expectedCheckoutIds.size,
    found: ofExpected,
    unexpected: orders.length - ofExpected,
    distinctCheckouts: perCheckout.size,
    duplicated: [...perCheckout.values()].filter((count) => count > 1).length,
    missing: [...expectedCheckoutIds].filter((id) => !perCheckout.has(id)).length,
  };
};

/** Orders written per second, from the first order's createdAt to the last one's. */
export const ordersPerSecond = (orders: readonly StoredOrder[]): number => {
  if (orders.length < 2) return Number.NaN;
  const times = orders.map((order) => order.createdAt);
  return ((orders.length - 1) / (Math.max(...times) - Math.min(...times))) * 1000;
};

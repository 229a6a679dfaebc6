import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { cursorKeyString, decodeCursor, encodeCursor, scanPage } from '@eshop/shared';
import * as z from '@eshop/shared/zod';
import type { Order } from '../domain/order.js';
import type { ListOrders, ListUserOrders, SaveNewOrder } from '../domain/ports.js';

/**
 * The order table: partition key `userName`, sort key `orderKey` = `<orderDate>#<checkoutId>`.
 *
 * - `GET /order/{userName}` is one Query, newest first (ISO 8601 dates sort as strings), and
 *   `?orderDate=` is `begins_with(orderKey, :date)`, so a day, a month or a full timestamp all work.
 * - One order per checkout id, whatever its date: each order is written together with a guard
 *   item keyed by the checkout id alone (`checkout/<checkoutId>`, a partition no user name can
 *   name: they exclude `/`), both only if absent. The guard points at the order it let in.
 */
export const orderKey = (order: Pick<Order, 'userName' | 'orderDate' | 'checkoutId'>) => ({
  userName: order.userName,
  orderKey: `${order.orderDate}#${order.checkoutId}`,
});
export const checkoutGuardKey = (checkoutId: string) => ({
  userName: `checkout/${checkoutId}`,
  orderKey: 'GUARD',
});

// What a cursor may decode to: exactly a table key, nothing else. Lazy: built when a cursor is
// first decoded, not at the init of every function that imports this module (the consumer).
const tableKeySchema = z.lazy(() =>
  z.strictObject({ userName: cursorKeyString(2048), orderKey: cursorKeyString(1024) }),
);

/** A user's cursor is only valid for that user (and the date prefix it was issued for). */
const userStartKey = (cursor: string | undefined, userName: string, orderDate = '') =>
  decodeCursor(
    cursor,
    tableKeySchema.check(z.refine((key) => key.userName === userName && key.orderKey.startsWith(orderDate))),
  );

const toOrder = (item: Record<string, unknown>): Order => {
  const { orderKey: _key, ...order } = item;
  return order as unknown as Order;
};

/** The reasons (with the item in the way) of a cancelled transaction; undefined for other errors. */
const cancellationReasons = (error: unknown) =>
  (error as { name?: string }).name === 'TransactionCanceledException'
    ? ((error as { CancellationReasons?: { Code?: string; Item?: Record<string, AttributeValue> }[] })
        .CancellationReasons ?? [])
    : undefined;

export const buildSaveNewOrder =
  (documentClient: DynamoDBDocumentClient, tableName: string): SaveNewOrder =>
  async (order) => {
    const ifAbsent = {
      ConditionExpression: 'attribute_not_exists(orderKey)',
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
    };
    try {
      await documentClient.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: tableName,
                Item: {
                  ...checkoutGuardKey(order.checkoutId),
                  checkoutId: order.checkoutId,
                  order: orderKey(order),
                },
                ...ifAbsent,
              },
            },
            { Put: { TableName: tableName, Item: { ...order, ...orderKey(order) }, ...ifAbsent } },
          ],
        }),
      );
      return { placed: true };
    } catch (error) {
      const [guard, sameKey] = cancellationReasons(error) ?? [];
      if (guard?.Code !== 'ConditionalCheckFailed' && sameKey?.Code !== 'ConditionalCheckFailed') throw error;
      // The guard names the checkout's order; an order stored before guards existed has none.
      if (guard?.Item === undefined) {
        return { placed: false, existing: sameKey?.Item && toOrder(unmarshall(sameKey.Item)) };
      }
      const { Item } = await documentClient.send(
        new GetCommand({ TableName: tableName, Key: unmarshall(guard.Item).order, ConsistentRead: true }),
      );
      return { placed: false, existing: Item && toOrder(Item) };
    }
  };

export const buildListOrders =
  (documentClient: DynamoDBDocumentClient, tableName: string): ListOrders =>
  ({ limit, cursor }) =>
    // Guards share the table: only orders are listed.
    scanPage(documentClient, {
      tableName,
      limit,
      cursor,
      startKeySchema: tableKeySchema,
      filter: { FilterExpression: 'attribute_exists(orderId)' },
      toItem: toOrder,
      keyOf: orderKey,
    });

export const buildListUserOrders =
  (documentClient: DynamoDBDocumentClient, tableName: string): ListUserOrders =>
  async ({ userName, orderDate, limit, cursor }) => {
    const page = await documentClient.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression:
          orderDate === undefined
            ? 'userName = :userName'
            : 'userName = :userName AND begins_with(orderKey, :orderDate)',
        ExpressionAttributeValues:
          orderDate === undefined
            ? { ':userName': userName }
            : { ':userName': userName, ':orderDate': orderDate },
        ScanIndexForward: false,
        Limit: limit,
        ExclusiveStartKey: userStartKey(cursor, userName, orderDate),
      }),
    );
    return { items: (page.Items ?? []).map(toOrder), nextCursor: encodeCursor(page.LastEvaluatedKey) };
  };

/** All adapters of the order table, bound to one client and table name (for tests). */
export const orderTable = (documentClient: DynamoDBDocumentClient, tableName: string) => ({
  saveNewOrder: buildSaveNewOrder(documentClient, tableName),
  listOrders: buildListOrders(documentClient, tableName),
  listUserOrders: buildListUserOrders(documentClient, tableName),
});

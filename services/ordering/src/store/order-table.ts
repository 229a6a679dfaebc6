import { type DynamoDBDocumentClient, PutCommand, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { cursorKeyString, decodeCursor, encodeCursor, isConditionalCheckFailed } from '@eshop/shared';
import * as z from 'zod';
import type { Order } from '../domain/order.js';
import type { ListOrders, ListUserOrders, SaveNewOrder } from '../domain/ports.js';

/**
 * The order table: partition key `userName`, sort key `orderKey` = `<orderDate>#<checkoutId>`.
 *
 * - `GET /order/{userName}` is one Query, newest first (ISO 8601 dates sort as strings), and
 *   `?orderDate=` is `begins_with(orderKey, :date)`, so a day, a month or a full timestamp all work.
 * - The key is derived only from the checkout event (user, checkout time, checkout id), so a
 *   redelivered event maps to the same key and the conditional put makes it a no-op.
 */
export const orderKey = (order: Pick<Order, 'userName' | 'orderDate' | 'checkoutId'>) => ({
  userName: order.userName,
  orderKey: `${order.orderDate}#${order.checkoutId}`,
});

// What a cursor may decode to: exactly a table key, nothing else.
const tableKeySchema = z.strictObject({ userName: cursorKeyString(2048), orderKey: cursorKeyString(1024) });

/** A user's cursor is only valid for that user (and the date prefix it was issued for). */
const userStartKey = (cursor: string | undefined, userName: string, orderDate = '') =>
  decodeCursor(
    cursor,
    tableKeySchema.refine((key) => key.userName === userName && key.orderKey.startsWith(orderDate)),
  );

const toOrder = (item: Record<string, unknown>): Order => {
  const { orderKey: _key, ...order } = item;
  return order as unknown as Order;
};

export const buildSaveNewOrder =
  (documentClient: DynamoDBDocumentClient, tableName: string): SaveNewOrder =>
  async (order) => {
    try {
      await documentClient.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...order, ...orderKey(order) },
          ConditionExpression: 'attribute_not_exists(orderKey)',
        }),
      );
      return true;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return false;
      throw error;
    }
  };

export const buildListOrders =
  (documentClient: DynamoDBDocumentClient, tableName: string): ListOrders =>
  async ({ limit, cursor }) => {
    const page = await documentClient.send(
      new ScanCommand({
        TableName: tableName,
        Limit: limit,
        ExclusiveStartKey: decodeCursor(cursor, tableKeySchema),
      }),
    );
    return { items: (page.Items ?? []).map(toOrder), nextCursor: encodeCursor(page.LastEvaluatedKey) };
  };

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

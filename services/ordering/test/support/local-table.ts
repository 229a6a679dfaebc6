import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { localCloud } from '@eshop/local-cloud/testing';
import { createDocumentClient } from '@eshop/shared';
import type { Order } from '../../src/domain/order.js';
import { orderKey, orderTable } from '../../src/store/order-table.js';

/** A document client and the order table's adapters, on the test run's DynamoDB Local. */
export const localOrderTable = () => {
  const documentClient = createDocumentClient(localCloud().aws('dynamodb'));
  const tableName = localCloud().env('ordering', 'ORDER_TABLE_NAME');
  const deleteOrders = (orders: Pick<Order, 'userName' | 'orderDate' | 'checkoutId'>[]) =>
    Promise.all(
      orders.map((order) =>
        documentClient.send(new DeleteCommand({ TableName: tableName, Key: orderKey(order) })),
      ),
    );
  return { documentClient, tableName, deleteOrders, ...orderTable(documentClient, tableName) };
};

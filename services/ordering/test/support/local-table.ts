import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '@eshop/local-cloud';
import { localCloud } from '@eshop/local-cloud/testing';
import { createDocumentClient } from '@eshop/shared';
import type { Order } from '../../src/domain/order.js';
import { orderKey, orderTable } from '../../src/store/order-table.js';

/** A document client and the order table's adapters, on the test run's DynamoDB Local. */
export const localOrderTable = () => {
  const documentClient = createDocumentClient({
    endpoint: localCloud().endpoints.dynamodb,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
  });
  const tableName = localCloud().env('ordering', 'ORDER_TABLE_NAME');
  const deleteOrders = (orders: Pick<Order, 'userName' | 'orderDate' | 'checkoutId'>[]) =>
    Promise.all(
      orders.map((order) =>
        documentClient.send(new DeleteCommand({ TableName: tableName, Key: orderKey(order) })),
      ),
    );
  return { documentClient, tableName, deleteOrders, ...orderTable(documentClient, tableName) };
};

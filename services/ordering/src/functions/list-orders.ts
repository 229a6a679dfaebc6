import { requireEnv, signedInHttpEnvironment } from '@eshop/shared';
import { documentClient } from '@eshop/shared/clients/dynamodb';
import { listOrdersHandler } from '../handlers/list-orders.js';
import { buildListOrders } from '../store/order-table.js';

export const handler = listOrdersHandler({
  ...signedInHttpEnvironment('ordering'),
  listOrders: buildListOrders(documentClient, requireEnv('ORDER_TABLE_NAME')),
});

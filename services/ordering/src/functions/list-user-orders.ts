import { requireEnv, signedInHttpEnvironment } from '@eshop/shared';
import { documentClient } from '@eshop/shared/clients/dynamodb';
import { listUserOrdersHandler } from '../handlers/list-user-orders.js';
import { buildListUserOrders } from '../store/order-table.js';

export const handler = listUserOrdersHandler({
  ...signedInHttpEnvironment('ordering'),
  listUserOrders: buildListUserOrders(documentClient, requireEnv('ORDER_TABLE_NAME')),
});

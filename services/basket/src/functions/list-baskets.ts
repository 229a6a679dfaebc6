import { requireEnv, signedInHttpEnvironment } from '@eshop/shared';
import { documentClient } from '@eshop/shared/clients/dynamodb';
import { listBasketsHandler } from '../handlers/list-baskets.js';
import { buildListBaskets } from '../store/basket-table.js';

export const handler = listBasketsHandler({
  ...signedInHttpEnvironment('basket'),
  listBaskets: buildListBaskets(documentClient, requireEnv('BASKET_TABLE_NAME')),
  now: () => new Date(),
});

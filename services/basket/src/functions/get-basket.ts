import { requireEnv, signedInHttpEnvironment } from '@eshop/shared';
import { documentClient } from '@eshop/shared/clients/dynamodb';
import { getBasketHandler } from '../handlers/get-basket.js';
import { buildFindBasket } from '../store/basket-table.js';

export const handler = getBasketHandler({
  ...signedInHttpEnvironment('basket'),
  findBasket: buildFindBasket(documentClient, requireEnv('BASKET_TABLE_NAME')),
  now: () => new Date(),
});

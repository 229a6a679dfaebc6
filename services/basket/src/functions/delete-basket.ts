import { requireEnv, signedInHttpEnvironment } from '@eshop/shared';
import { documentClient } from '@eshop/shared/clients/dynamodb';
import { deleteBasketHandler } from '../handlers/delete-basket.js';
import { buildDeleteBasket } from '../store/basket-table.js';

export const handler = deleteBasketHandler({
  ...signedInHttpEnvironment('basket'),
  deleteBasket: buildDeleteBasket(documentClient, requireEnv('BASKET_TABLE_NAME')),
  now: () => new Date(),
});

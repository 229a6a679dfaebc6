import { randomUUID } from 'node:crypto';
import { requireEnv, signedInHttpEnvironment } from '@eshop/shared';
import { documentClient } from '@eshop/shared/clients/dynamodb';
import { buildFindCatalogProduct } from '../catalog/product-catalog.js';
import { saveBasketHandler } from '../handlers/save-basket.js';
import { buildSaveBasket } from '../store/basket-table.js';

export const handler = saveBasketHandler({
  ...signedInHttpEnvironment('basket'),
  findCatalogProduct: buildFindCatalogProduct(requireEnv('PRODUCT_API_URL')),
  saveBasket: buildSaveBasket(documentClient, requireEnv('BASKET_TABLE_NAME')),
  now: () => new Date(),
  newId: randomUUID,
});

import { randomUUID } from 'node:crypto';
import { requireEnv, signedInHttpEnvironment } from '@eshop/shared';
import { documentClient } from '@eshop/shared/clients/dynamodb';
import { buildFindCatalogProducts } from '../catalog/product-catalog.js';
import { saveBasketHandler } from '../handlers/save-basket.js';
import { buildSaveBasket } from '../store/basket-table.js';

export const handler = saveBasketHandler({
  ...signedInHttpEnvironment('basket'),
  // Saved baskets show prices; checkout prices every line again, uncached. So a price here may be
  // up to 10 s old, and a warm instance does not ask the catalog again for every basket edit.
  findCatalogProducts: buildFindCatalogProducts(requireEnv('PRODUCT_API_URL'), { cacheTtlMs: 10_000 }),
  saveBasket: buildSaveBasket(documentClient, requireEnv('BASKET_TABLE_NAME')),
  now: () => new Date(),
  newId: randomUUID,
});

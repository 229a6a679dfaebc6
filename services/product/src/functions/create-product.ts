import { randomUUID } from 'node:crypto';
import { requireEnv, signedInHttpEnvironment } from '@eshop/shared';
import { documentClient } from '@eshop/shared/clients/dynamodb';
import { createProductHandler } from '../handlers/create-product.js';
import { buildSaveNewProduct } from '../store/product-table.js';

export const handler = createProductHandler({
  ...signedInHttpEnvironment('product'),
  saveNewProduct: buildSaveNewProduct(documentClient, requireEnv('PRODUCT_TABLE_NAME')),
  now: () => new Date(),
  newId: randomUUID,
});

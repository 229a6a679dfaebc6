import { requireEnv, signedInHttpEnvironment } from '@eshop/shared';
import { documentClient } from '@eshop/shared/clients/dynamodb';
import { updateProductHandler } from '../handlers/update-product.js';
import { buildUpdateProduct } from '../store/product-table.js';

export const handler = updateProductHandler({
  ...signedInHttpEnvironment('product'),
  updateProduct: buildUpdateProduct(documentClient, requireEnv('PRODUCT_TABLE_NAME')),
  now: () => new Date(),
});

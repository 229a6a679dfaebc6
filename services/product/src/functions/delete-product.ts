import { requireEnv, signedInHttpEnvironment } from '@eshop/shared';
import { documentClient } from '@eshop/shared/clients/dynamodb';
import { deleteProductHandler } from '../handlers/delete-product.js';
import { buildDeleteProduct } from '../store/product-table.js';

export const handler = deleteProductHandler({
  ...signedInHttpEnvironment('product'),
  deleteProduct: buildDeleteProduct(documentClient, requireEnv('PRODUCT_TABLE_NAME')),
});

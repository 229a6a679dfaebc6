import { httpEnvironment, requireEnv } from '@eshop/shared';
import { documentClient } from '@eshop/shared/clients/dynamodb';
import { getProductHandler } from '../handlers/get-product.js';
import { buildFindProduct } from '../store/product-table.js';

export const handler = getProductHandler({
  ...httpEnvironment('product'),
  findProduct: buildFindProduct(documentClient, requireEnv('PRODUCT_TABLE_NAME')),
});

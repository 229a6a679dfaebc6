import { httpEnvironment, requireEnv } from '@eshop/shared';
import { documentClient } from '@eshop/shared/clients/dynamodb';
import { listProductsHandler } from '../handlers/list-products.js';
import { buildListProducts } from '../store/product-table.js';

export const handler = listProductsHandler({
  ...httpEnvironment('product'),
  listProducts: buildListProducts(documentClient, requireEnv('PRODUCT_TABLE_NAME')),
});

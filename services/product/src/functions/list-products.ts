import { httpEnvironment, requireEnv } from '@eshop/shared';
import { documentClient } from '@eshop/shared/clients/dynamodb';
import { listProductsHandler } from '../handlers/list-products.js';
import { buildFindProducts, buildListProducts } from '../store/product-table.js';

const tableName = requireEnv('PRODUCT_TABLE_NAME');

export const handler = listProductsHandler({
  ...httpEnvironment('product'),
  listProducts: buildListProducts(documentClient, tableName),
  findProducts: buildFindProducts(documentClient, tableName),
});

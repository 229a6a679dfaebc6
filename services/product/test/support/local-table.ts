import { localCloud } from '@eshop/local-cloud/testing';
import { createDocumentClient } from '@eshop/shared';
import { productTable } from '../../src/store/product-table.js';

/** A document client and the product table's adapters, on the test run's DynamoDB Local. */
export const localProductTable = () => {
  const documentClient = createDocumentClient(localCloud().aws('dynamodb'));
  const tableName = localCloud().env('product', 'PRODUCT_TABLE_NAME');
  return { documentClient, tableName, ...productTable(documentClient, tableName) };
};

import { LOCAL_CREDENTIALS, LOCAL_REGION } from '@eshop/local-cloud';
import { createDocumentClient } from '@eshop/shared';
import { inject } from 'vitest';
import { productTable } from '../../src/store/product-table.js';

/** A document client and the product table's adapters, on the test run's DynamoDB Local. */
export const localProductTable = () => {
  const documentClient = createDocumentClient({
    endpoint: inject('dynamodbEndpoint'),
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
  });
  const tableName = inject('productTableName');
  return { documentClient, tableName, ...productTable(documentClient, tableName) };
};

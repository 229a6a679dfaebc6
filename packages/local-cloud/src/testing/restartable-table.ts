import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createTableLike } from '../dynamodb/create-tables.js';
import { localDocumentClient } from './local-clients.js';
import {
  type RestartableDynamoDbLocal,
  startRestartableDynamoDbLocal,
} from './restartable-dynamodb-local.js';

export interface RestartableTable extends Omit<RestartableDynamoDbLocal, 'endpoint'> {
  tableName: string;
  /** A client on the private DynamoDB Local; it keeps working across `stop()` and `start()`. */
  documentClient: DynamoDBDocumentClient;
}

/**
 * For outage tests: a table shaped like one of the local cloud's (`sourceTableName` at
 * `sourceEndpoint`), alone on a private DynamoDB Local that the test can stop and start again on
 * the same port with the same data. `dispose` removes everything.
 *
 * @example
 * const table = await restartableTableLike(endpoints.dynamodb, 'eshop-product-local-products', 'products-outage');
 * await table.stop(); // requests now fail to connect
 */
export const restartableTableLike = async (
  sourceEndpoint: string,
  sourceTableName: string,
  tableName: string,
): Promise<RestartableTable> => {
  const ddb = await startRestartableDynamoDbLocal();
  try {
    await createTableLike(sourceEndpoint, sourceTableName, tableName, ddb.endpoint);
  } catch (error) {
    await ddb.dispose();
    throw error;
  }
  const documentClient = localDocumentClient(ddb.endpoint);
  return {
    tableName,
    documentClient,
    stop: ddb.stop,
    start: ddb.start,
    dispose: async () => {
      documentClient.destroy();
      await ddb.dispose();
    },
  };
};

import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import { createTableLike } from '../dynamodb/create-tables.js';
import { localCloud } from './local-cloud-context.js';
import { type RestartableTable, restartableTableLike } from './restartable-table.js';

/**
 * A table shaped like the local cloud's `sourceTableName`, on its DynamoDB Local, for this test
 * file alone: named `<prefix>-<random>`, created before the file's tests and dropped after them.
 * Call it at the top of the file, before hooks that use the table. Answers the table's name.
 *
 * @example
 * const tableName = tableLikeForThisFile(localCloud().env('product', 'PRODUCT_TABLE_NAME'), 'products-fuzz');
 */
export const tableLikeForThisFile = (sourceTableName: string, prefix: string): string => {
  const tableName = `${prefix}-${randomUUID().slice(0, 8)}`;
  let drop: () => Promise<void> = async () => undefined;
  beforeAll(async () => {
    drop = await createTableLike(localCloud().endpoints.dynamodb, sourceTableName, tableName);
  });
  afterAll(() => drop());
  return tableName;
};

/**
 * For outage tests: `restartableTableLike` the local cloud's `sourceTableName`, started before this
 * file's tests and disposed after them. The answer stands for the table while the tests run.
 *
 * @example
 * const table = restartableTableForThisFile(localCloud().env('ordering', 'ORDER_TABLE_NAME'), 'orders-outage');
 * it('…', async () => { await table.stop(); … });
 */
export const restartableTableForThisFile = (sourceTableName: string, tableName: string): RestartableTable => {
  let table: RestartableTable | undefined;
  beforeAll(async () => {
    table = await restartableTableLike(localCloud().endpoints.dynamodb, sourceTableName, tableName);
  }, 120_000);
  afterAll(() => table?.dispose());
  const started = (): RestartableTable => {
    if (table === undefined) throw new Error(`${tableName} is used before its beforeAll hook ran`);
    return table;
  };
  return {
    tableName,
    get documentClient() {
      return started().documentClient;
    },
    stop: () => started().stop(),
    start: () => started().start(),
    dispose: () => started().dispose(),
  };
};

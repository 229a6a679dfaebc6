import { startFaultProxy } from '../faults/fault-proxy.js';
import { localDocumentClient } from './local-clients.js';
import { localCloud } from './local-cloud-context.js';

/**
 * A document client on the local cloud's DynamoDB through a fault proxy that answers every call of
 * one operation with one AWS error, before it reaches DynamoDB (so nothing is written): for tests
 * of what a store does when DynamoDB fails that way. The SDK's retries meet the same error.
 *
 * @example
 * const { documentClient, stop } = await dynamoDbFailing('PutItem', 'InternalServerError');
 */
export const dynamoDbFailing = async (operation: string, error: string) => {
  const proxy = await startFaultProxy({
    service: 'dynamodb',
    upstream: localCloud().endpoints.dynamodb,
    enabled: true,
    operations: { [operation]: { errorBeforeForward: 1 } },
    errors: [error],
  });
  const documentClient = localDocumentClient(proxy.url);
  return {
    documentClient,
    stop: async () => {
      documentClient.destroy();
      await proxy.stop();
    },
  };
};

/**
 * A document client whose every TransactWriteItems DynamoDB cancels for a conflict
 * (`TransactionCanceledException`, reason `TransactionConflict`), as it does when another
 * transaction holds an item.
 *
 * @example
 * const { documentClient, stop } = await dynamoDbCancellingTransactions();
 */
export const dynamoDbCancellingTransactions = () =>
  dynamoDbFailing('TransactWriteItems', 'TransactionConflict');

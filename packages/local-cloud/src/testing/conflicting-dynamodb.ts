import { startFaultProxy } from '../faults/fault-proxy.js';
import { localDocumentClient } from './local-clients.js';
import { localCloud } from './local-cloud-context.js';

/**
 * A document client on the local cloud's DynamoDB through a fault proxy that cancels every
 * TransactWriteItems for a conflict (`TransactionCanceledException`, reason `TransactionConflict`),
 * as DynamoDB does when another transaction holds an item: for tests of what a store does then.
 *
 * @example
 * const { documentClient, stop } = await dynamoDbCancellingTransactions();
 */
export const dynamoDbCancellingTransactions = async () => {
  const proxy = await startFaultProxy({
    service: 'dynamodb',
    upstream: localCloud().endpoints.dynamodb,
    enabled: true,
    operations: { TransactWriteItems: { errorBeforeForward: 1 } },
    errors: ['TransactionConflict'],
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

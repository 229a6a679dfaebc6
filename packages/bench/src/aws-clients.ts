import { Agent } from 'node:http';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** The table names the local cloud creates (stage `local`, from each serverless.yml). */
export const TABLES = {
  product: 'eshop-product-local-products',
  basket: 'eshop-basket-local-baskets',
  order: 'eshop-ordering-local-orders',
} as const;

/**
 * A document client on DynamoDB Local with enough keep-alive sockets for the highest concurrency
 * measured: with the SDK's default of 50 a 64-way floor would queue for sockets and measure that.
 * Without keep-alive, every request opens a new connection, as a function's cold start does.
 */
export const benchDocumentClient = (
  endpoint: string,
  maxSockets = 128,
  { keepAlive = true }: { keepAlive?: boolean } = {},
): DynamoDBDocumentClient =>
  DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      maxAttempts: 1,
      requestHandler: { httpAgent: new Agent({ keepAlive, maxSockets }) },
    }),
    { marshallOptions: { removeUndefinedValues: true } },
  );

import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { AWS_CALL_TIMEOUTS } from './timeouts.js';

/**
 * Creates the DynamoDB document client a service uses for its whole container lifetime.
 * Create it once at init (module scope), never per request: the SDK keeps connections alive.
 * The endpoint comes from the SDK's standard `AWS_ENDPOINT_URL_DYNAMODB` locally. Each attempt
 * times out (`AWS_CALL_TIMEOUTS`) well within a function's timeout.
 *
 * @example
 * const documentClient = createDocumentClient();
 */
export const createDocumentClient = (config: DynamoDBClientConfig = {}): DynamoDBDocumentClient =>
  DynamoDBDocumentClient.from(
    new DynamoDBClient({ maxAttempts: 3, requestHandler: AWS_CALL_TIMEOUTS, ...config }),
    {
      marshallOptions: { removeUndefinedValues: true },
    },
  );

/** True when a conditional write was rejected because its condition did not hold. */
export const isConditionalCheckFailed = (error: unknown): boolean =>
  typeof error === 'object' &&
  error !== null &&
  (error as { name?: unknown }).name === 'ConditionalCheckFailedException';
